"""The attacker of the NRM statistics: reads only what is published and works out how far each hidden figure can be
narrowed, by linear programming (HiGHS), the way trafficking.disclosure's audit should prevent.

Written apart from trafficking.disclosure on purpose (every figure a variable, nothing reduced away), so a mistake in
the audit's model is not repeated here. The attacker knows: a number exactly; "<5" is 1 to 4; "x" is 5 or more; ".."
(withheld) is 0 or more, and is held to what a "<5" is wherever its range holds a count from 1 to 4 (it may be one).
"""

import math

import highspy
import numpy as np

LIMIT = 5
NEEDED = {"<5": 3, "x": 2, "..": 3}


def too_narrow(display: str, low: float, high: float) -> bool:
    if display == ".." and (low >= LIMIT or high <= 0):
        return False  # no small count can be in that range
    return high - low + 1 < NEEDED[display]


def bounds(display: str) -> tuple[float, float]:
    if display == f"<{LIMIT}":
        return (1.0, LIMIT - 1.0)
    if display == "x":
        return (float(LIMIT), highspy.kHighsInf)
    if display == "..":
        return (0.0, highspy.kHighsInf)
    return (float(display), float(display))


class Attacker:
    def __init__(self):
        self.shown = {}  # name -> display
        self.sums = []  # (whole, parts)

    def see(self, name, display: str) -> None:
        display = str(display)
        previous = self.shown.setdefault(name, display)
        assert previous == display, f"{name} is shown as {previous} in one place and {display} in another"

    def add_sum(self, whole, parts) -> None:
        self.sums.append((whole, list(parts)))

    def see_table(self, table, cell_name, row_total_name, col_total_name=None, total_name=None) -> None:
        """A SuppressedTable as shown, with its sums; names are given by (row index, column index)."""
        for i, (row, row_total) in enumerate(zip(table.rows, table.row_totals, strict=True)):
            for j, cell in enumerate(row):
                self.see(cell_name(i, j), cell.display)
            self.see(row_total_name(i), row_total.display)
            self.add_sum(row_total_name(i), [cell_name(i, j) for j in range(len(row))])
        if col_total_name:
            for j, cell in enumerate(table.col_totals):
                self.see(col_total_name(j), cell.display)
                self.add_sum(col_total_name(j), [cell_name(i, j) for i in range(len(table.rows))])
        if total_name:
            self.see(total_name, table.total.display)
            self.add_sum(total_name, [row_total_name(i) for i in range(len(table.rows))])
            if col_total_name:
                self.add_sum(total_name, [col_total_name(j) for j in range(len(table.col_totals))])

    def ranges(self) -> dict:
        """name -> (lowest, highest) integer value of every hidden figure."""
        names = list(self.shown)
        for whole, parts in self.sums:
            for name in (whole, *parts):
                assert name in self.shown, f"{name} is in a sum but was never shown"
        column = {name: j for j, name in enumerate(names)}
        lp = highspy.Highs()
        lp.silent()
        lows, highs = zip(*(bounds(self.shown[name]) for name in names), strict=True)
        nothing = np.array([], dtype=np.int32)
        lp.addCols(len(names), np.zeros(len(names)), np.array(lows), np.array(highs), 0, nothing, nothing, np.array([]))
        for whole, parts in self.sums:
            indices = np.array([column[whole], *(column[p] for p in parts)], dtype=np.int32)
            lp.addRow(0.0, 0.0, len(indices), indices, np.array([1.0] + [-1.0] * len(parts)))
        result = {}
        for name in names:
            if self.shown[name] not in NEEDED:
                continue
            ends = []
            for sign in (1.0, -1.0):
                lp.changeColCost(column[name], sign)
                lp.run()
                status = lp.getModelStatus()
                if status != highspy.HighsModelStatus.kOptimal:
                    assert sign < 0, f"minimising {name}: {lp.modelStatusToString(status)}"
                    ends.append(math.inf)
                else:
                    ends.append(sign * lp.getInfo().objective_function_value)
            lp.changeColCost(column[name], 0.0)
            low, high = math.ceil(ends[0] - 1e-6), ends[1] if ends[1] == math.inf else math.floor(ends[1] + 1e-6)
            result[name] = (low, high)
        return result

    def narrowed(self) -> dict:
        """The hidden figures worked out or narrowed too far: name -> (display, lowest, highest)."""
        return {
            name: (self.shown[name], low, high)
            for name, (low, high) in self.ranges().items()
            if too_narrow(self.shown[name], low, high)
        }


def see_single_table(attacker, table) -> None:
    """A table published alone with its row, column and grand totals."""
    attacker.see_table(
        table,
        cell_name=lambda i, j: ("cell", i, j),
        row_total_name=lambda i: ("row", i),
        col_total_name=lambda j: ("column", j),
        total_name="total",
    )
