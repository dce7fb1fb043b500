"""Small-count suppression: every NRM count passes through here before it leaves the database.

Primary suppression: a count from 1 to threshold-1 is shown as "<threshold" (threshold from settings,
NRM_SUPPRESSION_THRESHOLD, default 5). Zero is shown: it identifies nobody.

Secondary suppression: a table is published with its row and column totals, so a line (a row with its total, a
column with its total) holding exactly one hidden entry would let anyone compute it by subtraction. Such a line gets
a second hidden entry: its smallest positive visible cell, or, when it has none, its total. Repeated until no line
has exactly one hidden entry. This is the usual rule for frequency tables; it does not solve every linear
combination across lines, which is why only totals the table shows are ever published alongside it.

A suppressed `Cell` does not carry its value, so a template, chart or export cannot leak it by mistake.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

PRIMARY = "primary"
SECONDARY = "secondary"
SECONDARY_MARK = "x"
LEGEND_SECONDARY = _("x: hidden so that a small count elsewhere in the table cannot be worked out from the totals")


def threshold() -> int:
    return getattr(settings, "NRM_SUPPRESSION_THRESHOLD", 5)


@dataclass(frozen=True)
class Cell:
    value: int | None  # None when suppressed
    reason: str = ""  # "", PRIMARY or SECONDARY

    @property
    def suppressed(self) -> bool:
        return bool(self.reason)

    @property
    def display(self) -> str:
        if self.reason == PRIMARY:
            return f"<{threshold()}"
        if self.reason == SECONDARY:
            return SECONDARY_MARK
        return str(self.value)

    def __str__(self):
        return self.display


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
    col_totals: list[Cell]
    total: Cell

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


def _hidden_entries(grid: list[list[int]], limit: int) -> dict:
    """Positions (i, j) of the extended grid (totals in the last row and column) to hide, with the reason."""
    n, m = len(grid) - 1, len(grid[0]) - 1  # index n / m is the total row / column
    hidden = {(i, j): PRIMARY for i in range(n + 1) for j in range(m + 1) if is_small(grid[i][j], limit)}
    lines = [([(i, j) for j in range(m + 1)], (i, m)) for i in range(n + 1)]
    lines += [([(i, j) for i in range(n + 1)], (n, j)) for j in range(m + 1)]
    changed = True
    while changed:
        changed = False
        for line, total in lines:
            if sum(1 for p in line if p in hidden) != 1:
                continue
            candidates = [p for p in line if p != total and p not in hidden and grid[p[0]][p[1]] > 0]
            choice = min(candidates, key=lambda p: grid[p[0]][p[1]]) if candidates else total
            if choice in hidden:  # the total is the only hidden entry and every cell is zero: nothing to protect
                continue
            hidden[choice] = SECONDARY
            changed = True
    return hidden


def suppress_table(values: list[list[int]], row_labels=None, col_labels=None, limit: int | None = None):
    """Suppress a table of counts (rows x columns) together with its row, column and grand totals."""
    limit = threshold() if limit is None else limit
    if not values or not values[0]:  # nothing to hide: every total is zero
        labels = list(row_labels or [])
        return SuppressedTable(
            labels, list(col_labels or []), [[] for _ in labels], [Cell(0)] * len(labels), [], Cell(0)
        )
    grid = [[*row, sum(row)] for row in values]
    grid.append([sum(col) for col in zip(*grid, strict=True)])
    hidden = _hidden_entries(grid, limit)

    def cell(i, j):
        reason = hidden.get((i, j), "")
        return Cell(None if reason else grid[i][j], reason)

    n, m = len(values), len(values[0])
    return SuppressedTable(
        row_labels=list(row_labels or range(n)),
        col_labels=list(col_labels or range(m)),
        rows=[[cell(i, j) for j in range(m)] for i in range(n)],
        row_totals=[cell(i, m) for i in range(n)],
        col_totals=[cell(n, j) for j in range(m)],
        total=cell(n, m),
    )
