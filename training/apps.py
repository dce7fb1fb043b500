from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "training"
    verbose_name = _("Public assembly management training")

    def ready(self):
        import audit
        from accounts import access
        from accounts.units import UnitArea
        from programmes import fragments
        from programmes.registry import (
            NavItem,
            register_dashboard_panel,
            register_demo_plan,
            register_demo_seeder,
            register_nav,
            register_sector_default,
        )

        from . import dashboard_panels, indicator_rules, report_kinds
        from .demo import PLAN, seed_training

        register_nav(NavItem(_("Assembly training"), "training:index", unit_area=UnitArea.ASSEMBLY, order=30))
        register_demo_plan(UnitArea.ASSEMBLY, PLAN)
        register_sector_default(UnitArea.ASSEMBLY, "15160")  # DAC CRS: Human rights (freedom of peaceful assembly)
        register_demo_seeder(seed_training)
        for panel in dashboard_panels.PANELS:
            register_dashboard_panel(panel)
        indicator_rules.register()
        report_kinds.register()
        # A certificate names its holder: its history on the audit page follows the participant-name rule.
        audit.scope_history(
            "training.historicalcertificate",
            lambda viewer, rows: rows.filter(
                participation__activity__unit_area__in=access.name_visible_unit_areas(viewer)
            ),
        )
        fragments.watch(self)  # this unit's cached pages follow its records
