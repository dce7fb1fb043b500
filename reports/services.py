"""Report jobs: run (idempotently, with attempts counted), fail, expire. Requesting a job and sending it to the
queue is reports/queue.py."""

import datetime
import logging
import os
import time
import traceback
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ReportError
from .models import ReportJob, ReportStatus
from .registry import get_kind

logger = logging.getLogger(__name__)

GENERIC_FAILURE = gettext_lazy(
    "The report could not be built because of an unexpected error. It has been logged; try again later."
)
REPORT_DIR = "reports"


def broker_errors() -> tuple:
    """What the queue raises when Redis does not answer."""
    from kombu.exceptions import OperationalError as KombuOperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (KombuOperationalError, RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


def _claim(job_id) -> ReportJob | None:
    """Mark the job running and count the attempt; None when there is nothing (more) to do."""
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().select_related("requested_by").filter(pk=job_id).first()
        if job is None or job.status in (ReportStatus.DONE, ReportStatus.EXPIRED, ReportStatus.FAILED):
            return None  # already built, given up or removed: running it again must not make a second file
        if job.attempts >= job.max_attempts:
            # A worker died (or the task was redelivered) on every attempt: stop, and say so.
            with translation.override(job.language):
                message = _("The report was stopped after %(n)d attempts. Try again, or choose a shorter period.")
                _fail(job, message % {"n": job.attempts})
            return None
        job.attempts += 1
        job.status, job.progress, job.error = ReportStatus.RUNNING, 0, ""
        job.started_at = timezone.now()
        job.save()
    return job


def _fail(job: ReportJob, message) -> None:
    """Mark the job failed unless another run has finished it meanwhile (a redelivered task may run twice)."""
    with transaction.atomic():
        current = ReportJob.objects.select_for_update().filter(pk=job.pk).first()
        if current is None or current.status not in (ReportStatus.QUEUED, ReportStatus.RUNNING):
            return
        current.status, current.error, current.finished_at = ReportStatus.FAILED, str(message), timezone.now()
        current.save(update_fields=["status", "error", "finished_at"])
    job.status, job.error, job.finished_at = current.status, current.error, current.finished_at


def _progress_reporter(job: ReportJob):
    last = {"value": -1, "at": 0.0}
    delay = settings.REPORT_TEST_DELAY_SECONDS

    def progress(percent: int) -> None:
        if delay:
            time.sleep(delay)  # tests only: keep the build running long enough to kill its worker
        percent = max(0, min(99, int(percent)))  # 100 only once the file is in place
        now = time.monotonic()
        if percent != last["value"] and (now - last["at"] >= 0.5 or percent - last["value"] >= 10 or delay):
            ReportJob.objects.filter(pk=job.pk, status=ReportStatus.RUNNING).update(progress=percent)
            last.update(value=percent, at=now)

    return progress


def final_name(job: ReportJob) -> str:
    # One name per job: a second run replaces the first file instead of adding another.
    return f"{REPORT_DIR}/job-{job.pk}.{job.format}"


def run_job(*, job_id: int) -> ReportJob | None:
    """Build the job's file. Safe to call twice: a finished job is skipped, and the file is written under a temporary
    name and moved into place in one step. Transient database and Redis errors propagate for the task to retry."""
    job = _claim(job_id)
    if job is None:
        return None
    kind = get_kind(job.kind)
    directory = Path(settings.MEDIA_ROOT) / REPORT_DIR
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / f".job-{job.pk}-{uuid.uuid4().hex}.part"
    with translation.override(job.language):
        return _build(job, kind, temporary)


def _build(job, kind, temporary) -> ReportJob:
    try:
        if kind is None:
            raise ReportError(_("This kind of report is no longer offered."))
        kind.build(job, _progress_reporter(job), temporary)
        name = final_name(job)
        os.replace(temporary, Path(settings.MEDIA_ROOT) / name)
    except ReportError as error:
        _fail(job, error.message)
        return job
    except Exception as error:
        if isinstance(error, transient_errors()):
            raise
        from celery.exceptions import SoftTimeLimitExceeded

        if isinstance(error, SoftTimeLimitExceeded):
            _fail(job, _("The report took too long. Choose a shorter period or fewer unit areas."))
            return job
        # An exception's message may quote data (a name in a row): the log gets the job id, the exception type and
        # where it happened, never the message; the user gets a plain sentence.
        where = " < ".join(
            f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(error.__traceback__)[::-1][:4]
        )
        logger.error("report job %s failed: %s at %s", job.pk, type(error).__name__, where)
        _fail(job, GENERIC_FAILURE)
        return job
    finally:
        temporary.unlink(missing_ok=True)
    with transaction.atomic():
        current = ReportJob.objects.select_for_update().get(pk=job.pk)
        if current.status == ReportStatus.RUNNING:
            current.status, current.progress, current.file = ReportStatus.DONE, 100, name
            current.includes_names = job.includes_names
            current.finished_at = timezone.now()
            current.expires_at = current.finished_at + datetime.timedelta(hours=settings.REPORT_FILE_TTL_HOURS)
            current.save()
    return current


def transient_errors() -> tuple:
    """Errors worth retrying after a pause: the database restarting, Redis away for a moment."""
    from django.db import InterfaceError, OperationalError

    return (OperationalError, InterfaceError, *broker_errors())


def mark_not_queued(*, job_id: int) -> None:
    """The queue refused the job's task (Redis down): the job fails with a message, and the user may try again."""
    job = ReportJob.objects.filter(pk=job_id, status=ReportStatus.QUEUED).first()
    if job:
        with translation.override(job.language):
            _fail(
                job, _("The report queue was not available, so the report was not started. Try again in a few minutes.")
            )


def mark_failed_after_retries(*, job_id: int) -> None:
    try:
        job = ReportJob.objects.filter(pk=job_id, status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING]).first()
        if job:
            with translation.override(job.language):
                _fail(job, _("The database or the queue was unavailable while the report was built. Try again."))
    except transient_errors():
        logger.error("report job %s: could not record the failure; the clean-up will", job_id)


