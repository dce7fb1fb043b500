"""Small-count suppression with hand-built tables."""

import random

import pytest

from trafficking.suppression import PRIMARY, SECONDARY, suppress_table, suppress_value


def _shown(table):
    return [[c.display for c in row] + [t.display] for row, t in zip(table.rows, table.row_totals, strict=True)] + [
        [c.display for c in table.col_totals] + [table.total.display]
    ]


def test_counts_from_one_to_four_are_shown_as_less_than_five_and_zero_is_shown():
    assert [suppress_value(n).display for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]
    assert suppress_value(3).value is None  # the value itself does not travel with a suppressed cell


def test_threshold_comes_from_settings(settings):
    settings.NRM_SUPPRESSION_THRESHOLD = 10
    assert suppress_value(7).display == "<10"
    assert suppress_value(10).display == "10"


def test_a_total_that_would_reveal_a_single_hidden_cell():
    # 25 - 10 - 12 = 3: with only the 3 hidden, the row total gives it away.
    table = suppress_table([[3, 10, 12]])
    row = table.rows[0]
    assert row[0].reason == PRIMARY
    assert row[1].reason == SECONDARY  # the next-smallest cell goes too
    assert row[2].display == "12" and table.row_totals[0].display == "25"


def test_when_no_other_cell_can_be_hidden_the_total_is():
    # The 7 is hidden to protect the 1 above it; its row is [0, 7] so the row total 7 would give it away.
    table = suppress_table([[0, 1], [0, 7]])
    assert table.rows[0][1].reason == PRIMARY and table.rows[1][1].reason == SECONDARY
    assert table.row_totals[1].reason == SECONDARY
    assert _shown(table) == [["0", "<5", "<5"], ["0", "x", "x"], ["0", "8", "8"]]


def test_small_totals_are_suppressed_too():
    table = suppress_table([[2, 0], [0, 0]])
    assert table.row_totals[0].display == "<5" and table.col_totals[0].display == "<5" and table.total.display == "<5"


def test_a_table_without_small_counts_is_shown_whole():
    table = suppress_table([[5, 10], [20, 0]])
    assert _shown(table) == [["5", "10", "15"], ["20", "0", "20"], ["25", "10", "35"]]


def test_a_column_with_one_hidden_cell_is_protected_as_well():
    table = suppress_table([[8, 9], [2, 30], [40, 50]])
    column = [table.rows[i][0] for i in range(3)] + [table.col_totals[0]]
    assert sum(c.suppressed for c in column) >= 2


@pytest.mark.parametrize("seed", range(30))
def test_no_line_of_any_table_has_exactly_one_hidden_entry(seed):
    rng = random.Random(seed)
    values = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 8, 15, 40]) for _ in range(rng.randrange(1, 6))]]
    values += [[rng.choice([0, 1, 3, 6, 9, 22]) for _ in values[0]] for _ in range(rng.randrange(0, 5))]
    table = suppress_table(values)
    grid = [[*row, total] for row, total in zip(table.rows, table.row_totals, strict=True)]
    grid.append([*table.col_totals, table.total])
    lines = grid + [list(col) for col in zip(*grid, strict=True)]
    for line in lines:
        assert sum(c.suppressed for c in line) != 1
    for row, cells in zip(values, table.rows, strict=True):
        for value, cell in zip(row, cells, strict=True):
            assert not (0 < value < 5) or cell.display == "<5"
            assert cell.suppressed or cell.value == value
