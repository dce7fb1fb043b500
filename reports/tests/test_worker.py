"""A real Celery worker against the real Redis and PostgreSQL: request through the page, download, and survive a
worker killed in the middle of a report.

The worker runs in a subprocess on the test database (committed data: transaction=True) and a Redis database of its
own (REPORTS_TEST_REDIS_DB, flushed before and after), so it cannot take tasks of anything else.
"""

import ast
import io
import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote, urlparse, urlunparse

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse

from accounts.units import UnitArea
from programmes.models import ActivityStatus
from programmes.tests.factories import ActivityFactory
from reports.models import ReportJob, ReportStatus

from .brokers import sending_to

pytestmark = [pytest.mark.postgres, pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).parent / "celery"
REDIS_DB = int(os.environ.get("REPORTS_TEST_REDIS_DB", "14"))
START_TIMEOUT = 60
JOB_TIMEOUT = 90


def _broker_url() -> str:
    parsed = urlparse(settings.REDIS_URL)
    return urlunparse(parsed._replace(path=f"/{REDIS_DB}"))


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def broker():
    """This process sends tasks to the test Redis database instead of running them in-process."""
    import redis

    url = _broker_url()
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        with sending_to(url):
            yield url
    finally:
        client.flushdb()
        client.close()


def _worker_environment(broker_url, **env):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "osce_baku.test_settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": broker_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CONN_MAX_AGE": "0",
        **{key: str(value) for key, value in env.items()},
    }


@contextmanager
def worker(broker_url, tmp_path, **env):
    """A prefork worker with one child, in its own process group so a test can kill all of it at once."""
    log = tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(CELERY), "-A", "osce_baku", "worker", "--pool=prefork", "--concurrency=1", "-l", "info"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"reports-{uuid.uuid4().hex}@%h"],
            cwd=ROOT,
            env=_worker_environment(broker_url, **env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while b"ready." not in log.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        process.log = log
        yield process
    finally:
        kill(process)


def kill(process, sig=signal.SIGKILL):
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


def wait_for(job, condition, process, timeout=JOB_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if condition(job):
            return job
        time.sleep(0.25)
    log = process.log.read_text(errors="replace")[-4000:] if process else ""
    pytest.fail(f"job {job.pk} stuck at {job.status} {job.progress}% after {timeout}s\n{log}")


def _request(client, **data):
    response = client.post(reverse("reports:request"), data)
    assert response.status_code == 302, response.content[:2000]
    return ReportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def test_the_task_is_sent_only_when_the_request_commits(broker, personas, tmp_path):
    """The request is held inside a transaction that stays open for a while: a task sent before the commit would
    reach the worker while the job's row is not visible to it, and the job would stay queued for ever."""
    _activities(1)
    client = personas["staff_same_unit"]
    with worker(broker, tmp_path) as process:
        with transaction.atomic():
            job = _request(client, kind="activity_register", format="csv", unit_area=UnitArea.POLICING)
            time.sleep(3)  # long enough for an idle worker to take a task sent now
        wait_for(job, lambda j: j.status in (ReportStatus.DONE, ReportStatus.FAILED), process)
    assert job.status == ReportStatus.DONE and job.attempts == 1, job.error


def _activities(count):
    for n in range(count):
        ActivityFactory(unit_area=UnitArea.POLICING, status=ActivityStatus.APPROVED, title=f"Patrol course {n}")


def test_reports_built_by_a_real_worker(broker, personas, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    _activities(3)
    client = personas["staff_same_unit"]
    with worker(broker, tmp_path) as process:
        xlsx = _request(client, kind="activity_register", format="xlsx", unit_area=UnitArea.POLICING)
        pdf = _request(client, kind="participant_reach", format="pdf")
        assert xlsx.status == ReportStatus.QUEUED  # sent to Redis, not run in this process
        for job in (xlsx, pdf):
            wait_for(job, lambda j: j.status in (ReportStatus.DONE, ReportStatus.FAILED), process)
            assert job.status == ReportStatus.DONE, job.error

    response = client.get(reverse("reports:download", args=[xlsx.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).worksheets[0]
    titles = sorted(row[5] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert titles == ["Patrol course 0", "Patrol course 1", "Patrol course 2"]

    response = client.get(reverse("reports:download", args=[pdf.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages)
    assert "Participant reach" in text and "Community policing" in text


def test_a_killed_worker_does_not_lose_the_report(broker, personas, tmp_path):
    """Kill the whole worker mid-report; a new worker picks the task up again and the job completes exactly once."""
    _activities(20)
    client = personas["staff_same_unit"]
    # A short visibility timeout so Redis hands the unacknowledged task to the next worker within seconds.
    fast_redelivery = {"CELERY_VISIBILITY_TIMEOUT": 3}
    with worker(broker, tmp_path, REPORT_TEST_DELAY_SECONDS=0.5, **fast_redelivery) as first:
        job = _request(client, kind="activity_register", format="xlsx")
        wait_for(job, lambda j: j.status == ReportStatus.RUNNING and j.progress > 0, first, timeout=60)
        kill(first)  # SIGKILL to the whole process group: the parent and the child building the report
    job.refresh_from_db()
    assert job.status == ReportStatus.RUNNING and job.attempts == 1
    _die_holding_the_restore_lock(broker, **fast_redelivery)

    with worker(broker, tmp_path, **fast_redelivery) as second:
        wait_for(job, lambda j: j.status in (ReportStatus.DONE, ReportStatus.FAILED), second)
        time.sleep(2)  # a redelivered duplicate, if any, must not run it a third time
        job.refresh_from_db()

    assert job.status == ReportStatus.DONE and job.attempts == 2, job.error
    files = sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "reports").iterdir() if not p.name.startswith("."))
    assert files == [f"job-{job.pk}.xlsx"]
    response = client.get(reverse("reports:download", args=[job.pk]))
    assert response.status_code == 200


def _die_holding_the_restore_lock(broker_url, **env):
    """Leave the lock that guards kombu's sweep of unacknowledged tasks taken, as a worker killed in the middle of
    its sweep (one a second here) leaves it, with the expiry a worker's settings give it. With kombu's default of
    5 minutes, it held back the next worker's redelivery and failed this test about one run in a few hundred."""
    import redis

    options = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.CELERY_BROKER_TRANSPORT_OPTIONS)"],
        cwd=ROOT,
        env=_worker_environment(broker_url, **env),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    expire = ast.literal_eval(options).get("unacked_mutex_expire", 300)  # kombu's default
    client = redis.Redis.from_url(broker_url)
    try:
        client.lock("unacked_mutex", timeout=expire).acquire(blocking=False)  # taken already if it died so
    finally:
        client.close()
