"""Summaries kept current on write, so pages read a few rows instead of counting many:

- `PeriodFigure`: the figure of every indicator period whose rule is `summarised` (indicator pages, the off-track
  panel, reports, the API and the IATI export read it instead of counting participations);
- `ActivityMonth`: counted activities and their participants by sex per project, month, place and way of recording
  participants, with the set of people on their rosters (the dashboards add these up, and take the size of the union
  of the sets, instead of reading every activity and participation of the period).

A write touches the periods of its project that contain its date, and that project's month: an activity (its
project and start date before and after the change, its status, mode, kind, place, themes and partners), its roster,
a person's sex or organisation (every period their activities fall in; people with participations cannot be
deleted), an indicator's settings or periods. Each touched period is recomputed by its rule, and each touched
project-month from its activities, from the raw rows, in the writing transaction: a summary is by construction what
a recount gives, and `rebuild()` (the `rebuild_summaries` command) recomputes them all.

Who calls in. Roster changes: `services.refresh_participant_counts`, once per activity rather than per participation
row (an import writes hundreds). Activities, their partners and themes, people, indicators and periods: model
signals (`connect()`), because those rows are written from forms, the back office, the API, unit record pages, the
workflow and partner merges, and one hook per model cannot be forgotten by the next write path. Writes of many rows
run inside `batch()`, which recomputes each touched period and month once, at the end of the block.
"""

import datetime
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from pyroaring import BitMap

from . import registry
from .indicator_rules import COUNTED_STATUSES, RULES
from .models import (
    Activity,
    ActivityMonth,
    ActivityPartner,
    Indicator,
    IndicatorPeriod,
    ParticipantMode,
    Participation,
    PeriodFigure,
    Person,
    Sex,
)

_local = threading.local()

# Saves that only move the roster summary: services.refresh_participant_counts has refreshed the periods already.
ROSTER_SUMMARY_FIELDS = frozenset(
    {"updated_at", "participants_women", "participants_men", "participants_unrecorded", "unit_area"}
)


def summarised_rules() -> list[str]:
    return [code for code, rule in RULES.items() if rule.summarised]


@contextmanager
def batch():
    """Collect the periods and months touched inside the block and recompute each once at its end (nested blocks
    join the outer one)."""
    if getattr(_local, "pending", None) is not None:
        yield
        return
    _local.pending = {"periods": set(), "months": set()}
    try:
        with transaction.atomic():
            yield
            pending, _local.pending = _local.pending, None
            _recompute(pending["periods"])
            _rebuild_months(pending["months"])
    finally:
        _local.pending = None


def _pending(kind: str, items: set) -> bool:
    """Add to the open batch, if there is one (True), else the caller recomputes now."""
    pending = getattr(_local, "pending", None)
    if pending is None:
        return False
    pending[kind].update(items)
    return True


def refresh_periods(period_ids: Iterable[int]) -> None:
    period_ids = set(period_ids)
    if period_ids and not _pending("periods", period_ids):
        _recompute(period_ids)


def refresh_months(keys: Iterable[tuple[int, datetime.date]]) -> None:
    months = {(project_id, day.replace(day=1)) for project_id, day in keys if project_id and day}
    if months and not _pending("months", months):
        _rebuild_months(months)


def people_set(blobs: Iterable[bytes]) -> BitMap:
    """The union of stored sets of people (`ActivityMonth.people`): its len() is the number of distinct people."""
    people = BitMap()
    return people.union(*(BitMap.deserialize(bytes(blob)) for blob in blobs if blob))


def _month_key_columns(prefix: str) -> dict:
    """The month, project, place and way of recording of the activity at `prefix`, under the names of the key."""
    return {
        "month": TruncMonth(f"{prefix}start_date"),
        "project_id": F(f"{prefix}project_id"),
        "location_id": F(f"{prefix}location_id"),
        "participant_mode": F(f"{prefix}participant_mode"),
    }


