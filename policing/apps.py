from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "policing"
    verbose_name = _("Community policing")
