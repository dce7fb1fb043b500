"""Issue 12 §1, the case the "x" cannot cover: three convictions in a year, one in each category of every breakdown
(1, 1, 1 = 3). Every figure tied to them is small or zero, and the year's total is worked out from the trend table
(23 over the years, 20 in the other year). Shown as "<5" they were each known to be 1. Lines are withheld ("..")
instead, as many as the audit needs, on the page, in the API and in the CSV, and the attacker narrows nothing."""

import pytest
from django.urls import reverse

from .attack import Attacker
from .factories import NrmStatisticFactory
from .helpers import attack_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_convictions(db):
    for sex, age, form, nationality in (
        ("female", "adult", "sexual", "national"),
        ("male", "child", "labour", "foreign"),
        ("unknown", "unknown", "begging", "stateless"),
    ):
        NrmStatisticFactory(year=2021, stage="convictions", sex=sex, age_band=age, exploitation=form,
                            nationality=nationality, count=1)  # fmt: skip
    NrmStatisticFactory(year=2022, stage="convictions", count=20)


def test_lines_of_small_counts_only_are_withheld_not_narrowed(three_convictions, client, manager):
    client.force_login(manager)
    attacker, years = attack_everything(client, manager)
    rows = {
        e["dimension"]: next(r for r in e["table"]["rows"] if r["key"] == "convictions")
        for e in years["2021"]["tables"]
    }
    assert [cell["display"] for cell in rows["sex"]["cells"]] == [".."] * 3 and rows["sex"]["total"]["display"] == ".."
    for row in rows.values():  # the other lines keep their "<5": with the total withheld, each is 1 to 4 again
        assert all(cell["value"] is None for cell in row["cells"] if cell["display"] != "0")
    assert attacker.narrowed() == {}
    low, high = attacker.ranges()["sex", "2021", "convictions", "female"]
    assert high - low + 1 >= 3


def test_what_the_old_marks_gave_away():
    # The same figures with "<5" for the small counts: the trend gives the year's 3, so each is 1.
    attacker = Attacker()
    attacker.see("trend", "23")
    attacker.see("y2022", "20")
    attacker.see("y2021", "<5")
    attacker.add_sum("trend", ["y2021", "y2022"])
    for j, display in enumerate(["<5", "<5", "<5"]):
        attacker.see(("sex", j), display)
    attacker.add_sum("y2021", [("sex", j) for j in range(3)])
    assert attacker.narrowed()[("sex", 0)] == ("<5", 1, 1)


def test_the_page_and_csv_say_not_published(three_convictions, client, manager):
    client.force_login(manager)
    page = client.get(reverse("trafficking:nrm"), {"year": 2021})
    body = page.content.decode()
    assert "..: not published" in body
    by_sex = page.context["tables"][0]["table"]
    convictions = by_sex.row_labels.index("Convictions")
    assert [c.display for c in by_sex.rows[convictions]] == [".."] * 3
    csv = client.get(reverse("trafficking:nrm_export")).content.decode()
    line = next(line for line in csv.splitlines() if line.startswith("convictions,"))  # CSV rows: stage codes
    assert line.split(",")[1:] == ["..", "x", "x"]
