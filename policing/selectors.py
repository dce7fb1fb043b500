"""Reads for the policing pages. Each function issues a fixed number of queries whatever the amount of data."""

import datetime

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from accounts import access
from programmes.models import ActivityStatus, Sex

from . import summaries
from .models import (
    UNIT,
    CagMeeting,
    CagMember,
    CagMonth,
    CagStatus,
    CommunityAdvisoryGroup,
    FollowUpAction,
    MemberSector,
)

SILENT_QUARTERS = 2


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def shift_quarters(start: datetime.date, n: int) -> datetime.date:
    index = start.year * 4 + (start.month - 1) // 3 + n
    return datetime.date(index // 4, 3 * (index % 4) + 1, 1)


def held_meetings(today: datetime.date | None = None):
    """Meetings that took place: not cancelled, not merely planned, not in the future."""
    today = today or timezone.localdate()
    return CagMeeting.objects.exclude(activity__status__in=[ActivityStatus.PLANNED, ActivityStatus.CANCELLED]).filter(
        activity__start_date__lte=today
    )


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def held_totals(keys: tuple[str, ...], end: datetime.date, start: datetime.date | None = None, **where) -> dict:
    """Meetings held from `start` (or ever) to `end`, grouped by `keys` ("cag", "month", "cag__status"...) and
    filtered by `where` (on the group: "cag__in", "cag__location_id"): {key tuple: {n, present, expected, last}}.

    Whole months come from the CagMonth summaries; the partial months at either end, at most two, from the meetings
    themselves. Two queries, neither of which reads more than two months of meetings."""
    first_whole = start if start is None or start.day == 1 else _next_month(start)
    cut = (end + datetime.timedelta(days=1)).replace(day=1)  # months before it end on or before `end`
    fields = {"n": "meetings", "present": "members_present", "expected": "members_expected"}
    stored = CagMonth.objects.filter(month__lt=cut, **where)
    raw = Q(activity__start_date__gte=cut, activity__start_date__lte=end)
    if first_whole is not None:
        stored = stored.filter(month__gte=first_whole)
        raw |= Q(activity__start_date__gte=start, activity__start_date__lt=first_whole)
    if first_whole is not None and first_whole >= cut:  # no whole month in the range
        stored, raw = CagMonth.objects.none(), Q(activity__start_date__gte=start, activity__start_date__lte=end)
    totals: dict[tuple, dict] = {}
    parts = [
        stored.values(*keys).annotate(**{k: Sum(f) for k, f in fields.items()}, last=Max("last_meeting")),
        summaries.counted_meetings()
        .filter(raw, **where)
        .annotate(month=TruncMonth("activity__start_date"))
        .values(*keys)
        .annotate(
            n=Count("pk"), present=Sum("members_present"), expected=Sum("members_total"),
            last=Max("activity__start_date"),
        ),
    ]  # fmt: skip
    for part in parts:
        for row in part.order_by():
            total = totals.setdefault(tuple(row[k] for k in keys), {"n": 0, "present": 0, "expected": 0, "last": None})
            for name in fields:
                total[name] += row[name] or 0
            if row["last"] and (total["last"] is None or row["last"] > total["last"]):
                total["last"] = row["last"]
    return totals


def overdue_count(user, today: datetime.date, location_id: int | None = None) -> int:
    """How many follow-up actions are overdue on `today` (still open, due before it): whole due months from the
    CagMonth summaries, the days of `today`'s month from the actions. Two queries."""
    if not access.can_see_unit(user, UNIT):
        return 0
    cut = today.replace(day=1)
    stored = CagMonth.objects.filter(month__lt=cut)
    recent = FollowUpAction.objects.overdue(today).filter(due_date__gte=cut)
    if location_id:
        stored = stored.filter(cag__location_id=location_id)
        recent = recent.filter(issue__meeting__cag__location_id=location_id)
    return (stored.aggregate(n=Sum("open_actions_due"))["n"] or 0) + recent.count()


def _count_per_cag(queryset):
    counted = queryset.filter(cag=OuterRef("pk")).order_by().values("cag").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def cags_for(user, today: datetime.date | None = None):
    """The CAG list: one query, with members today, meetings held, last meeting and overdue actions per group."""
    today = today or timezone.localdate()
    held = held_meetings(today)
    last = held.filter(cag=OuterRef("pk")).order_by("-activity__start_date").values("activity__start_date")[:1]
    overdue = (
        FollowUpAction.objects.overdue(today)
        .filter(issue__meeting__cag=OuterRef("pk"))
        .order_by()
        .values("issue__meeting__cag")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        CommunityAdvisoryGroup.objects.for_user(user)
        .select_related("location")
        .annotate(
            members_now=_count_per_cag(CagMember.objects.active_on(today)),
            meetings_held=_count_per_cag(held),
            last_meeting=Subquery(last),
            overdue_actions=Coalesce(Subquery(overdue, output_field=IntegerField()), 0),
        )
    )


def members_by_sector_and_sex(cag, today: datetime.date | None = None) -> list[dict]:
    """Current membership counted by sector and sex in the database."""
    rows = list(
        CagMember.objects.active_on(today)
        .filter(cag=cag)
        .order_by("sector", "sex")
        .values("sector", "sex")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        row["sector_label"], row["sex_label"] = MemberSector(row["sector"]).label, Sex(row["sex"]).label
    return rows


def overdue_actions_for(user, today: datetime.date | None = None):
    return (
        FollowUpAction.objects.for_user(user)
        .overdue(today)
        .select_related("issue__meeting__cag__location", "issue__meeting__activity")
        .order_by("due_date", "id")
    )


def rollout(user, today: datetime.date | None = None, quarters: int = 8) -> dict:
    """Everything the rollout page shows, in five queries: groups, then meeting totals per group and meetings per
    month (two each: summaries and the edge months)."""
    today = today or timezone.localdate()
    current = quarter_start(today)
    first = shift_quarters(current, -(quarters - 1))
    silent_since = shift_quarters(current, -SILENT_QUARTERS)
    groups = list(CommunityAdvisoryGroup.objects.for_user(user).select_related("location"))
    if not groups:
        return {"groups": [], "quarters": [], "silent": [], "timeline": [], "silent_since": silent_since}
    ids = [g.pk for g in groups]
    totals = {cag: row for (cag,), row in held_totals(("cag",), today, cag__in=ids).items()}
    per_quarter: dict[tuple, int] = {}
    for (cag, month), row in held_totals(("cag", "month"), today, first, cag__in=ids).items():
        key = (cag, month.year, (month.month - 1) // 3 + 1)
        per_quarter[key] = per_quarter.get(key, 0) + row["n"]
    quarter_starts = [shift_quarters(first, i) for i in range(quarters)]
    rows = []
    for group in groups:
        total = totals.get(group.pk, {})
        expected = total.get("expected") or 0
        group.meetings_held = total.get("n", 0)
        group.last_meeting = total.get("last")
        group.attendance_rate = round(100 * (total.get("present") or 0) / expected) if expected else None
        group.per_quarter = [per_quarter.get((group.pk, q.year, (q.month - 1) // 3 + 1), 0) for q in quarter_starts]
        group.silent = (
            group.status == CagStatus.ACTIVE
            and group.established_on is not None
            and group.established_on < silent_since
            and (group.last_meeting is None or group.last_meeting < silent_since)
        )
        rows.append(group)
    timeline = sorted((g for g in rows if g.established_on), key=lambda g: (g.established_on, g.pk))
    return {
        "groups": rows,
        "quarters": [f"{q.year} Q{(q.month - 1) // 3 + 1}" for q in quarter_starts],
        "silent": [g for g in rows if g.silent],
        "timeline": timeline,
        "silent_since": silent_since,
    }


def rollout_map_data(groups) -> dict:
    """What static/policing/rollout.js draws: points with a label and status, and the cumulative timeline."""
    points = [
        {
            "name": str(g),
            "status": g.status,
            "status_label": str(g.get_status_display()),
            "lat": float(g.location.latitude),
            "lng": float(g.location.longitude),
            "silent": g.silent,
        }
        for g in groups
        if g.location.latitude is not None and g.location.longitude is not None
    ]
    cumulative = {}
    established = sorted((g for g in groups if g.established_on), key=lambda g: g.established_on)
    for count, group in enumerate(established, 1):
        cumulative[group.established_on.year] = count
    return {"points": points, "timeline": [{"year": y, "groups": n} for y, n in sorted(cumulative.items())]}
