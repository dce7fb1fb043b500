"""The fifth programme area, democratic control of armed forces, has no unit app: everything works through the core
(activities, participants, indicators, dashboards, reports, API, IATI) and stays within its staff's scope."""

import datetime

import pytest
from django.test import Client, TestCase
from django.urls import reverse
from lxml import etree

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea
from programmes.models import Activity
from programmes.tests.factories import ActivityFactory, ParticipationFactory, ProjectFactory
from programmes.tests.factories_results import IndicatorPeriodFactory

pytestmark = pytest.mark.django_db
AREA = UnitArea.ARMED_FORCES
DAY = datetime.date(2012, 3, 1)


@pytest.fixture(autouse=True)
def _in_process_tasks():
    """Report jobs run in-process here, even when REDIS_URL is set (as in reports/tests/conftest.py)."""
    from osce_baku.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def rashad(db):
    user = UserFactory(username="rashad.staff", role=Role.STAFF, unit_areas=[AREA])
    client = Client()
    client.force_login(user)
    return user, client


def test_staff_of_the_area_log_an_activity_with_participants_and_submit_it(rashad):
    user, client = rashad
    project = ProjectFactory(programme__unit_area=AREA)
    data = {
        "project": project.pk, "kind": "publication_launch", "title": "Book on servicemen's rights",
        "start_date": DAY.isoformat(), "end_date": DAY.isoformat(), "participant_mode": "roster",
        "partners-TOTAL_FORMS": "0", "partners-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert client.post(reverse("activity_create"), data).status_code == 302
    activity = Activity.objects.get(title="Book on servicemen's rights")
    assert activity.unit_area == AREA
    add = {
        "person-first_name": "Rəşad", "person-last_name": "Quliyev", "person-sex": "male",
        "participation-role": "participant", "participation-days_attended": 1,
    }  # fmt: skip
    assert client.post(reverse("participant_add", args=[activity.pk]), add).status_code == 302
    activity.refresh_from_db()
    assert activity.participants_men == 1
    client.post(reverse("activity_transition", args=[activity.pk]), {"action": "complete"})
    client.post(reverse("activity_transition", args=[activity.pk]), {"action": "submit"})
    activity.refresh_from_db()
    assert activity.status == "submitted"
    # Other staff do not see it; managers do, on the area's own dashboard tab.
    other = Client()
    other.force_login(UserFactory(username="nigar.staff", role=Role.STAFF, unit_areas=[UnitArea.POLICING]))
    assert other.get(reverse("activity_detail", args=[activity.pk])).status_code == 404
    assert other.get(reverse("unit_dashboard", args=[AREA])).status_code == 403


def test_dashboard_indicators_report_api_and_iati_work_for_the_area(rashad):
    user, client = rashad
    activity = ActivityFactory(unit_area=AREA, status="approved", start_date=DAY, end_date=DAY, title="Round table")
    ParticipationFactory(activity=activity)
    period = IndicatorPeriodFactory(indicator__result__project=activity.project, indicator__title="People reached")
    period_filters = {"date_from": "2012-01-01", "date_to": "2012-12-31"}
    dashboard = client.get(reverse("unit_dashboard", args=[AREA]), period_filters)
    assert dashboard.status_code == 200 and dashboard.context["overview"].activities == 1
    assert client.get(reverse("indicator_detail", args=[period.indicator.pk])).status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):  # the report's task is sent on commit
        response = client.post(
            reverse("reports:request"),
            {"kind": "activity_register", "format": "csv", "unit_area": AREA, **period_filters},
        )
    assert response.status_code == 302
    from reports.models import ReportJob

    job = ReportJob.objects.get(requested_by=user)
    assert job.unit_areas == [AREA.value] and job.status == "done", job.error
    api = client.get("/api/v1/activities/", HTTP_ACCEPT="application/json")
    assert api.status_code == 200 and "Round table" in api.content.decode()
    export = client.get(reverse("interop:iati_project", args=[activity.project.pk]))
    assert export.status_code == 200
    from interop import iati

    assert iati.schema().validate(etree.fromstring(export.content))
