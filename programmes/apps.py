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
        register_nav(NavItem(_("Dashboard"), "dashboard", visible=access.can_view_dashboards, order=5))
        register_nav(NavItem(_("Indicators"), "indicator_list", visible=access.can_view_dashboards, order=30))
        register_nav(NavItem(_("Administration"), "admin:index", visible=access.is_administrator, order=900))
        self._invalidate_dashboards_on_change()

    def _invalidate_dashboards_on_change(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import dashboard
        from .models import Activity, ActivityPartner, IndicatorPeriod, Participation

        for model in (Activity, ActivityPartner, IndicatorPeriod, Participation):
            post_save.connect(dashboard.invalidate, sender=model, dispatch_uid=f"dashboard-save-{model.__name__}")
            post_delete.connect(dashboard.invalidate, sender=model, dispatch_uid=f"dashboard-delete-{model.__name__}")
        m2m_changed.connect(dashboard.invalidate, sender=Activity.themes.through, dispatch_uid="dashboard-themes")
