"""Panels of the counter-terrorism unit dashboard (registered in CounterterrorismConfig.ready).

Beneficiaries are counted over the unit's activities within every dashboard filter, through the selector behind the
beneficiaries page. Milestones belong to strategies, not to projects or places, so only the period applies to them:
a milestone is overdue when it is still open and was due before the period end (or today, if the period runs on).
Each panel issues a fixed number of queries.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import access
from programmes.dashboard import filtered_activities as dashboard_activities
from programmes.registry import DashboardPanel

from . import selectors
from .models import UNIT

TOP_BENEFICIARIES = 10
OVERDUE_SHOWN = 8


def beneficiaries_panel(user, filters) -> dict:
    """The beneficiary institutions with the most person-trainings in the period."""
    if not access.can_see_unit(user, UNIT):
        return {"rows": []}
    activities = dashboard_activities(user, {**filters, "unit_area": UNIT})
    return {"rows": selectors.beneficiary_summary(activities=activities, limit=TOP_BENEFICIARIES)}


def milestones_panel(user, filters) -> dict:
    """Strategy and membership milestones still open after their due date, as of the period end."""
    as_of = min(filters["date_to"], timezone.localdate())
    milestones = selectors.overdue_milestones(user, as_of)
    return {"count": milestones.count(), "milestones": list(milestones[:OVERDUE_SHOWN]), "as_of": as_of}


PANELS = [
    DashboardPanel(UNIT, _("Top beneficiary institutions"), "counterterrorism/_panel_beneficiaries.html",
                   beneficiaries_panel, order=10),
    DashboardPanel(UNIT, _("Overdue strategy milestones"), "counterterrorism/_panel_milestones.html",
                   milestones_panel, order=11),
]  # fmt: skip
