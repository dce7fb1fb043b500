"""How every CSV and XLSX export writes its cells (report files, the partner export, the NRM table).

Formula injection (OWASP "CSV Injection"): a spreadsheet program runs a cell that begins with `=`, `+`, `-`, `@`, a
tab or a carriage return as a formula, so a title such as `=HYPERLINK("http://x","y")` typed into the portal would
become a live link (or worse) in a manager's Excel. `neutralise` puts a leading apostrophe before such text, in CSV
and XLSX alike; numbers (real numbers, and text that is only a number such as "-5") are left alone. XLSX cells are
written as strings, never as formulas (`reports.xlsx.StreamingWorkbook`).

CSV is for machines: ISO dates (2011-01-17), a decimal point, comma-separated fields, UTF-8 with a BOM (Excel then
reads ə, ş and Cyrillic) and CRLF line ends, in every language; only the headings are translated. XLSX is the format
for people and keeps the language's own date order.

The values are the same too (issue 14): a choice is written as its stored code (`approved`, `female`, `training`),
never its label, and a record (programme, location, partner) by its name as recorded (the English/base field), never
its name in the reader's language. Builders hand the writers a `Coded` text (the label or localized name, with the
code beside it) or the record itself; XLSX and PDF show the text, `csv_value` writes the code.
"""

import csv
import datetime
import decimal
import io
import re
from collections.abc import Iterable, Sequence

from django.db.models import Model
from django.utils import timezone, translation

# OWASP's list, plus the full-width forms some Excel versions also accept as the start of a formula.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
CSV_ENCODING = "utf-8-sig"  # with a BOM


def neutralise(text: str) -> str:
    """Text as a spreadsheet program will show it and never run it."""
    if text and text[0] in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The text `neutralise` was given, for a cell read back from one of our exports (the partner import)."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


class Coded(str):
    """Text for people (a translated label, a name in the reader's language) that a CSV writes as `code` instead.

    A str, so XLSX, PDF and templates need nothing new to show it."""

    code: str

    def __new__(cls, text, code):
        self = super().__new__(cls, text)
        self.code = code
        return self


def coded_choices(choices) -> dict[str, Coded]:
    """{code: Coded(label, code)} for a field's or an enum's `choices`, labels resolved once in the active language
    (a million-row export must not translate a label per row)."""
    return {code: Coded(str(label), code) for code, label in choices}


def as_recorded(record) -> str:
    """A record's text as recorded, whatever the active language: its `__str__` with the English/base name that
    `pick_localized` falls back to, not the `_az`/`_ru` one."""
    with translation.override("en"):  # the base fields hold English
        return str(record)


def csv_value(value) -> str:
    """A value as CSV text, the same in every language."""
    if value is None:
        return ""
    if isinstance(value, Coded):
        return neutralise(value.code)
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, decimal.Decimal | float):
        return f"{value:.2f}"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Model):
        return neutralise(as_recorded(value))
    return neutralise(str(value))  # lazy translations


class CsvWriter:
    """Rows of values to a text file opened with `open_csv` (or a StringIO): headings as given (translated by the
    caller), values by `csv_value`."""

    def __init__(self, file):
        self._writer = csv.writer(file, delimiter=",", lineterminator="\r\n")

    def heading(self, texts: Sequence) -> None:
        self._writer.writerow([neutralise(str(text)) for text in texts])

    def row(self, values: Iterable) -> None:
        self._writer.writerow([csv_value(value) for value in values])


def open_csv(path):
    return open(path, "w", newline="", encoding=CSV_ENCODING)  # noqa: SIM115 - the caller closes it


def csv_bytes(headings: Sequence, rows: Iterable[Iterable]) -> bytes:
    """A whole (small) CSV file in memory, for a download answered at once."""
    buffer = io.StringIO(newline="")
    writer = CsvWriter(buffer)
    writer.heading(headings)
    for row in rows:
        writer.row(row)
    return buffer.getvalue().encode(CSV_ENCODING)