def expire_reports(now=None) -> int:
    """Delete files past their expiry time and mark their jobs expired; also fail jobs no worker will finish."""
    now = now or timezone.now()
    expired = 0
    for job in ReportJob.objects.filter(status=ReportStatus.DONE, expires_at__lte=now).iterator():
        if job.file:
            default_storage.delete(job.file.name)
        job.status, job.file = ReportStatus.EXPIRED, ""
        job.save(update_fields=["status", "file"])
        expired += 1
    # A job whose task was lost (Redis flushed, broker restored from an old snapshot) would otherwise show
    # "running" forever: anything active for longer than a task may live is failed.
    limit = settings.CELERY_TASK_TIME_LIMIT + settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    stale = now - datetime.timedelta(seconds=limit * max(1, settings.REPORT_MAX_ATTEMPTS) + 3600)
    for job in ReportJob.objects.active().filter(created_at__lt=stale):
        with translation.override(job.language):
            _fail(job, _("The report was not finished in time. Try again."))
    # Temporary files of builds whose worker was killed before it could remove them.
    directory = Path(settings.MEDIA_ROOT) / REPORT_DIR
    cutoff = time.time() - settings.CELERY_TASK_TIME_LIMIT
    for leftover in directory.glob(".job-*.part") if directory.exists() else ():
        if leftover.stat().st_mtime < cutoff:
            leftover.unlink(missing_ok=True)
    return expired


def download_name(job: ReportJob) -> str:
    """The file name the user sees, in the language the report was written in: 'Activity register 2024-05-01.xlsx'."""
    with translation.override(job.language):
        label = str(job.kind_label)
    day = timezone.localtime(job.finished_at or job.created_at).date().isoformat()
    safe = "".join(c for c in label if c not in '\\/:*?"<>|').strip() or "report"
    return f"{safe} {day}.{job.format}"
