"""Job life cycle without pages: attempts and their cap, running twice, expiry, the digest, transient errors."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.utils import timezone

from accounts.units import UnitArea
from programmes.models import ActivityStatus
from programmes.tests.factories import ActivityFactory
from reports import services, tasks
from reports.models import ReportJob, ReportStatus

from .factories import ReportJobFactory

pytestmark = pytest.mark.django_db


def _files():
    return sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "reports").iterdir())


def test_running_the_same_job_twice_makes_one_file(staff_policing):
    ActivityFactory(unit_area=UnitArea.POLICING)
    job = ReportJobFactory(requested_by=staff_policing)
    services.run_job(job_id=job.pk)
    assert services.run_job(job_id=job.pk) is None  # done: skipped
    job.refresh_from_db()
    assert job.attempts == 1 and _files() == [f"job-{job.pk}.csv"]


def test_a_job_left_running_by_a_dead_worker_runs_again_and_counts(staff_policing):
    job = ReportJobFactory(requested_by=staff_policing, status=ReportStatus.RUNNING, attempts=1)
    services.run_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE and job.attempts == 2 and _files() == [f"job-{job.pk}.csv"]


def test_attempts_are_capped(staff_policing):
    job = ReportJobFactory(requested_by=staff_policing, status=ReportStatus.RUNNING, attempts=3, max_attempts=3)
    services.run_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and "after 3 attempts" in job.error and job.attempts == 3


def test_transient_errors_retry_then_fail(staff_policing, monkeypatch):
    job = ReportJobFactory(requested_by=staff_policing)
    calls = []

    def database_restarting(*, job_id):
        calls.append(job_id)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "run_job", database_restarting)
    tasks.generate_report.apply(args=(job.pk,))  # eager: retries run at once, without the back-off pause
    job.refresh_from_db()
    assert len(calls) == settings.REPORT_MAX_ATTEMPTS
    assert job.status == ReportStatus.FAILED and "unavailable" in job.error


def test_expired_files_are_removed(staff_policing):
    old = ReportJobFactory(done=True, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    fresh = ReportJobFactory(done=True, expires_at=timezone.now() + datetime.timedelta(hours=1))
    old_name = old.file.name
    assert tasks.cleanup_reports.apply().get() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == ReportStatus.EXPIRED and not old.file and not default_storage.exists(old_name)
    assert fresh.status == ReportStatus.DONE and default_storage.exists(fresh.file.name)


def test_expiry_time_follows_the_setting(settings, staff_policing):
    settings.REPORT_FILE_TTL_HOURS = 5
    job = ReportJobFactory(requested_by=staff_policing)
    services.run_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.expires_at - job.finished_at == datetime.timedelta(hours=5)


def test_expired_download_says_so(personas):
    job = ReportJobFactory(status=ReportStatus.EXPIRED)
    from django.urls import reverse

    assert personas["staff_same_unit"].get(reverse("reports:download", args=[job.pk])).status_code == 410


def test_jobs_no_worker_will_finish_are_failed(staff_policing):
    job = ReportJobFactory(status=ReportStatus.RUNNING, attempts=1)
    ReportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    services.expire_reports()
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and job.error


def test_quarterly_digest_mails_each_manager_once(manager):
    ActivityFactory(
        unit_area=UnitArea.TRAFFICKING,
        status=ActivityStatus.APPROVED,
        start_date=datetime.date(2024, 8, 1),
        end_date=datetime.date(2024, 8, 1),
        title="NRM workshop",
    )
    from reports.digest import send_digest_to

    send_digest_to(user_id=manager.pk, today=datetime.date(2024, 10, 1))
    send_digest_to(user_id=manager.pk, today=datetime.date(2024, 10, 1))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [manager.email] and "2024-Q3" in message.subject
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF") and name.endswith(".pdf")


def test_beat_task_queues_a_digest_per_manager(manager, staff_policing, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.send_digest, "delay", lambda user_id: sent.append(user_id))
    tasks.send_quarterly_digests.apply()
    assert sent == [manager.pk]


def test_beat_schedule_is_configured():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["reports-cleanup"]["task"] == "reports.tasks.cleanup_reports"
    assert schedule["reports-quarterly-digest"]["task"] == "reports.tasks.send_quarterly_digests"
