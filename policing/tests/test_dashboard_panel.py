import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.tests.factories import LocationFactory

from ..dashboard_panels import cags_panel, overdue_panel
from ..models import CagStatus
from .factories import ActionFactory, CagFactory
from .helpers import meeting_on

pytestmark = pytest.mark.django_db

# 2024 Q2 ends the period: "silent" means no meeting since 2023-10-01.
FILTERS = {
    "date_from": datetime.date(2023, 6, 1),
    "date_to": datetime.date(2024, 5, 10),
    "unit_area": "policing",
    "programme": None,
    "project": None,
    "location": None,
    "partner": None,
}


def test_groups_by_status_with_meetings_in_the_period_and_silent_groups(manager):
    met = CagFactory(police_department="Met recently")
    meeting_on(met, datetime.date(2023, 11, 2))
    meeting_on(met, datetime.date(2024, 6, 1))  # after the period: not counted
    quiet = CagFactory(police_department="Quiet")
    meeting_on(quiet, datetime.date(2023, 9, 28))
    meeting_on(quiet, datetime.date(2023, 5, 1))  # before the period
    CagFactory(police_department="Dormant", status=CagStatus.DORMANT)
    CagFactory(police_department="Planned", status=CagStatus.PLANNED, established_on=None)

    panel = cags_panel(manager, FILTERS)

    rows = {row["status"]: (row["groups"], row["meetings"]) for row in panel["statuses"]}
    assert rows == {"planned": (1, 0), "active": (2, 2), "dormant": (1, 0)}
    assert (panel["total_groups"], panel["total_meetings"]) == (4, 2)
    assert [g.police_department for g in panel["silent"]] == ["Quiet"]
    assert panel["silent_since"] == datetime.date(2023, 10, 1)


def test_location_filter_limits_groups_meetings_and_actions(manager):
    ganja, shirvan = LocationFactory(), LocationFactory(code="AZ-SR", name="Shirvan")
    here, there = CagFactory(location=ganja), CagFactory(location=shirvan)
    meeting_on(here, datetime.date(2024, 1, 10))
    ActionFactory(issue__meeting=meeting_on(there, datetime.date(2024, 2, 10)), due_date=datetime.date(2024, 3, 1))

    filters = {**FILTERS, "location": shirvan.pk}
    panel = cags_panel(manager, filters)
    assert panel["total_groups"] == 1 and panel["total_meetings"] == 1
    assert overdue_panel(manager, filters)["count"] == 1
    assert overdue_panel(manager, {**FILTERS, "location": ganja.pk})["count"] == 0


def test_overdue_actions_as_of_the_period_end(manager):
    meeting = meeting_on(CagFactory(), datetime.date(2024, 1, 10))
    late = ActionFactory(issue__meeting=meeting, due_date=datetime.date(2024, 3, 1), description="Late")
    ActionFactory(issue__meeting=meeting, due_date=datetime.date(2024, 6, 1))  # due after the period end
    ActionFactory(issue__meeting=meeting, due_date=datetime.date(2024, 2, 1), status="done", outcome="Lights fixed")

    panel = overdue_panel(manager, FILTERS)

    assert panel["count"] == 1 and panel["actions"] == [late]


def test_unit_dashboard_shows_the_panels_with_links(personas):
    cag = CagFactory(police_department="Ganja City Police Department")
    ActionFactory(issue__meeting=meeting_on(cag, datetime.date(2024, 1, 10)), description="Fix the street lights")
    params = {"date_from": "2023-06-01", "date_to": "2024-05-10"}

    response = personas["staff_same_unit"].get(reverse("unit_dashboard", args=["policing"]), params)

    text = response.text
    assert 'data-testid="panel-policing-cags"' in text and 'data-testid="panel-policing-overdue"' in text
    assert "Fix the street lights" in text
    for url in (
        reverse("policing:rollout"),
        reverse("policing:overdue"),
        reverse("policing:cag_detail", args=[cag.pk]),
    ):
        assert url in text
    assert personas["staff_other_unit"].get(reverse("unit_dashboard", args=["policing"])).status_code == 403


def test_other_units_staff_get_empty_panels(staff_ct):
    ActionFactory(issue__meeting=meeting_on(CagFactory(), datetime.date(2024, 1, 10)))
    assert cags_panel(staff_ct, FILTERS)["statuses"] == []
    assert overdue_panel(staff_ct, FILTERS)["count"] == 0


def _build(n):
    for _ in range(n):
        cag = CagFactory()
        meeting = meeting_on(cag, datetime.date(2023, 7, 1))
        ActionFactory(issue__meeting=meeting, due_date=datetime.date(2023, 8, 1))


def _queries(user):
    cags_panel(user, FILTERS)  # the user's roles are looked up once and cached on the user
    with CaptureQueriesContext(connection) as context:
        cags_panel(user, FILTERS)
        overdue_panel(user, FILTERS)
    return len(context)


def test_query_count_does_not_grow_with_the_data(manager):
    _build(2)
    small = _queries(manager)
    _build(4)
    assert _queries(manager) == small
    assert cags_panel(manager, FILTERS)["total_groups"] == 6
