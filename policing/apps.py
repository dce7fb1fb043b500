from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "policing"
    verbose_name = _("Community policing")

    def ready(self):
        from accounts.units import UnitArea
        from programmes import fragments
        from programmes.registry import (
            NavItem,
            register_dashboard_panel,
            register_demo_plan,
            register_demo_seeder,
            register_home_panel,
            register_nav,
            register_sector_default,
            register_summary_rebuilder,
        )

        from . import dashboard_panels, indicator_rules, report_kinds, summaries
        from .demo import PLAN, seed_policing

        register_nav(NavItem(_("Community policing"), "policing:index", unit_area=UnitArea.POLICING, order=20))
        register_demo_plan(UnitArea.POLICING, PLAN)
        register_sector_default(UnitArea.POLICING, "15210")  # DAC CRS: Security system management and reform
        register_demo_seeder(seed_policing)
        for panel in dashboard_panels.PANELS:
            register_dashboard_panel(panel)
        register_home_panel(dashboard_panels.HOME_PANEL)
        indicator_rules.register()
        report_kinds.register()
        summaries.connect()
        register_summary_rebuilder(summaries.rebuild)
        fragments.watch(self)  # this unit's cached pages follow its records
