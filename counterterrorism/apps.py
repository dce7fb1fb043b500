from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounterterrorismConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "counterterrorism"
    verbose_name = _("Counter-terrorism and organised crime")
