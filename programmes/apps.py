from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from accounts import access

        from . import area_defaults, attendance_import
        from .registry import NavItem, register_import_kind, register_nav

        # No "Home" entry: the portal's name at the left of the bar leads home, and the bar must fit at 1366 px.
        register_nav(NavItem(_("Activities"), "activity_list", visible=access.can_view_dashboards, order=10))
        register_nav(NavItem(_("Review"), "review_queue", visible=access.can_review, order=20))
        register_nav(NavItem(_("Dashboard"), "dashboard", visible=access.can_view_dashboards, order=5))
        register_nav(NavItem(_("Indicators"), "indicator_list", visible=access.can_view_dashboards, order=30))
        # Partners are shared reference records: everyone signed in reads the directory.
        register_nav(NavItem(_("Partners"), "partner_list", order=40))
        register_nav(
            NavItem(_("Back office"), "admin:index", visible=access.is_administrator, order=900,
                    menu=_("Administration"))
        )  # fmt: skip
        area_defaults.register()  # what unit apps register for themselves, for the areas without one
        register_import_kind(attendance_import.KIND, _("Sign-in sheet"))
        # Audit is below programmes and cannot reach the registry (pyproject.toml's layers): its entry goes here.
        register_nav(
            NavItem(_("Audit"), "audit:changes", visible=access.is_administrator, order=900, menu=_("Administration"))
        )
        self._invalidate_dashboards_on_change()
        self._scope_named_history()
        from . import summaries

        summaries.connect()

    def _scope_named_history(self):
        """The audit page shows old and new values: the history of people and participations follows the same
        name rule as the records (accounts.access.can_see_person_names)."""
        import audit
        from accounts import access

        from .models import Person

        audit.scope_history(
            "programmes.historicalperson",
            lambda viewer, rows: rows.filter(id__in=Person.objects.named_for(viewer, unassigned=True).values("pk")),
        )
        audit.scope_history(
            "programmes.historicalparticipation",
            lambda viewer, rows: rows.filter(activity__unit_area__in=access.name_visible_unit_areas(viewer)),
        )

    def _invalidate_dashboards_on_change(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import dashboard
        from .models import Activity, ActivityPartner, IndicatorPeriod, Participation

        for model in (Activity, ActivityPartner, IndicatorPeriod, Participation):
            post_save.connect(dashboard.invalidate, sender=model, dispatch_uid=f"dashboard-save-{model.__name__}")
            post_delete.connect(dashboard.invalidate, sender=model, dispatch_uid=f"dashboard-delete-{model.__name__}")
        m2m_changed.connect(dashboard.invalidate, sender=Activity.themes.through, dispatch_uid="dashboard-themes")
        self._invalidate_fragments_on_reference_change()

    def _invalidate_fragments_on_reference_change(self):
        """Cached filter bars list, and cached rows name, these records (programmes.fragments)."""
        from django.db.models.signals import post_delete, post_save

        from . import fragments
        from .models import Location, Partner, Programme, Project, Theme

        for model in (Location, Partner, Programme, Project, Theme):
            uid = f"fragments-{model.__name__}"
            post_save.connect(fragments.invalidate_reference, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(fragments.invalidate_reference, sender=model, dispatch_uid=f"{uid}-delete")