def _month_rows(activities) -> list[ActivityMonth]:
    counted = activities.filter(status__in=COUNTED_STATUSES)
    grouped = (
        counted.annotate(month=TruncMonth("start_date"))
        .values("month", "project_id", "unit_area", "location_id", "participant_mode")
        .annotate(
            activities=Count("id"),
            women=Sum("participants_women"),
            men=Sum("participants_men"),
            unrecorded=Sum("participants_unrecorded"),
        )
        .order_by()
    )
    key = ("month", "project_id", "location_id", "participant_mode")
    links = (
        ActivityPartner.objects.filter(activity__in=counted.values("pk"))
        .annotate(**_month_key_columns("activity__"))
        .values_list(*key, "partner_id")
        .distinct()
    )
    partners: dict[tuple, set] = {}
    for *group, partner_id in links:
        partners.setdefault(tuple(group), set()).add(partner_id)
    # Streamed: a full rebuild reads every roster row once (a million at scale 200) without holding them.
    named = (
        Participation.objects.filter(activity__in=counted.filter(participant_mode=ParticipantMode.ROSTER).values("pk"))
        .annotate(**_month_key_columns("activity__"))
        .values_list(*key, "person_id")
        .order_by()
    )
    people: dict[tuple, BitMap] = {}
    for *group, person_id in named.iterator(chunk_size=10000):
        people.setdefault(tuple(group), BitMap()).add(person_id)
    months = []
    for row in grouped:
        group = tuple(row[k] for k in key)
        months.append(
            ActivityMonth(
                **row,
                partners=sorted(partners.get(group, ())),
                people=people[group].serialize() if group in people else b"",
            )
        )
    return months


@transaction.atomic
def _rebuild_months(months: set[tuple[int, datetime.date]]) -> None:
    if not months:
        return
    stored, raw = Q(), Q()
    for project_id, month in months:
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        stored |= Q(project_id=project_id, month=month)
        raw |= Q(project_id=project_id, start_date__gte=month, start_date__lt=following)
    ActivityMonth.objects.filter(stored).delete()
    ActivityMonth.objects.bulk_create(_month_rows(Activity.objects.filter(raw)))


@transaction.atomic
def _recompute(period_ids: set[int]) -> None:
    periods = (
        IndicatorPeriod.objects.filter(pk__in=period_ids)
        .select_related("indicator__result")
        .prefetch_related("indicator__rule_partners", "indicator__rule_themes")
    )
    rules = set(summarised_rules())
    rows, stale = [], []
    for period in periods:
        if period.indicator.rule not in rules:
            stale.append(period.pk)
            continue
        figure = RULES[period.indicator.rule].compute(period.indicator, period.start, period.end)
        rows.append(PeriodFigure(period=period, value=figure.value, women=figure.women, men=figure.men))
    PeriodFigure.objects.filter(period__in=stale).delete()
    PeriodFigure.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["period"], update_fields=["value", "women", "men"]
    )


def periods_containing(keys: Iterable[tuple[int, datetime.date]]) -> list[int]:
    """Ids of the summarised periods of each (project id, date) that contain the date."""
    days_by_project: dict[int, set[datetime.date]] = {}
    for project_id, day in keys:
        if project_id and day:
            days_by_project.setdefault(project_id, set()).add(day)
    if not days_by_project:
        return []
    periods = IndicatorPeriod.objects.filter(
        indicator__result__project_id__in=days_by_project, indicator__rule__in=summarised_rules()
    ).values_list("pk", "indicator__result__project_id", "start", "end")
    return [
        pk for pk, project_id, start, end in periods if any(start <= day <= end for day in days_by_project[project_id])
    ]


def _day(value) -> datetime.date | None:
    """A date given as text (code may set one) is a date in the database, not yet on the instance."""
    return Activity._meta.get_field("start_date").to_python(value)


