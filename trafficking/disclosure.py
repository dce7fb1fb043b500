"""Which published figures to hide, checked by an interval audit (linear programming, as τ-ARGUS and sdcTable do).

A set of figures is published together with the sums that tie them (a whole and its parts: a row total and its
cells, a stage total shared by every table of a year, a trend total over the years). An attacker who sees the
publication knows:
- every visible figure exactly (zero is shown: it identifies nobody);
- that a primary cell ("<5") is from 1 to limit - 1;
- that a secondary cell ("x") is at least `limit`: the rule below hides as "x" only figures of `limit` or more,
  chosen by their position in the publication, never by their value, so the choice tells nothing more.
  (Which figure gets hidden next does depend on the audit, and the audit on figures visible at that step; like the
  audits of statistical offices, this one does not model that second-order leak.)

For every hidden figure the audit solves two linear programs (HiGHS, through highspy): the smallest and the largest
value consistent with all of that. The relaxation is continuous, so the integer range is taken inside it
(ceil(lo)..floor(hi)); a primary cell must keep at least three possible values, any other hidden figure two.
Hiding more figures only widens these ranges (each hidden figure's true value stays inside its bounds), so a figure
that passed once keeps passing, and one pass over a queue of hidden figures suffices.

When every figure tied to a small count is itself small or zero (e.g. a line `1, 1, 1` with total 3, or a total
under 5 spread over three categories), no "x" can help: the rule then withholds the whole line, every figure of it
shown as "not published" (WITHHELD, zeros and totals included). The attacker knows only that a withheld figure is 0
or more; wherever its range still holds a count from 1 to limit - 1 it may be a small count, so the audit asks of
it what it asks of a "<5": at least three possible values (a range wholly at or above the limit, or exactly 0,
reveals nobody). If that fails (the line's total can be worked out from another table), the nearest line around it
still partly published is withheld too, and so on. Withholding also only widens ranges, and a group of lines withheld
whole leaves every figure of it anywhere from 0 upwards, so this ends, and `protect` never has to give up on one.
"""

import math
from collections import deque

import highspy
import numpy as np

PRIMARY = "primary"
SECONDARY = "secondary"
WITHHELD = "withheld"
MIN_VALUES = {PRIMARY: 3, SECONDARY: 2}
EPSILON = 1e-6


class QuietHighs(highspy.Highs):
    """highspy's solver, silent from the start: `Highs()` prints a banner to stdout the first time a process
    registers its callbacks, before `silent()` could be called, and a non-JSON line breaks the logs."""

    def enableCallbacks(self):  # noqa: N802 (highspy's name) called by Highs.__init__ before any solver call
        self.silent()
        super().enableCallbacks()


