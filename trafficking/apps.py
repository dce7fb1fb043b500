from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraffickingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trafficking"
    verbose_name = _("Trafficking in human beings")

    def ready(self):
        from accounts.units import UnitArea
        from programmes import fragments, registry

        from . import dashboard_panels, indicator_rules, report_kinds, services
        from .demo import PLAN, seed_demo

        registry.register_nav(
            registry.NavItem(_("Trafficking"), "trafficking:index", unit_area=UnitArea.TRAFFICKING, order=50)
        )
        registry.register_demo_plan(UnitArea.TRAFFICKING, PLAN)
        registry.register_sector_default(
            UnitArea.TRAFFICKING, "15160"
        )  # DAC CRS: Human rights (anti-trafficking, victims' rights)
        registry.register_demo_seeder(seed_demo)
        for panel in dashboard_panels.PANELS:
            registry.register_dashboard_panel(panel)
        indicator_rules.register()
        report_kinds.register()
        registry.register_import_kind(services.NRM_IMPORT, _("NRM statistics"))
        fragments.watch(self)  # this unit's cached pages follow its records
