"""Report jobs go to the queue when the request's transaction commits (reports/queue.py): the request keeps its
transaction (ATOMIC_REQUESTS), a rolled-back request sends nothing, and a queue that refuses the task leaves a failed
job the user can try again."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import TestCase
from django.urls import resolve, reverse

from accounts.units import UnitArea
from programmes.models import ActivityStatus
from programmes.tests.factories import ActivityFactory
from reports import queue
from reports.models import ReportJob, ReportStatus

from .brokers import closed_port_url, sending_to

pytestmark = pytest.mark.django_db

REQUEST = {"kind": "activity_register", "format": "csv", "unit_area": UnitArea.POLICING}


@pytest.fixture(autouse=True)
def activity():
    return ActivityFactory(unit_area=UnitArea.POLICING, status=ActivityStatus.APPROVED, title="Patrol training")


def test_report_requests_keep_the_request_transaction():
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"]
    for url in (reverse("reports:request"), reverse("reports:retry", args=[1]), reverse("api:reportjob-list")):
        assert not getattr(resolve(url).func, "_non_atomic_requests", set()), url


def test_the_task_is_sent_when_the_request_commits(personas):
    client = personas["staff_same_unit"]
    with TestCase.captureOnCommitCallbacks() as sent_on_commit:
        response = client.post(reverse("reports:request"), REQUEST)
    job = ReportJob.objects.get()
    assert response.status_code == 302
    # Before the commit: the job is written, nothing has run it yet.
    assert job.status == ReportStatus.QUEUED and job.attempts == 0 and not job.task_id
    assert len(sent_on_commit) == 1
    sent_on_commit[0]()  # the commit
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE and job.task_id


def test_a_rolled_back_request_leaves_no_job_and_sends_nothing(staff_policing):
    with TestCase.captureOnCommitCallbacks() as sent_on_commit, pytest.raises(RuntimeError), transaction.atomic():
        queue.request_report(
            user=staff_policing,
            kind_code="activity_register",
            fmt="csv",
            parameters={"unit_area": UnitArea.POLICING},
            unit_areas=[UnitArea.POLICING],
        )
        raise RuntimeError("the request failed after writing the job")
    assert not ReportJob.objects.exists() and sent_on_commit == []


def test_queue_down_after_commit_fails_the_job_and_try_again_runs_it(personas):
    client = personas["staff_same_unit"]
    with sending_to(closed_port_url()), TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("reports:request"), REQUEST)
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[job.pk])
    assert job.status == ReportStatus.FAILED and "queue was not available" in job.error and job.can_retry

    page = client.get(reverse("reports:detail", args=[job.pk]))
    assert job.error.encode() in page.content and b"Try again" in page.content

    with TestCase.captureOnCommitCallbacks(execute=True):  # the queue is back (in-process)
        client.post(reverse("reports:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE and job.error == "" and job.attempts == 1


def test_queue_down_on_try_again_fails_the_job_again(personas, staff_policing):
    job = ReportJob.objects.create(
        kind="activity_register",
        format="csv",
        parameters={"unit_area": UnitArea.POLICING},
        unit_areas=[UnitArea.POLICING],
        requested_by=staff_policing,
        status=ReportStatus.FAILED,
        error="an earlier failure",
    )
    with sending_to(closed_port_url()), TestCase.captureOnCommitCallbacks(execute=True):
        response = personas["staff_same_unit"].post(reverse("reports:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and "queue was not available" in job.error
