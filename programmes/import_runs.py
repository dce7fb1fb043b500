"""The record of each spreadsheet import (`ImportRun`), written by the import services themselves.

An import that succeeds calls `record_imported` inside its own transaction, after its rows: the record and the rows
commit together or not at all. An import that is refused (the whole file, or some rows, so nothing was saved) calls
`record_rejected` once its transaction has rolled back. Only counts, row numbers and the file's name are kept.
"""

from pathlib import PureWindowsPath

from django.db import transaction

from .models import ImportRun
from .models.imports import ERROR_ROWS_KEPT

SHOWN = 5


def _file_name(name) -> str:
    # Browsers send a bare name, but some old ones send the whole client path (C:\Users\…\sheet.xlsx): keep the last
    # part, which PureWindowsPath splits at both kinds of slash.
    return PureWindowsPath(str(name or "")).name[:255]


def _owner(user):
    return user if user is not None and user.is_authenticated else None


def record_imported(*, kind: str, user, file_name, unit_area: str = "", created=0, updated=0, link="") -> ImportRun:
    """Call inside the import's transaction, after its rows are written."""
    assert transaction.get_connection().in_atomic_block, "record an import in the transaction that wrote it"
    return ImportRun.objects.create(
        kind=kind, unit_area=unit_area, started_by=_owner(user), file_name=_file_name(file_name),
        outcome=ImportRun.Outcome.IMPORTED, created=created, updated=updated, link=link,
    )  # fmt: skip


def record_rejected(*, kind: str, user, file_name, unit_area: str = "", error_rows=(), link="") -> ImportRun:
    """Call once nothing of the import is saved. `error_rows` are the spreadsheet's numbers of the rows with errors
    (repeats allowed, one per error); none means the file was refused as a whole."""
    rows = sorted(set(error_rows))
    return ImportRun.objects.create(
        kind=kind, unit_area=unit_area, started_by=_owner(user), file_name=_file_name(file_name),
        outcome=ImportRun.Outcome.REJECTED, rejected=len(rows), error_rows=rows[:ERROR_ROWS_KEPT], link=link,
    )  # fmt: skip


def recent_for(user) -> list[ImportRun]:
    """The user's latest import runs, newest first (one query)."""
    return list(ImportRun.objects.for_user(user).order_by("-started_at", "-id")[:SHOWN])
