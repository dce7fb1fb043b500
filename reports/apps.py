from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from accounts import access
        from programmes.registry import NavItem, register_home_panel, register_nav

        from . import home_panels
        from .builders import register_builtin_kinds

        register_nav(NavItem(_("Reports"), "reports:index", visible=access.can_request_reports, order=800))
        register_builtin_kinds()
        register_home_panel(home_panels.PANEL)
