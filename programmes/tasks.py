"""Nightly repair of the summaries kept on write (programmes/summaries.py), run by Celery beat.

Every write through the portal (pages, API, imports, workflow, admin) keeps the summaries current in its own
transaction. A bulk `update()` or `bulk_create()` from a shell or a script does not; this puts them right by the next
morning and leaves a warning in the log saying how many rows it changed, so whoever wrote around the services hears
of it. At scale 200 (a million participations) it takes about half a minute in one transaction: writes to the
summaries wait for it, reads do not.
"""

import logging

from celery import shared_task

from . import summaries

logger = logging.getLogger(__name__)


@shared_task
def repair_summaries() -> int:
    changed = summaries.repair()
    if changed:
        logger.warning("summaries repaired", extra={"rows_changed": changed})
    return changed