def activity_keys(activity: Activity) -> set[tuple[int, datetime.date]]:
    """Where the activity counts now and where it counted when it was loaded (a new date or project moves it)."""
    keys = {(activity.project_id, _day(activity.start_date))}
    loaded = getattr(activity, "_loaded_summary_key", None)
    if loaded:
        keys.add(loaded)
    return keys


def activities_changed(activities: Iterable[Activity]) -> None:
    keys = set()
    for activity in activities:
        keys |= activity_keys(activity)
    refresh_periods(periods_containing(keys))
    refresh_months(keys)


def activity_ids_changed(activity_ids: Iterable[int]) -> None:
    """Themes and partners of activities (indicator rules filter on them, the months list partners)."""
    keys = set(Activity.objects.filter(pk__in=set(activity_ids)).values_list("project_id", "start_date"))
    refresh_periods(periods_containing(keys))
    refresh_months(keys)


def people_changed(person_ids: Iterable[int]) -> None:
    """A person's sex or organisation counts in every period one of their activities falls in."""
    keys = (
        Participation.objects.filter(person_id__in=set(person_ids))
        .values_list("activity__project_id", "activity__start_date")
        .distinct()
    )
    refresh_periods(periods_containing(keys))


def indicators_changed(indicator_ids: Iterable[int]) -> None:
    refresh_periods(IndicatorPeriod.objects.filter(indicator_id__in=set(indicator_ids)).values_list("pk", flat=True))


_COUNTED_SEXES = (Sex.FEMALE, Sex.MALE, Sex.UNRECORDED)  # participants_women, _men, _unrecorded
_COUNT_FIELDS = ("participants_women", "participants_men", "participants_unrecorded")


def recount_participants() -> int:
    """Put right the activities whose stored participant counts are not what their roster or headcount gives, as
    `services.refresh_participant_counts` sets them (every page, import and the admin keep them so; a script's bulk
    write of participations does not). Returns how many.

    One pass over the participations grouped by activity and sex, compared here with each activity's row: the
    query's plan does not hang on the tables' statistics, which a bulk load in the same transaction (seed_demo)
    has not got yet (a count per activity in a subquery ran for over ten minutes at scale 200 there)."""
    rosters: dict[int, list[int]] = {}
    named = Participation.objects.filter(person__sex__in=_COUNTED_SEXES).values_list("activity_id", "person__sex")
    for activity_id, sex, count in named.annotate(n=Count("pk")).order_by():
        rosters.setdefault(activity_id, [0, 0, 0])[_COUNTED_SEXES.index(sex)] = count
    stale = []
    rows = Activity.objects.values_list("pk", "participant_mode", *_COUNT_FIELDS, "headcount_women", "headcount_men",
                                        "headcount_unrecorded")  # fmt: skip
    for pk, mode, *stored_and_headcount in rows.iterator(chunk_size=10_000):
        stored, headcount = stored_and_headcount[:3], stored_and_headcount[3:]
        expected = headcount if mode == ParticipantMode.HEADCOUNT else rosters.get(pk, [0, 0, 0])
        if stored != expected:
            stale.append(Activity(pk=pk, **dict(zip(_COUNT_FIELDS, expected, strict=True))))
    Activity.objects.bulk_update(stale, _COUNT_FIELDS, batch_size=1000)
    return len(stale)


def rebuild() -> int:
    """Recompute every summary from the raw rows (after bulk loads, or to repair), starting with the activities'
    participant counts, which the figures and months add up. Returns how many periods."""
    with transaction.atomic():
        recount_participants()
        return _rebuild_summaries()


