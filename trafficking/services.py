"""Writes for the trafficking unit that touch more than one row."""

from django.db import transaction
from django.urls import reverse
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from programmes import import_runs

from .models import UNIT, Measure, NrmStatistic, ProgressUpdate
from .nrm_import import ImportFileError, ParsedSheet, parse_sheet

NRM_IMPORT = "nrm"  # the kind of its import runs, registered in TraffickingConfig.ready


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


def _nrm_run(user, file_name) -> dict:
    link = reverse("trafficking:nrm")
    return {"kind": NRM_IMPORT, "user": user, "file_name": file_name, "unit_area": UNIT, "link": link}


def check_nrm_sheet(*, uploaded, user) -> ParsedSheet:
    """The import's first step: parse the sheet, recording the run when the file or any row is refused (a sheet
    without data rows is refused too); a valid sheet is recorded when it is imported."""
    try:
        parsed = parse_sheet(uploaded)
    except ImportFileError:
        import_runs.record_rejected(**_nrm_run(user, uploaded.name))
        raise
    if parsed.errors or not parsed.rows:
        import_runs.record_rejected(**_nrm_run(user, uploaded.name), error_rows=[row for row, _ in parsed.errors])
    return parsed


@transaction.atomic
def import_nrm_statistics(*, rows: list[dict], user, file_name: str) -> tuple[int, int]:
    """Save a checked sheet's counts and record the run with them, in one transaction. Returns (created, updated)."""
    created, updated = save_nrm_statistics(rows=rows)
    import_runs.record_imported(**_nrm_run(user, file_name), created=created, updated=updated)
    return created, updated
