from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraffickingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trafficking"
    verbose_name = _("Trafficking in human beings")
