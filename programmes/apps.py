from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from accounts import access

        from .registry import NavItem, register_nav

        register_nav(NavItem(_("Home"), "home", order=0))
        register_nav(NavItem(_("Activities"), "activity_list", visible=access.can_view_dashboards, order=10))
        register_nav(NavItem(_("Review"), "review_queue", visible=access.can_review, order=20))
        register_nav(NavItem(_("Administration"), "admin:index", visible=access.is_administrator, order=900))
