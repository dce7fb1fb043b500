"""Celery tasks: thin wrappers that take ids and call reports.services.

Late acknowledgement and `task_reject_on_worker_lost` (settings) mean a worker killed mid-report leaves the task in
the queue for another worker; the job counts its attempts and gives up after REPORT_MAX_ATTEMPTS, so it is never
left "running" forever.
"""

import logging
import time

from celery import shared_task
from django.conf import settings

from . import services

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def generate_report(self, job_id: int):
    in_process_tries = 0
    while True:
        try:
            services.run_job(job_id=job_id)
            return
        except services.transient_errors() as error:
            # The database restarting or Redis away for a moment: wait and try again, longer each time.
            tries = self.request.retries + in_process_tries + 1
            if tries >= settings.REPORT_MAX_ATTEMPTS:
                logger.error("report job %s: giving up after %s transient errors", job_id, tries)
                services.mark_failed_after_retries(job_id=job_id)
                return
            countdown = min(300, 5 * 2 ** (tries - 1))
            logger.warning("report job %s: %s, retrying in %ss", job_id, type(error).__name__, countdown)
            if not self.request.is_eager:
                raise self.retry(exc=error, countdown=countdown) from error
            # In-process (no Redis) there is no queue to come back through: retry here, briefly.
            in_process_tries += 1
            time.sleep(min(countdown, 1))


@shared_task
def cleanup_reports():
    """Periodic (beat): delete expired files and fail jobs no worker will finish."""
    return services.expire_reports()


@shared_task
def send_quarterly_digests():
    """Periodic (beat, REPORT_DIGEST_CRONTAB): one digest task per manager."""
    from .digest import managers_to_notify

    for user_id in managers_to_notify():
        send_digest.delay(user_id)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3)
def send_digest(self, user_id: int):
    from .digest import send_digest_to

    try:
        send_digest_to(user_id=user_id)
    except services.transient_errors() as error:
        raise self.retry(exc=error, countdown=min(300, 30 * 2**self.request.retries)) from error
