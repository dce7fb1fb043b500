"""Figures for the managers' dashboards, cached and invalidated whenever the data behind them changes.

Activity counts and participants by sex add up the monthly summaries (`ActivityMonth`, kept on write by
`programmes.summaries`) for the whole months of the period and the activities' own summary columns for the
part-months at its ends. Unique people must look at participations (people span activities): the default period is
the last twelve months, so that one distinct count stays smaller; other periods are cached like everything else.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from pyroaring import BitMap

from accounts import access
from accounts.units import UnitArea

from . import results, selectors, summaries
from .forms import DateInput
from .indicator_rules import COUNTED_STATUSES
from .models import (
    Activity,
    ActivityMonth,
    ActivityPartner,
    ActivityStatus,
    Indicator,
    Location,
    ParticipantMode,
    Participation,
    Partner,
    Programme,
    Project,
)

VERSION_KEY = "dashboard:data-version"
CACHE_SECONDS = 15 * 60


def current_version(key: str) -> int:
    """The version number stored under `key` (1 until the first bump); cached parts put it in their keys."""
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, None)
        version = cache.get(key, 1)
    return version


def data_version() -> int:
    return current_version(VERSION_KEY)


def bump_now_and_on_commit(key: str) -> None:
    bump(key)
    # Again once the change is committed: a request that read the old rows between the first bump and the commit
    # may have cached them under the new version.
    transaction.on_commit(lambda: bump(key))


def invalidate(**_kwargs) -> None:
    """Called on every change to activities, participations, partners of activities and indicator periods."""
    bump_now_and_on_commit(VERSION_KEY)


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, 2, None)


class DashboardFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    unit_area = forms.ChoiceField(label=_("Unit area"), required=False)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none(), required=False)
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False)
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.all(), required=False)
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all(), required=False)

    def __init__(self, *args, user, fixed_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        areas = access.visible_unit_areas(user)
        self.fields["unit_area"].choices = [("", _("All areas"))] + [c for c in UnitArea.choices if c[0] in areas]
        self.fields["programme"].queryset = Programme.objects.for_user(user)
        self.fields["project"].queryset = Project.objects.for_user(user)
        if fixed_unit:
            self.fields["unit_area"].initial = fixed_unit
        self.fixed_unit = fixed_unit
        self.fields["date_from"].initial, self.fields["date_to"].initial = self.default_period()

    @staticmethod
    def default_period() -> tuple[datetime.date, datetime.date]:
        """The last twelve months: what a manager asks first, and a small set for the one distinct count."""
        today = timezone.localdate()
        return (today - datetime.timedelta(days=364), today)

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        default_from, default_to = self.default_period()
        chosen = {
            "date_from": data.get("date_from") or default_from,
            "date_to": data.get("date_to") or default_to,
            "unit_area": self.fixed_unit or data.get("unit_area") or "",
        }
        for name in ("programme", "project", "location", "partner"):
            chosen[name] = data[name].pk if data.get(name) else None
        return chosen


def filter_query(filters: dict) -> str:
    """The filters as a query string, for the parts of a dashboard that load after the page."""
    return urlencode({k: v for k, v in filters.items() if v not in (None, "")})


def activity_list_url(filters: dict, **extra) -> str:
    """The activity list filtered like the dashboard (so every figure links to the rows behind it)."""
    from django.urls import reverse

    query = {k: v for k, v in {**filters, **extra}.items() if v not in (None, "")}
    return f"{reverse('activity_list')}?{urlencode(query)}"


def filtered_activities(user, filters):
    """Activities that took place in the period, within every other filter: what the figures count."""
    return scoped_activities(user, filters).filter(
        start_date__gte=filters["date_from"], start_date__lte=filters["date_to"], status__in=COUNTED_STATUSES
    )


def scoped_activities(user, filters):
    """Activities within every filter but the period and the status (the panels of work to do apply those)."""
    activities = Activity.objects.for_user(user)
    if filters["unit_area"]:
        activities = activities.filter(unit_area=filters["unit_area"])
    if filters["programme"]:
        activities = activities.filter(project__programme_id=filters["programme"])
    if filters["project"]:
        activities = activities.filter(project_id=filters["project"])
    if filters["location"]:
        activities = activities.filter(location_id=filters["location"])
    if filters["partner"]:
        activities = activities.filter(
            pk__in=ActivityPartner.objects.filter(partner_id=filters["partner"]).values("activity_id")
        )
    return activities


@dataclass
class Overview:
    filters: dict
    activities: int = 0
    person_trainings: int = 0
    women: int = 0
    men: int = 0
    unique_people: int = 0
    partners: int = 0
    by_month: list = field(default_factory=list)
    by_unit: list = field(default_factory=list)
    places: list = field(default_factory=list)

    @property
    def women_share(self):
        return round(100 * self.women / (self.women + self.men)) if self.women + self.men else None


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


SUM_FIELDS = ("month", "unit_area", "location_id", "participant_mode")


@dataclass
class _Sums:
    rows: list[dict]  # activities and participants by sex per month, unit area, place and way of recording
    partners: set[int]
    people: BitMap  # the people named on the rosters


def _activity_sums(user, filters) -> _Sums:
    """Counted activities of the period and their participants by sex, grouped by month, unit area, place and way of
    recording participants, the ids of their partners and of the people on their rosters: the whole months inside
    the period from the monthly summaries (`ActivityMonth`), the part-months at either end from the activities and
    their rosters. A partner filter reads activities only (the months cannot tell which of their activities a
    partner took part in)."""
    activities = filtered_activities(user, filters)
    first_whole = _month_start(filters["date_from"])
    if first_whole != filters["date_from"]:
        first_whole = _next_month(first_whole)
    after_whole = _month_start(filters["date_to"] + datetime.timedelta(days=1))
    if filters["partner"] or first_whole >= after_whole:
        edges, months = activities, ActivityMonth.objects.none()
    else:
        whole = first_whole == filters["date_from"] and after_whole == filters["date_to"] + datetime.timedelta(days=1)
        edges = (
            activities.none()
            if whole
            else activities.filter(Q(start_date__lt=first_whole) | Q(start_date__gte=after_whole))
        )
        months = ActivityMonth.objects.filter(
            unit_area__in=access.visible_unit_areas(user), month__gte=first_whole, month__lt=after_whole
        )
        for name, lookup in (("unit_area", "unit_area"), ("programme", "project__programme_id"),
                             ("project", "project_id"), ("location", "location_id")):  # fmt: skip
            if filters[name]:
                months = months.filter(**{lookup: filters[name]})
    # A few hundred rows a year whatever the number of activities (months x projects x places x 2).
    rows = list(months.values(*SUM_FIELDS, "activities", "women", "men", "unrecorded", "partners", "people"))
    partners = {partner_id for row in rows for partner_id in row.pop("partners")}
    people = summaries.people_set(row.pop("people") for row in rows)
    raw = edges.annotate(month=TruncMonth("start_date")).values(*SUM_FIELDS).annotate(
        activities=Count("id"), women=Sum("participants_women"), men=Sum("participants_men"),
        unrecorded=Sum("participants_unrecorded"),
    )  # fmt: skip
    rows += list(raw.order_by())
    partners.update(
        ActivityPartner.objects.filter(activity__in=edges.values("pk")).values_list("partner_id", flat=True).distinct()
    )
    people.update(
        Participation.objects.filter(activity__in=edges.filter(participant_mode=ParticipantMode.ROSTER).values("pk"))
        .values_list("person_id", flat=True)
        .order_by()
        .distinct()
    )
    return _Sums(rows, partners, people)


def _add_up(rows: list[dict], key: str, names=("activities", "women", "men", "unrecorded")) -> list[dict]:
    """Sums of `names` per value of `key`, in the order of that value."""
    totals: dict = {}
    for row in rows:
        entry = totals.setdefault(row[key], {key: row[key], **dict.fromkeys(names, 0)})
        for name in names:
            entry[name] += row[name] or 0
    return [totals[k] for k in sorted(totals, key=lambda v: (v is None, v))]


def _places(rows: list[dict]) -> list[dict]:
    """Activities per place with coordinates, most first, with the names the map and its table show."""
    counts = {row["location_id"]: row["activities"] for row in _add_up(rows, "location_id", ("activities",))}
    located = Location.objects.filter(pk__in=[pk for pk in counts if pk], latitude__isnull=False).values(
        "id", "name", "name_az", "name_ru", "latitude", "longitude"
    )
    places = [
        {
            "location_id": loc["id"],
            "location__name": loc["name"],
            "location__name_az": loc["name_az"],
            "location__name_ru": loc["name_ru"],
            "location__latitude": loc["latitude"],
            "location__longitude": loc["longitude"],
            "activities": counts[loc["id"]],
        }  # fmt: skip
        for loc in located
    ]
    return sorted(places, key=lambda place: (-place["activities"], place["location_id"]))


def _compute_overview(user, filters) -> Overview:
    sums = _activity_sums(user, filters)
    rows = sums.rows
    totals = _add_up(rows, "participant_mode")
    women, men, other = (sum(t[k] for t in totals) for k in ("women", "men", "unrecorded"))
    headcount = sum(t["women"] + t["men"] + t["unrecorded"] for t in totals if t["participant_mode"] == "headcount")
    by_unit = [{**row, "other": row.pop("unrecorded")} for row in _add_up(rows, "unit_area")]
    return Overview(
        filters=filters,
        activities=sum(t["activities"] for t in totals),
        person_trainings=women + men + other,
        women=women,
        men=men,
        unique_people=len(sums.people) + headcount,
        partners=len(sums.partners),
        by_month=[{k: row[k] for k in ("month", "activities", "women", "men")} for row in _add_up(rows, "month")],
        by_unit=[{k: row[k] for k in ("unit_area", "activities", "women", "men", "other")} for row in by_unit],
        places=_places(rows),
    )


def _cache_key(kind: str, user, filters: dict) -> str:
    scope = sorted(access.visible_unit_areas(user))
    raw = json.dumps([kind, scope, {k: str(v) for k, v in sorted(filters.items())}])
    return f"dashboard:{data_version()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def overview(user, filters: dict) -> Overview:
    key = _cache_key("overview", user, filters)
    result = cache.get(key)
    if result is None:
        result = _compute_overview(user, filters)
        cache.set(key, result, CACHE_SECONDS)
    return result


def awaiting_approval(user, filters: dict, limit=5):
    """Submitted activities that start in the period, within every other filter (as the list its figure opens)."""
    submitted = scoped_activities(user, filters).filter(
        status=ActivityStatus.SUBMITTED, start_date__gte=filters["date_from"], start_date__lte=filters["date_to"]
    )
    return submitted.select_related("location").order_by("start_date", "id")[:limit]


def upcoming(user, filters: dict, limit=5):
    """Planned activities from today on, within every filter. A period that ends today (the default) runs on, as
    the unit panels read it: what is ahead must not be hidden by default; one that ended before today has none."""
    today = timezone.localdate()
    planned = scoped_activities(user, filters).filter(
        status=ActivityStatus.PLANNED, start_date__gte=max(today, filters["date_from"])
    )
    if filters["date_to"] != today:
        planned = planned.filter(start_date__lte=filters["date_to"])
    return planned.select_related("location").order_by("start_date", "id")[:limit]


MAX_INDICATORS_CHECKED = 40


def indicators_off_track(user, filters: dict):
    """Indicators of the filtered unit area, programme and project whose period running at the end of the chosen
    period (or the last one ended before it) is behind target, judged as of that day. Indicators measure a whole
    project, so the place and partner filters do not apply to them (the panel says so). Cached with the figures."""
    key = _cache_key("off-track", user, filters)
    cached = cache.get(key)
    if cached is not None:
        return cached
    as_of = min(filters["date_to"], timezone.localdate())
    indicators = (
        Indicator.objects.for_user(user)
        .select_related("result__project__programme")
        .prefetch_related(selectors.periods_with_figures(), "rule_partners", "rule_themes")
        .order_by("result__project__code", "code")
    )
    indicators = indicators.filter(
        Q(result__project__end_date__isnull=True) | Q(result__project__end_date__gte=filters["date_from"])
    )
    if filters["unit_area"]:
        indicators = indicators.filter(result__project__programme__unit_area=filters["unit_area"])
    if filters["programme"]:
        indicators = indicators.filter(result__project__programme_id=filters["programme"])
    if filters["project"]:
        indicators = indicators.filter(result__project_id=filters["project"])
    off = []
    for indicator in indicators[:MAX_INDICATORS_CHECKED]:
        periods = [p for p in indicator.periods.all() if p.start <= as_of]
        if periods:
            progress = results.progress(periods[-1], as_of)
            if progress.off_track:
                off.append(progress)
    cache.set(key, off, CACHE_SECONDS)
    return off
