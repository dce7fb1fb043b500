"""Quarterly programme report (PDF): a unit area's quarter in a few pages: key figures, a chart of participants by
month, tables by kind, partner and location, highlights taken from activity outcomes, and any sections other apps
register (indicator progress). Summaries, not raw lists, so it stays short and fast at any data size.
"""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.units import UnitArea
from osce_baku.dates import month_label
from programmes.models import ActivityKind, ActivityPartner, ActivityStatus, Location, Partner, Sex

from ..errors import ReportError
from ..registry import quarterly_sections
from ..selectors import activities_for_job, held_activities_for_job, job_period, participations_for_job
from ..writers import bar_chart_svg, render_pdf
from . import aggregates
from .common import area_labels, header_context

HIGHLIGHTS = 12  # activities whose outcomes are quoted
TOP = 10


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    end_month = start.month + 2
    next_start = datetime.date(year + (end_month == 12), end_month % 12 + 1, 1)
    return start, next_start - datetime.timedelta(days=1)


def previous_quarter(day: datetime.date) -> tuple[int, int]:
    quarter = (day.month - 1) // 3 + 1
    return (day.year, quarter - 1) if quarter > 1 else (day.year - 1, 4)


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = day.replace(year=day.year + (day.month == 12), month=day.month % 12 + 1)
    return months


def build_quarterly_report(job, progress, path):
    start, end = job_period(job)
    if not (start and end):
        raise ReportError(_("The quarterly report needs a quarter."))
    everything = activities_for_job(job)
    held = held_activities_for_job(job)
    totals = aggregates.totals(held)
    planned = everything.filter(status=ActivityStatus.PLANNED).count()
    if not totals["activities"] and not planned:
        raise ReportError(
            _("No activities in this quarter match the chosen filters. Choose another quarter or fewer filters.")
        )
    progress(15)
    unique = aggregates.unique_people(participations_for_job(job, held_only=True))
    progress(35)

    # Participants by month: the chart and the table next to it show the same numbers.
    per_month = {
        row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]: row
        for row in held.annotate(month=TruncMonth("start_date")).order_by().values("month").annotate(**aggregates.SUMS)
    }
    months = []
    for month in _months(start, end):
        row = per_month.get(month, {"activities": 0, "women": 0, "men": 0, "unrecorded": 0})
        # Total and women's share as in every other table (they were missing: two empty columns).
        months.append({"label": month_label(month), **aggregates.with_total(dict(row))})
    chart = bar_chart_svg(
        [m["label"] for m in months],
        [(Sex.FEMALE.label, [m["women"] for m in months]), (Sex.MALE.label, [m["men"] for m in months])],
    )
    progress(50)

    kinds = dict(ActivityKind.choices)
    by_kind = aggregates.grouped(held, "kind")
    for row in by_kind:
        row["label"] = str(kinds.get(row["kind"], row["kind"]))
    by_location = aggregates.grouped(held, "location")[:TOP]
    names = aggregates.names_by_pk(Location, [r["location"] for r in by_location])
    for row in by_location:
        row["label"] = names.get(row["location"], _("No location recorded"))
    partner_rows = list(
        ActivityPartner.objects.filter(activity__in=held.values("pk"))
        .order_by()
        .values("partner")
        .annotate(activities=Count("activity", distinct=True))
        .order_by("-activities", "partner")[:TOP]
    )
    partners_engaged = (
        ActivityPartner.objects.filter(activity__in=held.values("pk")).values("partner").distinct().count()
    )
    names = aggregates.names_by_pk(Partner, [r["partner"] for r in partner_rows])
    for row in partner_rows:
        row["label"] = names.get(row["partner"], "")
    progress(70)

    highlights = [
        {
            "title": a.title,
            "date": a.start_date,
            "location": a.location,
            "kind": a.get_kind_display(),
            "outcomes": Truncator(a.outcomes).chars(400),
            "total": a.participants_total,
        }
        for a in held.exclude(outcomes="")
        .select_related("location")
        .order_by("-participants_women", "-start_date", "-id")[:HIGHLIGHTS]
    ]
    sections = [s for s in (section(job, held) for section in quarterly_sections) if s]
    progress(85)

    labels = dict(UnitArea.choices)
    areas = area_labels(job)
    title = _("Quarterly programme report")
    quarter = (job.parameters or {}).get("quarter", "")
    context = {
        **header_context(job, title),
        "subtitle": " · ".join([", ".join(areas) if len(areas) <= 2 else _("All your unit areas"), quarter]),
        "start": start,
        "end": end,
        "totals": totals,
        "unique": unique,
        "planned": planned,
        "partners_engaged": partners_engaged,
        "months": months,
        "chart": chart,
        "by_kind": by_kind,
        "by_location": by_location,
        "partners": partner_rows,
        "highlights": highlights,
        "sections": sections,
        "area_rows": [
            {**row, "label": str(labels.get(row["unit_area"], row["unit_area"]))}
            for row in aggregates.grouped(held, "unit_area")
        ]
        if len(areas) > 1
        else [],
    }
    render_pdf("reports/pdf/quarterly.html", context, path)
