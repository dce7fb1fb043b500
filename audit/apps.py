from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = _("Audit")
    # No ready(): audit sits below programmes (import contracts in pyproject.toml), so its navigation entry is
    # registered by programmes (programmes/apps.py), which already imports it.
