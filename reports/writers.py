"""Writing report files: XLSX streamed sheet by sheet and CSV straight to the file (memory stays flat however
many rows), PDF through WeasyPrint from a template, and a bar chart as inline SVG (WeasyPrint draws it; no
plotting library needed).

XLSX goes through `reports.xlsx.StreamingWorkbook` (a small streaming writer; openpyxl was too slow for a million
rows). Values are written in the active language (the builder runs inside `translation.override(job.language)`): XLSX
keeps real dates and numbers and gives dates the locale's day order; PDF gets locale-formatted text. CSV is for
machines and is the same in every language but for its headings (`reports.cells`, which also keeps text that looks
like a formula from running, in CSV and XLSX alike).
"""

import datetime
import decimal
from collections.abc import Iterable, Iterator, Sequence
from html import escape

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from osce_baku.text import capfirst

from .cells import CsvWriter, open_csv
from .xlsx import STYLE_BOLD

XLSX_DATE_FORMATS = {"en": "dd.mm.yyyy", "az": "dd.mm.yyyy", "ru": "dd.mm.yyyy"}  # as SHORT_DATE_FORMAT


def heading(text) -> str:
    """A column heading from a (lazily translated) verbose name: 'istiqamət' -> 'İstiqamət' in az."""
    return capfirst(str(text))


def localize_text(value) -> str:
    """A value as text in the active language, for PDF tables (CSV cells: `reports.cells.csv_value`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, decimal.Decimal | float):
        return formats.number_format(value, decimal_pos=2)
    return str(value)


def localize_number(value, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal separator, for PDF text."""
    if value is None:
        return "—"
    return formats.number_format(value, decimal_pos=decimals or None, force_grouping=True)


class TableWriter:
    """One or more tables written row by row to `path` as XLSX (a sheet each) or CSV (one table only)."""

    def __init__(self, path, fmt: str):
        self.path, self.fmt = path, fmt
        self._tables = 0

    def __enter__(self):
        if self.fmt == "xlsx":
            from .xlsx import StreamingWorkbook

            date_format = XLSX_DATE_FORMATS.get((get_language() or "en")[:2], "yyyy-mm-dd")
            self._workbook = StreamingWorkbook(self.path, date_format)
        elif self.fmt == "csv":
            self._file = open_csv(self.path)
            self._csv = CsvWriter(self._file)
        else:
            raise ValueError(self.fmt)
        return self

    def __exit__(self, exc_type, exc, tb):
        if self.fmt == "xlsx":
            self._workbook.close(save=exc_type is None)
        else:
            self._file.close()
        return False

    def table(self, title: str, headers: Sequence[str]) -> None:
        self._tables += 1
        if self.fmt == "xlsx":
            # Sheet titles: at most 31 characters and none of []:*?/\ .
            safe = "".join(c for c in str(title) if c not in "[]:*?/\\")[:31] or f"Sheet {self._tables}"
            self._workbook.add_sheet(safe)
            self._workbook.append([str(text) for text in headers], style=STYLE_BOLD)
        else:
            if self._tables > 1:
                raise ValueError("A CSV file holds one table.")
            self._csv.heading(headers)

    def row(self, values: Iterable) -> None:
        if self.fmt == "xlsx":
            self._workbook.append([self._xlsx_cell(value) for value in values])
        else:
            self._csv.row(values)

    @staticmethod
    def _xlsx_cell(value):
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if value is not None and not isinstance(value, int | float | decimal.Decimal | str | datetime.date):
            return str(value)  # lazy strings, model instances
        return value


def track(items: Iterable, total: int, progress, start: int = 0, end: int = 100) -> Iterator:
    """Yield the items and report progress from `start` to `end` percent about fifty times along the way."""
    step = max(1, total // 50)
    span = end - start
    for index, item in enumerate(items, 1):
        yield item
        if index % step == 0 or index == total:
            progress(start + span * min(index, total) // max(total, 1))


def render_pdf(template: str, context: dict, path) -> None:
    # Imported here: WeasyPrint loads Pango when imported, which only PDF builds need.
    from weasyprint import HTML

    html = render_to_string(template, context)
    HTML(string=html, base_url=None).write_pdf(str(path))


CHART_COLOURS = ("#5b2c83", "#1f8a70", "#c0892b", "#8a8a8a")


def bar_chart_svg(categories: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], width=640, height=260):
    """A grouped bar chart as an SVG string: one group per category, one bar per series, with a legend.

    The PDF shows the same numbers in a table next to it, as every chart in the portal does.
    """
    left, right, top, bottom = 48, 12, 28, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([max(values, default=0) for _label, values in series] + [1])
    groups = max(len(categories), 1)
    group_w = plot_w / groups
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="9">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>',
    ]
    for tick in range(5):
        value = peak * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end">{escape(localize_number(value))}</text>')
    for g, category in enumerate(categories):
        x0 = left + g * group_w + group_w * 0.1
        for s, (_label, values) in enumerate(series):
            value = values[g] if g < len(values) else 0
            h = plot_h * value / peak
            x = x0 + s * bar_w
            colour = CHART_COLOURS[s % len(CHART_COLOURS)]
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}"/>'
            )
        label_x = left + g * group_w + group_w / 2
        parts.append(
            f'<text x="{label_x:.1f}" y="{top + plot_h + 14}" text-anchor="middle">{escape(str(category))}</text>'
        )
    for s, (label, _values) in enumerate(series):
        x = left + s * 140
        colour = CHART_COLOURS[s % len(CHART_COLOURS)]
        parts.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="17">{escape(str(label))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text inside is escaped above
