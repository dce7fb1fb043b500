import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.units import UnitArea

from ..dashboard_panels import measures_panel, nrm_panel
from .factories import MeasureFactory, NrmStatisticFactory, PlanFactory, ProgressUpdateFactory, ThbActivityFactory

pytestmark = pytest.mark.django_db

FILTERS = {
    "date_from": datetime.date(2022, 1, 1),
    "date_to": datetime.date(2022, 12, 31),
    "unit_area": UnitArea.TRAFFICKING,
    "programme": None,
    "project": None,
    "location": None,
    "partner": None,
}


def _support(measure, day=datetime.date(2022, 5, 1), **kwargs):
    activity = ThbActivityFactory(start_date=day, end_date=day, **{"status": "approved", **kwargs})
    measure.activities.add(activity)
    return activity


def test_measures_supported_and_late_per_plan(manager):
    plan = PlanFactory()  # 2020-2024
    supported = MeasureFactory(plan=plan, deadline=datetime.date(2023, 12, 31))
    _support(supported)
    _support(supported, datetime.date(2022, 7, 1))  # two activities, still one measure
    late = MeasureFactory(plan=plan, deadline=datetime.date(2022, 6, 30))
    _support(late, datetime.date(2021, 5, 1))  # support before the period does not count
    _support(late, status="planned")  # nor support not held yet
    ProgressUpdateFactory(measure=late, reported_on=datetime.date(2022, 3, 1), status="in_progress")
    done = MeasureFactory(plan=plan, deadline=datetime.date(2022, 6, 30))
    ProgressUpdateFactory(measure=done, reported_on=datetime.date(2022, 6, 1), status="completed")
    completed_later = MeasureFactory(plan=plan, deadline=datetime.date(2022, 6, 30))
    ProgressUpdateFactory(measure=completed_later, reported_on=datetime.date(2023, 2, 1), status="completed")
    MeasureFactory(plan=PlanFactory(start_year=2015, end_year=2019))  # plan over before the period

    panel = measures_panel(manager, FILTERS)

    [row] = panel["plans"]
    assert (row["plan"], row["measures"], row["supported"]) == (plan, 4, 1)
    assert panel["late"] == [late, completed_later]  # completed only after the period end
    assert panel["late_count"] == 2


def test_nrm_identified_victims_of_the_latest_year_are_suppressed(manager):
    NrmStatisticFactory(year=2021, sex="female", age_band="adult", count=12)
    NrmStatisticFactory(year=2021, sex="male", age_band="child", count=3)
    NrmStatisticFactory(year=2021, sex="male", age_band="adult", stage="presumed", count=40)  # another stage
    NrmStatisticFactory(year=2023, sex="female", age_band="adult", count=99)  # after the period

    panel = nrm_panel(manager, FILTERS)

    assert panel["year"] == 2021
    table = panel["table"]
    shown = [cell.display for row in table.rows for cell in row] + [c.display for c in table.row_totals]
    assert "3" not in shown and "<5" in shown and "x" in shown
    assert "12" not in shown  # with 12 shown, 15 - 12 would give the 3 boys away: hidden as well
    assert table.total.display == "15"
    assert nrm_panel(manager, {**FILTERS, "date_to": datetime.date(2019, 12, 31)})["table"] is None


def test_other_units_staff_see_nothing(staff_policing):
    _support(MeasureFactory())
    NrmStatisticFactory()
    assert measures_panel(staff_policing, FILTERS)["plans"] == []
    assert nrm_panel(staff_policing, FILTERS)["table"] is None


def test_unit_dashboard_shows_the_panels_with_links(client, manager):
    measure = MeasureFactory(deadline=datetime.date(2022, 1, 31))
    NrmStatisticFactory(year=2022, count=3)
    client.force_login(manager)

    response = client.get(
        reverse("unit_dashboard", args=[UnitArea.TRAFFICKING]), {"date_from": "2022-01-01", "date_to": "2022-12-31"}
    )

    text = response.text
    assert 'data-testid="panel-thb-measures"' in text and 'data-testid="panel-thb-nrm"' in text
    assert "&lt;5" in text
    for url in (
        reverse("trafficking:plan_detail", args=[measure.plan_id]),
        reverse("trafficking:measure_detail", args=[measure.pk]),
        reverse("trafficking:index"),
        reverse("trafficking:nrm") + "?year=2022",
    ):
        assert url in text


def _build(n, year):
    plan = PlanFactory()
    for _ in range(n):
        measure = MeasureFactory(plan=plan)
        _support(measure)
        ProgressUpdateFactory(measure=measure)
    for sex in ("female", "male", "unknown")[: min(n, 3)]:
        NrmStatisticFactory(year=year, sex=sex, count=n)


def _queries(user):
    measures_panel(user, FILTERS)  # the user's roles are looked up once and cached on the user
    with CaptureQueriesContext(connection) as context:
        measures_panel(user, FILTERS)
        nrm_panel(user, FILTERS)
    return len(context)


def test_query_count_does_not_grow_with_the_data(manager):
    _build(2, 2020)
    small = _queries(manager)
    _build(4, 2021)
    assert _queries(manager) == small
    assert measures_panel(manager, FILTERS)["plans"][0]["measures"] == 6
