"""Requesting report jobs. The job row is written in the caller's transaction (a page's or an API call's request
transaction: ATOMIC_REQUESTS) and its task is sent once that transaction commits, so a worker always finds the row,
and a request that fails after writing it leaves neither a job nor a task. With no REDIS_URL Celery runs the task
right there, after the commit.

If the queue refuses the task (Redis down) the job is recorded as failed and says why; the user tries it again from
the job's page (an API client requests it again)."""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import access

from . import services
from .errors import ReportError
from .models import ReportJob, ReportStatus
from .registry import get_kind
from .tasks import generate_report

logger = logging.getLogger(__name__)


@transaction.atomic
def request_report(*, user, kind_code: str, fmt: str, parameters: dict, unit_areas: list[str]) -> ReportJob:
    """Create the job; its task is sent when the surrounding transaction commits."""
    kind = get_kind(kind_code)
    if kind is None or not kind.available_to(user) or fmt not in kind.formats:
        raise ReportError(_("You may not request this report."))
    visible = access.visible_unit_areas(user)
    areas = sorted(set(unit_areas) & visible)
    if not areas:
        raise ReportError(_("You may not request reports for this unit area."))
    job = ReportJob.objects.create(
        kind=kind.code,
        format=fmt,
        parameters=parameters,
        unit_areas=areas,
        # The requester's own language (their profile), else the language they are reading the portal in.
        language=(user.language or translation.get_language() or settings.LANGUAGE_CODE)[:8],
        requested_by=user,
    )
    _send_on_commit(job)
    return job


@transaction.atomic
def retry_report(*, job: ReportJob) -> ReportJob:
    """Run a failed job again from scratch, with a fresh set of attempts."""
    if job.status != ReportStatus.FAILED:
        raise ReportError(_("Only a failed report can be tried again."))
    job.status, job.progress, job.error, job.attempts = ReportStatus.QUEUED, 0, "", 0
    job.started_at = job.finished_at = None
    job.task_id = ""
    job.save()
    _send_on_commit(job)
    return job


def _send_on_commit(job: ReportJob) -> None:
    # robust: an unexpected error while sending is logged and the committed request still answers; the job then
    # stays queued until services.expire_reports fails it.
    transaction.on_commit(partial(send, job.pk), robust=True)


def send(job_id: int) -> None:
    """Send the job's task to the queue (or, with no REDIS_URL, run it here); a refusal fails the job."""
    try:
        result = generate_report.apply_async((job_id,), retry=False)
    except services.broker_errors() as error:
        logger.error("report job %s not queued: %s", job_id, type(error).__name__)
        services.mark_not_queued(job_id=job_id)
        return
    if result.id:
        ReportJob.objects.filter(pk=job_id, task_id="").update(task_id=result.id[:64])
