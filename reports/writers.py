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
import logging
import math
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

logger = logging.getLogger(__name__)
SHEET_TITLE_MAX = 31  # Excel's limit

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
            # Sheet titles: at most 31 characters and none of []:*?/\ . Titles (and their translations) are written
            # to fit; one that does not is cut, and the log says so (tests/the catalogue check catch it first).
            safe = "".join(c for c in str(title) if c not in "[]:*?/\\") or f"Sheet {self._tables}"
            if len(safe) > SHEET_TITLE_MAX:
                logger.warning("Sheet title cut to %d characters: %r", SHEET_TITLE_MAX, safe)
                safe = safe[:SHEET_TITLE_MAX]
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
CHART_FONT = 9  # px
CHAR_WIDTH = CHART_FONT * 0.62  # an average DejaVu Sans letter, a little generous: labels are measured, not rendered


def count_ticks(peak: int, intervals: int = 4) -> list[int]:
    """Whole-number ticks from 0 to at least `peak` in steps of 1, 2 or 5 times a power of ten (counts are never
    fractional: 0, 500, 1 000, ... rather than 0, 456.25, 912.5, ...)."""
    raw = max(peak, 1) / intervals
    magnitude = 10 ** max(0, math.floor(math.log10(raw))) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return list(range(0, step * math.ceil(max(peak, 1) / step) + 1, step))


def wrap_label(text: str, width: float, max_lines: int = 3) -> list[str]:
    """Words of a label in lines that fit `width` px; an over-long last line ends with an ellipsis."""
    per_line = max(4, int(width / CHAR_WIDTH))
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: per_line - 1] + "…"
    return [line if len(line) <= per_line else line[: per_line - 1] + "…" for line in lines] or [""]


def _legend(series) -> list[str]:
    parts, x = [], 0
    for s, (label, _values) in enumerate(series):
        colour = CHART_COLOURS[s % len(CHART_COLOURS)]
        parts.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="17">{escape(str(label))}</text>')
        x += 14 + len(str(label)) * CHAR_WIDTH + 24
    return parts


def _svg(width, height, parts) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" font-family="DejaVu Sans, sans-serif" font-size="{CHART_FONT}">'
    )
    return mark_safe(head + "".join(parts) + "</svg>")  # noqa: S308 - every text inside is escaped by the callers


def bar_chart_svg(categories: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], width=640, height=260):
    """A grouped bar chart as an SVG string: one group per category, one bar per series, with a legend.

    Category labels are measured: when one would not fit under its group (long unit-area or institution names,
    above all in Azerbaijani and Russian) the chart turns into horizontal bars with the labels wrapped on the left.
    The PDF shows the same numbers in a table next to it, as every chart in the portal does.
    """
    groups = max(len(categories), 1)
    group_w = (width - 60) / groups
    if any(len(str(c)) * CHAR_WIDTH > group_w * 0.95 for c in categories):
        return _horizontal_bars(categories, series, width)
    left, right, top, bottom = 48, 12, 28, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = count_ticks(max([max(values, default=0) for _label, values in series] + [0]))
    peak = ticks[-1]
    group_w = plot_w / groups
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>']
    for value in ticks:
        y = top + plot_h - plot_h * value / peak
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text class="tick" x="{left - 4}" y="{y + 3:.1f}" text-anchor="end">'
            f"{escape(localize_number(value))}</text>"
        )
    for g, category in enumerate(categories):
        x0 = left + g * group_w + group_w * 0.1
        for s, (_label, values) in enumerate(series):
            value = values[g] if g < len(values) else 0
            h = plot_h * value / peak
            colour = CHART_COLOURS[s % len(CHART_COLOURS)]
            parts.append(
                f'<rect x="{x0 + s * bar_w:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour}"/>'
            )
        label_x = left + g * group_w + group_w / 2
        parts.append(
            f'<text class="label" x="{label_x:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
            f"{escape(str(category))}</text>"
        )
    return _svg(width, height, parts + _legend(series))


def _horizontal_bars(categories, series, width):
    """One row per category: its label wrapped in a column on the left, its bars to the right, the count axis below."""
    label_w, right, top, line_h, bar_h = width * 0.36, 16, 28, CHART_FONT + 2, 9
    left = label_w + 8
    plot_w = width - left - right
    ticks = count_ticks(max([max(values, default=0) for _label, values in series] + [0]))
    peak = ticks[-1]
    parts, y = [], top
    for g, category in enumerate(categories):
        lines = wrap_label(category, label_w)
        row_h = max(len(lines) * line_h, len(series) * bar_h) + 8
        for n, line in enumerate(lines):
            parts.append(
                f'<text class="label" x="{label_w:.1f}" y="{y + 4 + CHART_FONT + n * line_h:.1f}" '
                f'text-anchor="end">{escape(line)}</text>'
            )
        for s, (_label, values) in enumerate(series):
            value = values[g] if g < len(values) else 0
            colour = CHART_COLOURS[s % len(CHART_COLOURS)]
            parts.append(
                f'<rect x="{left:.1f}" y="{y + 4 + s * bar_h:.1f}" width="{plot_w * value / peak:.1f}" '
                f'height="{bar_h - 1}" fill="{colour}"/>'
            )
        y += row_h
    axis = [f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" stroke="#333"/>']
    for value in ticks:
        x = left + plot_w * value / peak
        axis.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        axis.append(
            f'<text class="tick" x="{x:.1f}" y="{y + 12:.1f}" text-anchor="middle">'
            f"{escape(localize_number(value))}</text>"
        )
    return _svg(width, y + 20, axis + parts + _legend(series))
