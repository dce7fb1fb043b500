"""Reads for the counter-terrorism pages: every aggregate is done in the database in a fixed number of queries."""

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from programmes import workflow
from programmes.models import (
    Activity,
    ActivityKind,
    ActivityPartner,
    ActivityStatus,
    ParticipantMode,
    Participation,
    ParticipationRole,
    Partner,
    PartnerRole,
    Theme,
)

from .models import UNIT, Milestone, MilestoneStatus, Strategy

# Planned and cancelled activities trained nobody.
NOT_HELD = (ActivityStatus.PLANNED, ActivityStatus.CANCELLED)
EVENT_KINDS = (ActivityKind.CONFERENCE, ActivityKind.ROUND_TABLE)
EVENT_ROLES = (ParticipationRole.MODERATOR, ParticipationRole.SPEAKER)
_TOTAL = F("activity__participants_women") + F("activity__participants_men") + F("activity__participants_unrecorded")


def held_activities(user):
    return Activity.objects.for_user(user).filter(unit_area=UNIT).exclude(status__in=NOT_HELD)


def theme_summary():
    """Activities and person-trainings per thematic area (core themes of this unit); the view checks access."""
    held = Q(activities__unit_area=UNIT) & ~Q(activities__status__in=NOT_HELD)
    total = F("activities__participants_women") + F("activities__participants_men")
    return (
        Theme.objects.filter(unit_area=UNIT)
        .annotate(
            activity_count=Count("activities", filter=held),
            person_trainings=Coalesce(Sum(total + F("activities__participants_unrecorded"), filter=held), Value(0)),
        )
        .order_by("name")
    )


def _beneficiary_links(year=None, activities=None):
    links = ActivityPartner.objects.filter(role=PartnerRole.BENEFICIARY, activity__unit_area=UNIT).exclude(
        activity__status__in=NOT_HELD
    )
    if year:
        links = links.filter(activity__start_date__year=year)
    if activities is not None:
        links = links.filter(activity__in=activities.values("pk"))
    return links


def beneficiary_summary(*, year=None, activities=None, limit=None) -> list[dict]:
    """Per beneficiary institution: activities, person-trainings (roster or headcount) and unique named people.

    Two grouped queries whatever the data size; unique people come from the roster only, because headcounts cannot
    be told apart across activities. `activities` narrows the count to those activities (e.g. a dashboard's
    filters) and `limit` keeps the institutions with the most person-trainings.
    """
    links = _beneficiary_links(year, activities)
    rows = (
        links.values("partner_id", "partner__name", "partner__acronym")
        .annotate(
            activities=Count("id"),
            women=Sum("activity__participants_women"),
            men=Sum("activity__participants_men"),
            person_trainings=Sum(_TOTAL),
            headcount=Coalesce(Sum(_TOTAL, filter=Q(activity__participant_mode=ParticipantMode.HEADCOUNT)), 0),
        )
        .order_by("-person_trainings", "partner__name")
    )
    rows = list(rows[:limit] if limit else rows)
    if limit:
        links = links.filter(partner_id__in=[row["partner_id"] for row in rows])
    people = dict(links.values_list("partner_id").annotate(n=Count("activity__participations__person", distinct=True)))
    for row in rows:
        row["unique_people"] = people.get(row["partner_id"], 0)
    return rows


def beneficiary_years() -> list[int]:
    return [d.year for d in _beneficiary_links().dates("activity__start_date", "year", order="DESC")]


def beneficiary_partner(partner_pk):
    """The partner, if it was a beneficiary of a counter-terrorism activity; else None (a 404)."""
    return Partner.objects.filter(pk=partner_pk, activity_links__in=_beneficiary_links()).distinct().first()


def activities_for_beneficiary(user, partner):
    return (
        held_activities(user)
        .filter(partner_links__partner=partner, partner_links__role=PartnerRole.BENEFICIARY)
        .select_related("location")
        .order_by("-start_date", "-id")
    )


def _count_subquery(queryset, field="pk"):
    return Coalesce(
        Subquery(queryset.order_by().values(field).annotate(c=Count("*")).values("c")[:1], output_field=IntegerField()),
        0,
    )


def strategies_for(user):
    today = timezone.localdate()
    open_ = ~Q(milestones__status__in=[MilestoneStatus.DONE, MilestoneStatus.DROPPED])
    through = Strategy.activities.through.objects.filter(strategy=OuterRef("pk"))
    return (
        Strategy.objects.for_user(user)
        .select_related("lead_partner")
        .annotate(
            milestones_total=Count("milestones"),
            milestones_done=Count("milestones", filter=Q(milestones__status=MilestoneStatus.DONE)),
            milestones_overdue=Count("milestones", filter=open_ & Q(milestones__due_date__lt=today)),
            activity_count=_count_subquery(through, "strategy"),
        )
    )


CLOSED_MILESTONES = (MilestoneStatus.DONE, MilestoneStatus.DROPPED)


def overdue_milestones(user, today=None):
    """Milestones neither done nor dropped whose due date has passed, oldest first, with their strategy."""
    today = today or timezone.localdate()
    return (
        Milestone.objects.for_user(user)
        .exclude(status__in=CLOSED_MILESTONES)
        .filter(due_date__lt=today)
        .select_related("strategy")
        .order_by("due_date", "id")
    )


def linkable_activities(user, strategy, query: str, limit: int = 20):
    """Counter-terrorism activities matching a title search, for linking to a strategy."""
    qs = Activity.objects.editable_by(user).filter(unit_area=UNIT).exclude(ct_strategies=strategy)
    qs = qs.exclude(status__in=workflow.LOCKED_FOR_ALL)  # approved: no longer linked or unlinked
    if query:
        qs = qs.filter(title__icontains=query)
    return qs.select_related("location").order_by("-start_date", "-id")[:limit]


def events_for(user):
    """Conferences and round tables of the unit, with their event detail and number of moderators and speakers."""
    speakers = Participation.objects.filter(activity=OuterRef("pk"), role__in=EVENT_ROLES)
    return (
        Activity.objects.for_user(user)
        .filter(unit_area=UNIT, kind__in=EVENT_KINDS)
        .select_related("location", "ct_event")
        .annotate(speaker_count=_count_subquery(speakers, "activity"))
        .order_by("-start_date", "-id")
    )


def event_contributors(activity):
    return (
        Participation.objects.filter(activity=activity, role__in=EVENT_ROLES)
        .select_related("person__organisation")
        .order_by("role", "person__last_name", "id")
    )
