"""The managers' quarterly digest: the quarterly programme report of every unit area they see, sent by email.

Celery beat runs `tasks.send_quarterly_digests` on REPORT_DIGEST_CRONTAB (default: 07:00 on the first day of each
quarter); mail goes through EMAIL_BACKEND (the console by default).
"""

import logging

from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import access
from accounts.models import User
from accounts.roles import Role

from .builders.quarterly import previous_quarter, quarter_bounds
from .models import ReportFormat, ReportJob, ReportStatus
from .services import download_name, run_job

logger = logging.getLogger(__name__)
DIGEST_KIND = "quarterly_programme"


def managers_to_notify() -> list[int]:
    return list(
        User.objects.filter(is_active=True, groups__name=Role.MANAGER.value)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def send_digest_to(*, user_id: int, today=None) -> ReportJob | None:
    """Build (once) and send the previous quarter's digest to one manager; a second call sends nothing new."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not access.is_manager(user) or not user.email:
        return None
    year, quarter = previous_quarter(today or timezone.localdate())
    start, end = quarter_bounds(year, quarter)
    label = f"{year}-Q{quarter}"
    job = ReportJob.objects.filter(
        kind=DIGEST_KIND, requested_by=user, parameters__digest=label, format=ReportFormat.PDF
    ).first()
    if job is None:
        job = ReportJob.objects.create(
            kind=DIGEST_KIND,
            format=ReportFormat.PDF,
            requested_by=user,
            language=user.preferred_language,  # the manager's own language, not the site's
            unit_areas=sorted(access.visible_unit_areas(user)),
            parameters={"date_from": start.isoformat(), "date_to": end.isoformat(), "quarter": label, "digest": label},
        )
    if job.status in (ReportStatus.QUEUED, ReportStatus.RUNNING):
        job = run_job(job_id=job.pk) or ReportJob.objects.get(pk=job.pk)
    if job.status != ReportStatus.DONE or job.parameters.get("sent"):
        if job.status == ReportStatus.FAILED:
            logger.info("digest job %s for user %s not sent: %s", job.pk, user.pk, job.error)
        return job
    with translation.override(job.language):
        message = EmailMessage(
            subject=_("Quarterly programme digest %(quarter)s") % {"quarter": label},
            body=_("The quarterly programme report of your unit areas for %(quarter)s is attached.")
            % {"quarter": label},
            to=[user.email],
        )
        with job.file.open("rb") as handle:
            message.attach(download_name(job), handle.read(), "application/pdf")
    message.send()
    job.parameters = {**job.parameters, "sent": timezone.now().isoformat()}
    job.save(update_fields=["parameters"])
    return job
