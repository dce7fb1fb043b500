"""Small-count suppression: every NRM count passes through here before it leaves the database.

Primary suppression: a count from 1 to threshold-1 is shown as "<threshold" (threshold from settings,
NRM_SUPPRESSION_THRESHOLD, default 5). Zero is shown: it identifies nobody.

Secondary suppression: figures published together (a table with its totals; for NRM statistics every table of a year,
the trend table and the dashboard table: `trafficking.publication`) are tied by sums, so a hidden count could be
worked out, or narrowed to one or two values, from what is shown. `trafficking.disclosure` hides further figures
("x", always counts of threshold or more) until an interval audit by linear programming leaves every "<5" at least
three possible values and every other hidden figure at least two. Where every figure tied to a small count is itself
small or zero, the whole line is withheld ("..", not published) instead, and the audit holds it to the same rule.

A suppressed `Cell` does not carry its value, so a template, chart or export cannot leak it by mistake.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .disclosure import PRIMARY, SECONDARY, WITHHELD, Figures

SECONDARY_MARK = "x"
WITHHELD_MARK = ".."
# One legend for both marks (pages, dashboard panel, reports): shown whether or not a table has a withheld line.
LEGEND_SECONDARY = format_lazy(
    "{}; {}",
    _("x: hidden so that no hidden count can be worked out from the figures published with it"),
    _("..: not published: every figure tied to it is small or zero, so nothing else keeps those counts uncertain"),
)


def threshold() -> int:
    return getattr(settings, "NRM_SUPPRESSION_THRESHOLD", 5)


@dataclass(frozen=True)
class Cell:
    value: int | None  # None when suppressed
    reason: str = ""  # "", PRIMARY, SECONDARY or WITHHELD

    @property
    def suppressed(self) -> bool:
        return bool(self.reason)

    @property
    def display(self) -> str:
        if self.reason == PRIMARY:
            return f"<{threshold()}"
        if self.reason == SECONDARY:
            return SECONDARY_MARK
        if self.reason == WITHHELD:
            return WITHHELD_MARK
        return str(self.value)

    def __str__(self):
        return self.display


def small_counts_note() -> str:
    """The legend for "<5", in the requester's language (page, dashboard panel and reports say the same)."""
    return gettext("Counts from 1 to %(below)s are shown as “<%(threshold)s”.") % {
        "below": threshold() - 1,
        "threshold": threshold(),
    }


def is_small(value: int, limit: int | None = None) -> bool:
    limit = threshold() if limit is None else limit
    return 0 < value < limit


def suppress_value(value: int) -> Cell:
    """A lone count (no table around it)."""
    return Cell(None, PRIMARY) if is_small(value) else Cell(value)


@dataclass(frozen=True)
class SuppressedTable:
    row_labels: list
    col_labels: list
    rows: list[list[Cell]]
    row_totals: list[Cell]
    # Empty, and total None, where a column total would mean nothing (NRM stages count the same people again).
    col_totals: list[Cell]
    total: Cell | None

    def lines(self):
        """(label, cells, row total) for templates."""
        return list(zip(self.row_labels, self.rows, self.row_totals, strict=True))

    def as_json(self) -> dict:
        """For charts: suppressed values are null (the chart's table shows the marks)."""
        return {
            "rows": [str(label) for label in self.row_labels],
            "columns": [str(label) for label in self.col_labels],
            "values": [[cell.value for cell in row] for row in self.rows],
        }


def table_figures(values: list[list[int]], limit: int) -> Figures:
    """A table with its totals as figures keyed (row, column); row n is the column totals, column m the row totals."""
    n, m = len(values), len(values[0])
    figures = {(i, j): values[i][j] for i in range(n) for j in range(m)}
    figures |= {(i, m): sum(values[i]) for i in range(n)}
    figures |= {(n, j): sum(row[j] for row in values) for j in range(m)}
    figures[n, m] = sum(map(sum, values))
    sums = [((i, m), [(i, j) for j in range(m)]) for i in range(n)]
    sums += [((n, j), [(i, j) for i in range(n)]) for j in range(m + 1)]
    return Figures(figures, sums, limit)


def suppress_table(values: list[list[int]], row_labels=None, col_labels=None, limit: int | None = None):
    """Suppress a table of counts (rows x columns) published alone with its row, column and grand totals."""
    limit = threshold() if limit is None else limit
    if not values or not values[0]:  # nothing to hide: every total is zero
        labels = list(row_labels or [])
        return SuppressedTable(
            labels, list(col_labels or []), [[] for _ in labels], [Cell(0)] * len(labels), [], Cell(0)
        )
    n, m = len(values), len(values[0])
    figures = table_figures(values, limit)
    hidden, _narrow = figures.protect()

    def cell(i, j):
        return Cell(None, hidden[i, j]) if (i, j) in hidden else Cell(figures.values[i, j])

    return SuppressedTable(
        row_labels=list(row_labels or range(n)),
        col_labels=list(col_labels or range(m)),
        rows=[[cell(i, j) for j in range(m)] for i in range(n)],
        row_totals=[cell(i, m) for i in range(n)],
        col_totals=[cell(n, j) for j in range(m)],
        total=cell(n, m),
    )
