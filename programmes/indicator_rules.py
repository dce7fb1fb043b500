"""Rules that compute an indicator's actual from activity data.

Each rule answers two questions for an indicator and a period: the figure (total, women, men) and the activities it
came from (the drill-down). Core rules live here; unit apps register their own (CAGs active, NAP measures
supported, a course's graduates) through `register_rule`.

Counting rules, the same everywhere in the portal:
- Activities count once they happened: completed, submitted, returned or approved; planned and cancelled do not.
- Person-trainings: every participation on a roster, or the headcount of an activity recorded without names.
- Unique people: distinct named people; people counted only as a headcount cannot be told apart, so each headcount
  adds its number (documented in the indicator page's help).
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from .models import Activity, ActivityStatus, ParticipantMode, Participation, PartnerRole, Sex

COUNTED_STATUSES = (
    ActivityStatus.COMPLETED,
    ActivityStatus.SUBMITTED,
    ActivityStatus.RETURNED,
    ActivityStatus.APPROVED,
)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    women: Decimal | None = None
    men: Decimal | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    compute: Callable  # (indicator, start, end) -> Figure
    activities: Callable  # (indicator, start, end) -> Activity queryset behind the figure
    # The figure is stored per period and kept current on write (programmes.summaries). Only for rules whose inputs
    # are activities (with their themes and partners), participations and people: the writes that keep it current.
    # A unit rule with other inputs connects their writes to programmes.summaries itself (training's course links).
    summarised: bool = False


RULES: dict[str, Rule] = {}


def register_rule(rule: Rule) -> None:
    RULES[rule.code] = rule


def rule_choices():
    return [("manual", _("Entered per period with a narrative and evidence"))] + [
        (r.code, r.label) for r in RULES.values()
    ]


def counted_activities(indicator, start, end):
    """The project's activities in the period that match the indicator's filters."""
    activities = Activity.objects.filter(
        project_id=indicator.result.project_id,
        start_date__gte=start,
        start_date__lte=end,
        status__in=COUNTED_STATUSES,
    )
    if indicator.rule_kind:
        activities = activities.filter(kind=indicator.rule_kind)
    if indicator.rule_location_id:
        activities = activities.filter(location_id=indicator.rule_location_id)
    theme_ids = [t.pk for t in indicator.rule_themes.all()]
    if theme_ids:
        activities = activities.filter(themes__in=theme_ids).distinct()
    return activities


def _partner_ids(indicator):
    return [p.pk for p in indicator.rule_partners.all()]


def _people_activities(indicator, start, end):
    activities = counted_activities(indicator, start, end)
    partners = _partner_ids(indicator)
    if partners:
        activities = activities.filter(
            Q(participations__person__organisation__in=partners)
            | Q(participant_mode=ParticipantMode.HEADCOUNT, partner_links__partner__in=partners,
                partner_links__role=PartnerRole.BENEFICIARY)
        ).distinct()  # fmt: skip
    return activities


def _roster(indicator, activities):
    participations = Participation.objects.filter(
        activity__in=activities.filter(participant_mode=ParticipantMode.ROSTER).values("pk")
    )
    partners = _partner_ids(indicator)
    if partners:
        participations = participations.filter(person__organisation__in=partners)
    return participations


def headcount_totals(activities):
    totals = activities.filter(participant_mode=ParticipantMode.HEADCOUNT).aggregate(
        women=Sum("headcount_women"), men=Sum("headcount_men"), other=Sum("headcount_unrecorded")
    )
    return {k: Decimal(v or 0) for k, v in totals.items()}


def _people_figure(indicator, start, end, *, distinct: bool) -> Figure:
    activities = counted_activities(indicator, start, end)
    if not distinct and not _partner_ids(indicator):
        # Every participation counts: the per-activity summaries already hold the sums.
        totals = activities.aggregate(
            women=Sum("participants_women"), men=Sum("participants_men"), other=Sum("participants_unrecorded")
        )
        women, men, other = (Decimal(totals[k] or 0) for k in ("women", "men", "other"))
        return Figure(value=women + men + other, women=women, men=men)
    field = "person" if distinct else "id"
    roster = _roster(indicator, activities).aggregate(
        total=Count(field, distinct=distinct),
        women=Count(field, distinct=distinct, filter=Q(person__sex=Sex.FEMALE)),
        men=Count(field, distinct=distinct, filter=Q(person__sex=Sex.MALE)),
    )
    headcount_activities = activities
    partners = _partner_ids(indicator)
    if partners:
        headcount_activities = activities.filter(
            partner_links__partner__in=partners, partner_links__role=PartnerRole.BENEFICIARY
        ).distinct()
    heads = headcount_totals(headcount_activities)
    return Figure(
        value=roster["total"] + heads["women"] + heads["men"] + heads["other"],
        women=roster["women"] + heads["women"],
        men=roster["men"] + heads["men"],
    )


def _activity_count(indicator, start, end) -> Figure:
    return Figure(value=Decimal(counted_activities(indicator, start, end).count()))


register_rule(Rule("activity_count", _("Number of activities"), _activity_count, counted_activities, summarised=True))
register_rule(
    Rule(
        "person_trainings",
        _("Person-trainings (every participation counts)"),
        lambda i, s, e: _people_figure(i, s, e, distinct=False),
        _people_activities,
        summarised=True,
    )
)
register_rule(
    Rule(
        "unique_people",
        _("Unique people trained"),
        lambda i, s, e: _people_figure(i, s, e, distinct=True),
        _people_activities,
        summarised=True,
    )
)
