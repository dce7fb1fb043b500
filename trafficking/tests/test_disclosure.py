"""The interval audit (trafficking.disclosure) against an attacker who solves linear programs over what is shown."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trafficking.disclosure import PRIMARY, SECONDARY, WITHHELD, Figures
from trafficking.suppression import suppress_table, table_figures

from .attack import Attacker, see_single_table


def _attack_row(shown: list[str], total: str) -> dict:
    attacker = Attacker()
    for j, display in enumerate(shown):
        attacker.see(("cell", j), display)
    attacker.see("total", total)
    attacker.add_sum("total", [("cell", j) for j in range(len(shown))])
    return attacker.ranges()


def test_the_attacker_works_out_what_the_old_line_rule_left():
    # 1, 1, 10 = 12 as the line rule showed it: two hidden cells adding up to 2, each at least 1.
    assert _attack_row(["<5", "<5", "10"], "12") == {("cell", 0): (1, 1), ("cell", 1): (1, 1)}
    # Demo 2023, exploitation, convictions: 8, x, <5, 0, 0, 0 = 14 (x is 5 or more): only 5 and 1 fit.
    assert _attack_row(["8", "x", "<5", "0", "0", "0"], "14") == {("cell", 1): (5, 5), ("cell", 2): (1, 1)}


def test_a_row_of_1_1_10_keeps_both_small_counts_uncertain():
    table = suppress_table([[1, 1, 10]])
    attacker = Attacker()
    see_single_table(attacker, table)
    assert attacker.narrowed() == {}
    assert [c.display for c in table.rows[0]] == ["<5", "<5", "x"] and table.row_totals[0].display == "12"
    low, high = attacker.ranges()["cell", 0, 0]
    assert high - low + 1 >= 3


def test_a_figure_only_the_audit_catches():
    # No line has exactly one hidden cell, yet a + b = 2 pins both; and the shared total pins them across lines.
    figures = Figures({"a": 1, "b": 1, "c": 10, "t": 12}, [("t", ["a", "b", "c"])], limit=5)
    assert figures.interval("a", {"a": PRIMARY, "b": PRIMARY}) == (1, 1)
    hidden, narrow = figures.protect()
    assert hidden == {"a": PRIMARY, "b": PRIMARY, "c": SECONDARY} and narrow == []
    assert figures.possible_values("a", hidden) == 4  # a + b = 12 - c, c >= 5: a from 1 to 4


def test_a_total_shared_by_two_tables_is_one_figure():
    # Two breakdowns of the same 9 people: hiding the small cells in one table alone is not enough when the other
    # shows how the 9 split. Both sums are audited together.
    values = {"f": 2, "m": 7, "adult": 9, "child": 0, "t": 9}
    figures = Figures(values, [("t", ["f", "m"]), ("t", ["adult", "child"])], limit=5)
    hidden, narrow = figures.protect()
    assert narrow == [] and hidden["f"] == PRIMARY
    for key, reason in hidden.items():
        assert figures.possible_values(key, hidden) >= (3 if reason == PRIMARY else 2)


def test_the_rule_hides_as_x_only_counts_of_the_threshold_or_more():
    table = suppress_table([[0, 1, 6, 30], [2, 0, 9, 7], [5, 5, 0, 1]])
    values = [[0, 1, 6, 30], [2, 0, 9, 7], [5, 5, 0, 1]]
    for row, cells in zip(values, table.rows, strict=True):
        for value, cell in zip(row, cells, strict=True):
            assert cell.display != "x" or value >= 5
            assert value != 0 or cell.display == "0"


counts = st.sampled_from([0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 12, 20, 45])


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda width: st.lists(st.lists(counts, min_size=width, max_size=width), min_size=1, max_size=4)
    )
)
def test_random_tables_the_attacker_narrows_nothing(values):
    table = suppress_table(values)
    attacker = Attacker()
    see_single_table(attacker, table)
    assert attacker.narrowed() == {}
    figures = table_figures(values, limit=5)
    hidden, narrow = figures.protect()
    assert narrow == []
    for row, cells in zip(values, table.rows, strict=True):
        for value, cell in zip(row, cells, strict=True):
            assert cell.value == value if not cell.suppressed else cell.value is None
            assert cell.display in ("<5", "..") if 0 < value < 5 else cell.display != "<5"
            assert cell.display != "x" or value >= 5  # what the attacker assumes of an x holds


def test_a_line_of_small_counts_only_is_withheld_whole():
    # Three people spread over three categories: every figure is small or zero, no "x" can help, and shown as
    # <5, <5, <5, 0 = <5 each "<5" would be known to be 1 or 2 (they add up to 3 or 4). The line is withheld.
    figures = Figures({"a": 1, "b": 1, "c": 1, "zero": 0, "t": 3}, [("t", ["a", "b", "c", "zero"])], limit=5)
    assert figures.interval("a", dict.fromkeys(("a", "b", "c", "t"), PRIMARY)) == (1, 2)  # what "<5" would leave
    hidden, narrow = figures.protect()
    assert narrow == [] and hidden == dict.fromkeys(("a", "b", "c", "zero", "t"), WITHHELD)
    table = suppress_table([[1, 1, 1, 0]])
    assert [c.display for c in table.rows[0]] == [".."] * 4 and table.row_totals[0].display == ".."
    attacker = Attacker()
    see_single_table(attacker, table)
    assert attacker.narrowed() == {}


def test_a_withheld_line_stays_uncertain_inside_the_sums_around_it():
    # The line 1, 1 = 2 is withheld; its total is also a part of 2 + 2 = 4, and that of 4 + 20 = 24. Whatever else
    # the audit hides, the withheld figures keep at least three possible values, counted with every sum.
    values = {"a": 1, "b": 1, "t": 2, "u": 2, "all": 4, "big": 20, "grand": 24}
    sums = [("t", ["a", "b"]), ("all", ["t", "u"]), ("grand", ["all", "big"])]
    figures = Figures(values, sums, limit=5)
    hidden, narrow = figures.protect()
    assert narrow == [] and {hidden[key] for key in ("a", "b", "t")} == {WITHHELD}
    assert all(figures.passes(key, hidden) for key in hidden)
    assert figures.possible_values("a", hidden) >= 3 and figures.possible_values("t", hidden) >= 3