@transaction.atomic
def _rebuild_summaries() -> int:
    """`rebuild()` once the participant counts are right: stored figures, months and the unit apps' summaries."""
    PeriodFigure.objects.exclude(period__indicator__rule__in=summarised_rules()).delete()
    ids = set(IndicatorPeriod.objects.filter(indicator__rule__in=summarised_rules()).values_list("pk", flat=True))
    _recompute(ids)
    ActivityMonth.objects.all().delete()
    ActivityMonth.objects.bulk_create(_month_rows(Activity.objects.all()), batch_size=5000)
    for rebuild_unit_summaries in registry.summary_rebuilders:  # the unit apps' own (policing's CAG months)
        rebuild_unit_summaries()
    return len(ids)


def _stored_state() -> set:
    """Every stored summary row of the core, as comparable tuples (the sets of people as sets)."""
    figures = set(PeriodFigure.objects.values_list("period_id", "value", "women", "men"))
    months = {
        (*row[:-2], tuple(row[-2]), tuple(people_set([row[-1]])))
        for row in ActivityMonth.objects.values_list(
            "month", "project_id", "unit_area", "location_id", "participant_mode", "activities", "women", "men",
            "unrecorded", "partners", "people",
        )
    }  # fmt: skip
    return figures | months


def repair() -> int:
    """Rebuild every summary and say how many stored rows (activities' participant counts included) were not what a
    recount gives (0 when every write went through the services, the signals or the admin; more after a
    `queryset.update()` or `bulk_create()` in a script).
    Run nightly by Celery beat (`programmes.tasks.repair_summaries`)."""
    with transaction.atomic():
        stale_counts = recount_participants()
        before = _stored_state()
        _rebuild_summaries()  # the counts are right already: not recounted twice
        after = _stored_state()
    return stale_counts + len(before ^ after)


# Signal receivers (connected in `connect()`) ---------------------------------------------------------------------


def _activity_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or not set(update_fields) <= ROSTER_SUMMARY_FIELDS:
        activities_changed([instance])
    instance._loaded_summary_key = (instance.project_id, _day(instance.start_date))


def _activity_deleted(sender, instance, **kwargs):
    activities_changed([instance])


def _activity_themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        activities_changed([instance])
    else:  # a theme's activities changed (a cleared theme no longer knows them: `rebuild_summaries` repairs)
        activity_ids_changed(pk_set or ())


def _activity_partner_changed(sender, instance, **kwargs):
    activity_ids_changed([instance.activity_id])


def _person_saved(sender, instance, created=False, **kwargs):
    loaded = getattr(instance, "_loaded_summary_key", None)
    now = (instance.sex, instance.organisation_id)
    if not created and loaded != now:
        people_changed([instance.pk])
    instance._loaded_summary_key = now


def _indicator_saved(sender, instance, **kwargs):
    indicators_changed([instance.pk])


def _indicator_filters_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    indicators_changed(pk_set or () if reverse else [instance.pk])


def _period_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or {"start", "end", "indicator"} & set(update_fields):
        refresh_periods([instance.pk])


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    uid = "summaries"
    post_save.connect(_activity_saved, sender=Activity, dispatch_uid=f"{uid}-activity-save")
    post_delete.connect(_activity_deleted, sender=Activity, dispatch_uid=f"{uid}-activity-delete")
    m2m_changed.connect(_activity_themes_changed, sender=Activity.themes.through, dispatch_uid=f"{uid}-themes")
    post_save.connect(_activity_partner_changed, sender=ActivityPartner, dispatch_uid=f"{uid}-partner-save")
    post_delete.connect(_activity_partner_changed, sender=ActivityPartner, dispatch_uid=f"{uid}-partner-delete")
    post_save.connect(_person_saved, sender=Person, dispatch_uid=f"{uid}-person-save")
    post_save.connect(_indicator_saved, sender=Indicator, dispatch_uid=f"{uid}-indicator-save")
    for through in (Indicator.rule_partners.through, Indicator.rule_themes.through):
        m2m_changed.connect(_indicator_filters_changed, sender=through, dispatch_uid=f"{uid}-{through.__name__}")
    post_save.connect(_period_saved, sender=IndicatorPeriod, dispatch_uid=f"{uid}-period-save")
