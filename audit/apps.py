from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = _("Audit")

    def ready(self):
        from accounts import access
        from programmes.registry import NavItem, register_nav

        register_nav(
            NavItem(_("Audit"), "audit:changes", visible=access.is_administrator, order=900, menu=_("Administration"))
        )
