"""Panels of the community-policing unit dashboard (registered in PolicingConfig.ready).

Each context function gets the dashboard filters and issues a fixed number of queries. Groups are not tied to a
project or partner, so of the filters only the period and the location apply. Group status and action status are
what they are today (no history is kept of them); the period decides which meetings count and the day "silence"
and "overdue" are judged on: the period end, or today if the period runs on.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import access
from programmes.registry import DashboardPanel, HomePanel

from . import selectors
from .models import UNIT, CagStatus

OVERDUE_SHOWN = 5


def _as_of(filters):
    return min(filters["date_to"], timezone.localdate())


def cags_panel(user, filters) -> dict:
    """Groups by status with the meetings they held in the period, and the groups silent for two quarters."""
    if not access.can_see_unit(user, UNIT):
        return {"statuses": [], "silent": []}
    as_of = _as_of(filters)
    data = selectors.rollout(user, today=as_of)
    groups = data["groups"]
    where = {}
    if filters["location"]:
        groups = [g for g in groups if g.location_id == filters["location"]]
        where["cag__location_id"] = filters["location"]
    totals = selectors.held_totals(("cag__status",), as_of, filters["date_from"], **where)
    held = {status: row["n"] for (status,), row in totals.items()}
    statuses = [
        {
            "status": status,
            "label": label,
            "groups": sum(1 for g in groups if g.status == status),
            "meetings": held.get(status, 0),
        }
        for status, label in CagStatus.choices
    ]
    return {
        "statuses": statuses,
        "total_groups": len(groups),
        "total_meetings": sum(held.values()),
        "silent": [g for g in groups if g.silent],
        "silent_since": data["silent_since"],
        "as_of": as_of,
    }


def overdue_panel(user, filters) -> dict:
    """Follow-up actions still open after their due date, as of the period end: the count and the oldest few."""
    as_of = _as_of(filters)
    actions = selectors.overdue_actions_for(user, today=as_of)
    if filters["location"]:
        actions = actions.filter(issue__meeting__cag__location_id=filters["location"])
    count = selectors.overdue_count(user, as_of, filters["location"])
    return {"count": count, "actions": list(actions[:OVERDUE_SHOWN]), "as_of": as_of}


def overdue_home_panel(user) -> dict:
    """The managers' home page: overdue follow-up actions as of today, wherever they are."""
    return overdue_panel(user, {"date_to": timezone.localdate(), "location": None})


def _manager_of_policing(user) -> bool:
    return access.is_manager(user) and access.can_see_unit(user, UNIT)


HOME_PANEL = HomePanel(_("Overdue CAG follow-up actions"), "policing/_panel_overdue.html", overdue_home_panel,
                       _manager_of_policing, order=20)  # fmt: skip

PANELS = [
    DashboardPanel(UNIT, _("Community Advisory Groups"), "policing/_panel_cags.html", cags_panel, order=10),
    DashboardPanel(UNIT, _("Overdue follow-up actions"), "policing/_panel_overdue.html", overdue_panel, order=11),
]
