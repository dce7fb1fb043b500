"""Requesting, following and downloading reports through the pages, with tasks run in-process."""

import datetime
import logging

import pytest
from django.test import TestCase
from django.urls import reverse

from accounts.units import UnitArea
from programmes.models import ActivityStatus
from programmes.tests.factories import ActivityFactory, ProjectFactory
from reports import services
from reports.models import ReportJob, ReportStatus

from .factories import ReportJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    return ActivityFactory(unit_area=UnitArea.POLICING, status=ActivityStatus.APPROVED, title="Patrol training")


def _committed(client, url, data=None):
    """Post, then run what the request left for its commit (the report's task), as a real commit would: in a test
    the request's transaction is a savepoint of the test's."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def _request(client, **data):
    return _committed(client, reverse("reports:request"), {"kind": "activity_register", "format": "csv", **data})


def test_request_runs_the_report_and_the_file_downloads(personas, staff_policing, activity):
    client = personas["staff_same_unit"]
    response = _request(client, unit_area=UnitArea.POLICING)
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[job.pk])
    assert job.status == ReportStatus.DONE and job.requested_by == staff_policing
    assert job.unit_areas == [UnitArea.POLICING] and job.task_id

    page = client.get(reverse("reports:progress", args=[job.pk]))
    assert b"every 2s" not in page.content  # finished: the fragment stops polling
    assert reverse("reports:download", args=[job.pk]).encode() in page.content

    download = client.get(reverse("reports:download", args=[job.pk]))
    assert download.status_code == 200 and download["Cache-Control"] == "no-store"
    assert "Activity register" in download["Content-Disposition"]
    assert "Patrol training" in b"".join(download.streaming_content).decode("utf-8-sig")


def test_file_name_in_the_requesters_language(staff_policing):
    job = ReportJobFactory(done=True, language="az", finished_at=datetime.datetime(2024, 5, 1, 9, tzinfo=datetime.UTC))
    assert services.download_name(job).endswith("2024-05-01.csv")


def test_active_job_polls_every_two_seconds(personas):
    job = ReportJobFactory(status=ReportStatus.RUNNING, progress=40)
    page = personas["staff_same_unit"].get(reverse("reports:detail", args=[job.pk]))
    assert b'hx-trigger="every 2s"' in page.content and b'value="40"' in page.content


def test_staff_may_not_request_another_units_report(personas):
    response = _request(personas["staff_other_unit"], unit_area=UnitArea.POLICING)
    assert response.status_code == 200 and "unit_area" in response.context["form"].errors
    assert not ReportJob.objects.exists()


def test_staff_may_not_pick_another_units_project(personas):
    project = ProjectFactory()  # policing
    response = _request(personas["staff_other_unit"], project=project.pk)
    assert "project" in response.context["form"].errors and not ReportJob.objects.exists()


def test_format_must_fit_the_kind(personas):
    response = _request(personas["staff_same_unit"], format="pdf")
    assert "format" in response.context["form"].errors and not ReportJob.objects.exists()


def test_quarterly_needs_a_quarter_and_a_unit(personas):
    response = personas["manager"].post(reverse("reports:request"), {"kind": "quarterly_programme", "format": "pdf"})
    errors = response.context["form"].errors
    assert "quarter" in errors and "unit_area" in errors


def test_staff_list_shows_own_jobs_managers_see_all(personas, staff_policing, staff_ct):
    own = ReportJobFactory()
    other = ReportJobFactory(requested_by=staff_ct, unit_areas=[UnitArea.COUNTERTERRORISM])
    listed = personas["staff_same_unit"].get(reverse("reports:index")).context["page"].object_list
    assert listed == [own]
    listed = personas["manager"].get(reverse("reports:index")).context["page"].object_list
    assert set(listed) == {own, other}


def test_download_checks_names_for_others(personas, administrator):
    from accounts import access

    access.restrict_names_to_unit(UnitArea.COUNTERTERRORISM)
    job = ReportJobFactory(
        done=True, unit_areas=[UnitArea.COUNTERTERRORISM], includes_names=True, kind="participation_list"
    )
    assert personas["administrator"].get(reverse("reports:download", args=[job.pk])).status_code == 404
    assert personas["manager"].get(reverse("reports:download", args=[job.pk])).status_code == 200


def test_unknown_error_is_logged_with_job_id_and_shown_plainly(personas, monkeypatch, caplog):
    from reports import registry

    def explode(job, progress, path):
        raise ValueError("secret detail: Məmmədova")

    kind = registry.ReportKind(code="exploding", label="Exploding", formats=("csv",), build=explode)
    monkeypatch.setitem(registry._kinds, "exploding", kind)
    with caplog.at_level(logging.ERROR, logger="reports.services"):
        _request(personas["staff_same_unit"], kind="exploding")
    job = ReportJob.objects.get()
    assert job.status == ReportStatus.FAILED and "unexpected error" in job.error and "Məmmədova" not in job.error
    assert f"report job {job.pk} failed: ValueError" in caplog.text and "explode" in caplog.text
    assert "Məmmədova" not in caplog.text  # an exception's message may hold data: it is not logged
    page = personas["staff_same_unit"].get(reverse("reports:detail", args=[job.pk]))
    assert job.error.encode() in page.content and b"Try again" in page.content


def test_known_error_is_shown_and_retry_runs_again(personas, activity):
    client = personas["manager"]
    data = {"kind": "quarterly_programme", "format": "pdf", "quarter": "2025-Q1", "unit_area": UnitArea.POLICING}
    _committed(client, reverse("reports:request"), data)
    job = ReportJob.objects.get()
    assert job.status == ReportStatus.FAILED and job.error.startswith("No activities in this quarter")
    activity.start_date = activity.end_date = datetime.date(2025, 2, 3)
    activity.save()
    response = _committed(client, reverse("reports:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE and job.attempts == 1


def test_list_query_count_does_not_grow(personas, django_assert_num_queries, staff_policing):
    client = personas["manager"]
    ReportJobFactory.create_batch(3)
    client.get(reverse("reports:index"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("reports:index"))
    ReportJobFactory.create_batch(9)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("reports:index"))