class Figures:
    """Figures published together: `values` (key -> count, in publication order) and `sums` ((whole, parts) pairs)."""

    def __init__(self, values: dict, sums: list[tuple], limit: int):
        self.values = values
        self.sums = [(whole, tuple(parts)) for whole, parts in sums]
        self.limit = limit
        self.order = {key: i for i, key in enumerate(values)}
        self.sums_of = {key: [] for key in values}
        for index, (whole, parts) in enumerate(self.sums):
            for key in (whole, *parts):
                self.sums_of[key].append(index)

    def _bounds(self, key, hidden):
        reason = hidden.get(key)
        if reason == PRIMARY:
            return (1, self.limit - 1)
        if reason == SECONDARY:
            return (self.limit, None)
        if reason == WITHHELD:
            return (0, None)
        return (self.values[key], self.values[key])

    def _reachable_sums(self, key, hidden) -> list[int]:
        """The sums linked to `key` through hidden figures, nearest first (a visible figure is a known constant)."""
        seen, ordered, queue = set(), [], deque([key])
        reached = {key}
        while queue:
            current = queue.popleft()
            for index in self.sums_of[current]:
                if index in seen:
                    continue
                seen.add(index)
                ordered.append(index)
                whole, parts = self.sums[index]
                for other in (whole, *parts):
                    if other in hidden and other not in reached:
                        reached.add(other)
                        queue.append(other)
        return ordered

    def _solve(self, key, hidden) -> tuple[float, float, set]:
        """The smallest and largest value of a hidden figure consistent with the publication (LP relaxation), and
        the visible figures that bind either end (nonzero reduced cost): hiding one of those can widen the range."""
        sums = self._reachable_sums(key, hidden)
        variables = sorted({k for i in sums for k in (self.sums[i][0], *self.sums[i][1])} | {key},
                           key=self.order.__getitem__)  # fmt: skip
        column = {k: j for j, k in enumerate(variables)}
        bounds = [self._bounds(k, hidden) for k in variables]
        lp = QuietHighs()
        n = len(variables)
        lower = np.array([low for low, _high in bounds], dtype=float)
        upper = np.array([highspy.kHighsInf if high is None else high for _low, high in bounds], dtype=float)
        nothing = np.array([], dtype=np.int32)
        lp.addCols(n, np.zeros(n), lower, upper, 0, nothing, nothing, np.array([], dtype=float))
        starts, indices, coefficients = [], [], []
        for index in sums:  # whole - parts = 0
            whole, parts = self.sums[index]
            starts.append(len(indices))
            indices += [column[whole], *(column[p] for p in parts)]
            coefficients += [1.0] + [-1.0] * len(parts)
        if sums:
            zeros = np.zeros(len(sums))
            lp.addRows(len(sums), zeros, zeros, len(indices), np.array(starts, dtype=np.int32),
                       np.array(indices, dtype=np.int32), np.array(coefficients, dtype=float))  # fmt: skip
        ends, binding = [], set()
        for sign in (1.0, -1.0):
            lp.changeColCost(column[key], sign)
            lp.run()
            status = lp.getModelStatus()
            if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
                ends.append(math.inf)  # only a maximum can be: the true values are a feasible point
                continue
            if status != highspy.HighsModelStatus.kOptimal:
                raise RuntimeError(f"interval audit: no solution ({lp.modelStatusToString(status)})")
            ends.append(sign * lp.getInfo().objective_function_value)
            duals = lp.getSolution().col_dual
            binding |= {k for k, j in column.items() if k not in hidden and abs(duals[j]) > EPSILON}
        return ends[0], ends[1], binding

    def interval(self, key, hidden) -> tuple[float, float]:
        low, high, _binding = self._solve(key, hidden)
        return low, high

    @staticmethod
    def _count(low, high) -> float:
        """How many integers lie in [low, high] (math.inf when unbounded above)."""
        if high == math.inf:
            return math.inf
        return math.floor(high + EPSILON) - math.ceil(low - EPSILON) + 1

    def possible_values(self, key, hidden) -> float:
        return self._count(*self.interval(key, hidden))

    def passes(self, key, hidden) -> bool:
        """Whether the hidden figure `key` keeps enough possible values (see the module's docstring)."""
        low, high = self.interval(key, hidden)
        count = self._count(low, high)
        if hidden[key] != WITHHELD:
            return count >= MIN_VALUES[hidden[key]]
        return count >= MIN_VALUES[PRIMARY] or math.ceil(low - EPSILON) >= self.limit or high <= EPSILON

    def _next_to_hide(self, key, hidden, binding, count):
        """The visible figure of `limit` or more to hide for `key`: the first (in publication order) of those binding
        its range whose hiding widens it, else the first of those; with none binding, the first part, then whole, of
        the nearest sum."""
        eligible = sorted((k for k in binding if self.values[k] >= self.limit), key=self.order.__getitem__)
        for candidate in eligible:
            low, high, _binding = self._solve(key, {**hidden, candidate: SECONDARY})
            if self._count(low, high) > count:
                return candidate
        if eligible:
            return eligible[0]
        for index in self._reachable_sums(key, hidden):
            whole, parts = self.sums[index]
            for group in (parts, (whole,)):
                candidates = [k for k in group if k not in hidden and self.values[k] >= self.limit]
                if candidates:
                    return min(candidates, key=self.order.__getitem__)
        return None

    def _withhold_line(self, key, hidden) -> bool:
        """Withhold the nearest line around `key` that is still partly published, all of it; False if none is."""
        for index in self._reachable_sums(key, hidden):
            whole, parts = self.sums[index]
            line = [k for k in (whole, *parts) if hidden.get(k) != WITHHELD]
            if line:
                hidden.update(dict.fromkeys(line, WITHHELD))
                return True
        return False

    def protect(self) -> tuple[dict, list]:
        """Hide small counts, then more figures until the audit passes. Returns (key -> reason, keys left narrow:
        none, unless withholding everything linked to a figure still left it narrow, which the sums cannot do)."""
        hidden = {key: PRIMARY for key, value in self.values.items() if 0 < value < self.limit}
        queue, narrow = deque(sorted(hidden, key=self.order.__getitem__)), []
        while queue:
            key = queue.popleft()
            while True:
                low, high, binding = self._solve(key, hidden)
                count = self._count(low, high)
                if count >= MIN_VALUES[hidden[key]]:
                    break
                extra = self._next_to_hide(key, hidden, binding, count)
                if extra is None:  # every figure linked to it is hidden or zero: no "x" can help
                    narrow.append(key)
                    break
                hidden[extra] = SECONDARY
                queue.append(extra)
        # Figures hidden later may have widened one given up on; the others' lines are withheld.
        queue, narrow = deque(narrow), []
        while queue:
            key = queue.popleft()
            if self.passes(key, hidden):
                continue
            before = dict(hidden)
            if not self._withhold_line(key, hidden):
                narrow.append(key)
                continue
            # The figures just withheld need checking too (an "x" needed two values, a withheld one may need
            # three); the others only widened.
            changed = [k for k in hidden if before.get(k) != hidden[k]]
            queue.extend([key, *sorted(changed, key=self.order.__getitem__)])
        return hidden, narrow
