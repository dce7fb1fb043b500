from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounterterrorismConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "counterterrorism"
    verbose_name = _("Counter-terrorism and organised crime")

    def ready(self):
        from accounts import access
        from accounts.units import UnitArea
        from programmes import fragments, registry
        from programmes.models import ParticipantMode

        from . import dashboard_panels, indicator_rules, report_kinds
        from .demo import PLAN, seed_demo

        # Participants from security services are usually not to be named: new activities start in headcount mode,
        # and names entered anyway are shown only to this unit's staff and managers.
        registry.register_activity_defaults(UnitArea.COUNTERTERRORISM, participant_mode=ParticipantMode.HEADCOUNT)
        access.restrict_names_to_unit(UnitArea.COUNTERTERRORISM)
        registry.register_nav(
            registry.NavItem(
                _("Counter-terrorism"), "counterterrorism:index", unit_area=UnitArea.COUNTERTERRORISM, order=40
            )
        )
        registry.register_demo_plan(UnitArea.COUNTERTERRORISM, PLAN)
        registry.register_sector_default(
            UnitArea.COUNTERTERRORISM, "15210"
        )  # DAC CRS: Security system management and reform
        registry.register_demo_seeder(seed_demo)
        for panel in dashboard_panels.PANELS:
            registry.register_dashboard_panel(panel)
        indicator_rules.register()
        report_kinds.register()
        fragments.watch(self)  # this unit's cached pages follow its records
