"""Small registries through which unit apps plug into shared parts of the portal.

Core code never branches on a unit area: a unit app registers its navigation entries and demo data here (in its
AppConfig.ready), and the core walks the registry.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str  # lazily translated
    url_name: str
    unit_area: str | None = None  # shown only to users who may see this unit area
    # Or any other check on the user, through accounts.access only: the menu is cached per access.decision_inputs.
    visible: Callable | None = None
    order: int = 100
    # Entries with the same menu label share one drop-down menu (unit pages share "Programme areas" on their own).
    menu: str = ""  # lazily translated


nav_items: list[NavItem] = []
# Callables seeder(*, scale, stdout) that add a unit app's demo data after the core demo data exists.
demo_seeders: list[Callable] = []


def register_nav(item: NavItem) -> None:
    nav_items.append(item)
    nav_items.sort(key=lambda i: i.order)


def register_demo_seeder(func: Callable) -> Callable:
    demo_seeders.append(func)
    return func


# What the core demo data builds for each unit area (a programmes.demo_data.AreaPlan): activities, places, partners,
# the area's demo staff user. Areas without a unit app are registered by programmes.area_defaults.
demo_plans: dict[str, object] = {}


def register_demo_plan(unit_area: str, plan) -> None:
    demo_plans[unit_area] = plan


# The OECD DAC CRS purpose code a new programme of the area starts with (Programme.dac_sector, the IATI sector).
sector_defaults: dict[str, str] = {}


def register_sector_default(unit_area: str, code: str) -> None:
    sector_defaults[unit_area] = code


# Defaults for new activities of a unit area, e.g. headcount mode where participants are usually not named.
activity_defaults: dict[str, dict] = {}


def register_activity_defaults(unit_area: str, **defaults) -> None:
    activity_defaults.setdefault(unit_area, {}).update(defaults)


@dataclass(frozen=True)
class DashboardPanel:
    """A unit app's panel on its unit dashboard: a template and a function building its context."""

    unit_area: str
    title: str  # lazily translated
    template: str
    context: Callable  # (user, filters: dict) -> dict; keep its query count independent of the data size
    order: int = 100
    # An audit.AccessAction value when the panel shows data whose every view is logged (NRM figures: "view_statistics");
    # the dashboard then writes one access record, naming the unit, per request however many such panels it shows.
    access_action: str = ""


dashboard_panels: list[DashboardPanel] = []


def register_dashboard_panel(panel: DashboardPanel) -> None:
    dashboard_panels.append(panel)
    dashboard_panels.sort(key=lambda p: p.order)


@dataclass(frozen=True)
class HomePanel:
    """A panel of the signed-in user's home page that another app adds (reports started, overdue CAG actions)."""

    title: str  # lazily translated
    template: str
    context: Callable  # (user) -> dict, or None when the panel has nothing to show; a fixed number of queries
    visible: Callable  # (user) -> bool: the roles the panel is for
    order: int = 100


home_panels: list[HomePanel] = []


def register_home_panel(panel: HomePanel) -> None:
    home_panels.append(panel)
    home_panels.sort(key=lambda p: p.order)


# Kinds of spreadsheet import ({code: lazily translated label}) whose runs `programmes.import_runs` records; the
# attendance import registers itself, unit and exchange apps theirs (NRM counts, partners).
import_kinds: dict[str, str] = {}


def register_import_kind(code: str, label) -> None:
    import_kinds[code] = label


# Callables rebuild() -> None that recompute a unit app's own summaries from its raw rows; the core's
# `rebuild_summaries` (and so `seed_demo`) runs them after its own, since the core may not import unit apps.
summary_rebuilders: list[Callable] = []


def register_summary_rebuilder(func: Callable) -> Callable:
    summary_rebuilders.append(func)
    return func
