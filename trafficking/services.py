"""Writes for the trafficking unit that touch more than one row."""

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .models import Measure, NrmStatistic, ProgressUpdate


@transaction.atomic
def record_progress(*, measure: Measure, user, **fields) -> ProgressUpdate:
    return ProgressUpdate.objects.create(measure=measure, created_by=user, **fields)


@transaction.atomic
def set_activity_link(*, measure: Measure, activity, linked: bool) -> None:
    if linked:
        measure.activities.add(activity)
    else:
        measure.activities.remove(activity)


def _key(row) -> tuple:
    return tuple(row[d] if isinstance(row, dict) else getattr(row, d) for d in NrmStatistic.DIMENSIONS)


@transaction.atomic
def save_nrm_statistics(*, rows: list[dict]) -> tuple[int, int]:
    """Insert or replace aggregate cells (one per dimension tuple): re-importing a file adds no duplicates.

    Returns (created, updated). All rows or none: the caller validated them, and any database error rolls back.
    """
    years = {row["year"] for row in rows}
    existing = {_key(s): s for s in NrmStatistic.objects.filter(year__in=years)}
    new, changed = [], []
    for row in rows:
        current = existing.get(_key(row))
        if current is None:
            new.append(NrmStatistic(**row))
        elif current.count != row["count"]:
            current.count = row["count"]
            changed.append(current)
    if new:
        bulk_create_with_history(new, NrmStatistic, batch_size=1000)
    if changed:
        bulk_update_with_history(changed, NrmStatistic, ["count"], batch_size=1000)
    return len(new), len(changed)
