"""Reads for the trafficking pages. NRM counts leave this module only as suppressed tables of one publication."""

from collections import defaultdict

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from programmes import workflow
from programmes.indicator_rules import COUNTED_STATUSES
from programmes.models import Activity, ActivityPartner, ActivityStatus, Partner, PartnerRole

from .models import UNIT, Measure, MeasureStatus, NationalActionPlan, NrmStatistic, ProgressUpdate
from .publication import BREAKDOWNS as BREAKDOWNS  # the API names its NRM tables by these
from .publication import Publication, nrm_publication


def plans_for(user):
    return NationalActionPlan.objects.for_user(user).annotate(measure_count=Count("measures"))


def _latest_status():
    latest = ProgressUpdate.objects.filter(measure=OuterRef("pk")).order_by("-reported_on", "-id")
    return Subquery(latest.values("status")[:1])


def measures_with_status(plan):
    return plan.measures.annotate(latest_status=_latest_status()).prefetch_related("responsible").order_by("id")


def coverage_matrix(plan) -> list[dict]:
    """Measures by year of the plan: supporting activities per year, latest status, and whether it is late.

    Three queries whatever the number of measures and activities.
    """
    today = timezone.localdate()
    counts = defaultdict(int)
    support = (
        Measure.activities.through.objects.filter(measure__plan=plan)
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .annotate(year=ExtractYear("activity__start_date"))
        .values_list("measure_id", "year")
        .annotate(n=Count("id"))
    )
    for measure_id, year, n in support:
        counts[measure_id, year] += n
    labels = dict(MeasureStatus.choices)
    rows = []
    for measure in measures_with_status(plan):
        done = measure.latest_status == MeasureStatus.COMPLETED
        rows.append(
            {
                "measure": measure,
                "status": labels.get(measure.latest_status, ""),
                "late": not done and measure.deadline < today,
                "cells": [
                    {
                        "year": year,
                        "count": counts[measure.pk, year],
                        # A year after the deadline year while the measure is still open.
                        "late": not done and year > measure.deadline.year and year <= today.year,
                    }
                    for year in plan.years
                ],
            }
        )
    return rows


def _status_on(day):
    """The measure's status by its latest progress update reported on or before the day."""
    latest = ProgressUpdate.objects.filter(measure=OuterRef("pk"), reported_on__lte=day).order_by("-reported_on", "-id")
    return Subquery(latest.values("status")[:1])


def held_support(start, end):
    """Links of measures to their supporting activities held (not planned or cancelled) in the period."""
    return Measure.activities.through.objects.filter(
        activity__start_date__gte=start, activity__start_date__lte=end, activity__status__in=COUNTED_STATUSES
    )


def measures_in_period(user, start, end, as_of):
    """Measures of the plans running in the period, each with whether an activity held in the period supported it
    and whether it was late on `as_of` (deadline passed, not completed by its latest update then). One query."""
    late = Q(deadline__lt=as_of) & (Q(status_then__isnull=True) | ~Q(status_then=MeasureStatus.COMPLETED))
    return (
        Measure.objects.for_user(user)
        .filter(plan__start_year__lte=end.year, plan__end_year__gte=start.year)
        .annotate(
            status_then=_status_on(as_of),
            supported=Exists(held_support(start, end).filter(measure=OuterRef("pk"))),
        )
        .annotate(late=ExpressionWrapper(late, output_field=BooleanField()))
    )


def plan_progress(user, start, end, as_of) -> list[dict]:
    """Per plan running in the period: its measures, those supported in the period and those late. One query."""
    rows = {}
    for measure in measures_in_period(user, start, end, as_of).select_related("plan").order_by("plan", "id"):
        row = rows.setdefault(measure.plan_id, {"plan": measure.plan, "measures": 0, "supported": 0, "late": []})
        row["measures"] += 1
        row["supported"] += measure.supported
        if measure.late:
            row["late"].append(measure)
    return sorted(rows.values(), key=lambda r: (-r["plan"].start_year, r["plan"].pk))


def linkable_activities(user, measure, query: str, limit: int = 20):
    qs = Activity.objects.editable_by(user).filter(unit_area=UNIT).exclude(thb_measures=measure)
    qs = qs.exclude(status__in=workflow.LOCKED_FOR_ALL)  # approved: no longer linked or unlinked
    if query:
        qs = qs.filter(title__icontains=query)
    return qs.select_related("location").order_by("-start_date", "-id")[:limit]


# --- NRM statistics -------------------------------------------------------------------------------------------


def nrm_years() -> list[int]:
    return list(NrmStatistic.objects.order_by("-year").values_list("year", flat=True).distinct())


def nrm_year_tables(year: int, publication: Publication | None = None) -> list[dict]:
    """Stage by sex, age band, form of exploitation and nationality group for one year, suppressed with every other
    NRM figure (trafficking.publication)."""
    return (publication or nrm_publication()).year_tables(year)


def nrm_identified(user, up_to_year: int):
    """Identified victims by sex and age band in the latest year with statistics up to the given one, suppressed.

    Two queries (and the audit once per set of counts); returns (year, table), or (None, None) when there are none.
    """
    year = NrmStatistic.objects.for_user(user).filter(year__lte=up_to_year).aggregate(latest=Max("year"))["latest"]
    if year is None:
        return None, None
    return year, nrm_publication().identified(year)


def nrm_trend():
    """Stage by year over all years, suppressed with every other NRM figure."""
    return nrm_publication().trend()


# --- Co-sponsorship -------------------------------------------------------------------------------------------


def co_sponsor_links(*, partner=None, year=None):
    """Co-sponsor contributions on trafficking activities (core ActivityPartner, role co_sponsor)."""
    links = ActivityPartner.objects.filter(role=PartnerRole.CO_SPONSOR, activity__unit_area=UNIT)
    if partner:
        links = links.filter(partner=partner)
    if year:
        links = links.filter(activity__start_date__year=year)
    return links


def co_sponsor_rows(**filters):
    return co_sponsor_links(**filters).select_related("activity", "partner").order_by("-activity__start_date", "id")


def co_sponsor_totals(**filters):
    return list(
        co_sponsor_links(**filters)
        .values("partner_id", "partner__name", "partner__acronym")
        .annotate(activities=Count("activity", distinct=True), contribution=Sum("contribution_eur"))
        .order_by("-contribution", "partner__name")
    )


def co_sponsors():
    return Partner.objects.filter(
        Q(activity_links__role=PartnerRole.CO_SPONSOR, activity_links__activity__unit_area=UNIT)
    ).distinct()


def co_sponsor_years() -> list[int]:
    return [d.year for d in co_sponsor_links().dates("activity__start_date", "year", order="DESC")]
