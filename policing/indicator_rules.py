"""Indicator rule of the community-policing unit: Community Advisory Groups active at the end of a period.

Groups belong to police departments, not to projects, so the figure counts the unit's groups (in the indicator's
location, if it names one) whatever project the indicator belongs to. A group counts when it is active and was
established by the period end; only the current status is kept, so a group that went dormant since no longer counts
for open periods (approved periods keep the figure they were approved with). The drill-down lists the meetings
those groups held in the period.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from programmes.indicator_rules import COUNTED_STATUSES, Figure, Rule, register_rule
from programmes.models import Activity

from .models import CagStatus, CommunityAdvisoryGroup


def _active_groups(indicator, end):
    groups = CommunityAdvisoryGroup.objects.filter(status=CagStatus.ACTIVE, established_on__lte=end)
    if indicator.rule_location_id:
        groups = groups.filter(location_id=indicator.rule_location_id)
    return groups


def compute(indicator, start, end) -> Figure:
    return Figure(value=Decimal(_active_groups(indicator, end).count()))


def meetings(indicator, start, end):
    """The meetings the counted groups held in the period."""
    return Activity.objects.filter(
        cag_meeting__cag__in=_active_groups(indicator, end).values("pk"),
        start_date__gte=start,
        start_date__lte=end,
        status__in=COUNTED_STATUSES,
    )


def register() -> None:
    register_rule(Rule("cags_active", _("Community Advisory Groups active at the period end"), compute, meetings))
