import pytest
from django.urls import reverse

from trafficking.models import NrmStatistic

from .factories import NrmStatisticFactory

pytestmark = pytest.mark.django_db


def _cells(year, counts):
    for (sex, age, stage), n in counts.items():
        NrmStatisticFactory(year=year, sex=sex, age_band=age, stage=stage, count=n)


def test_page_and_export_never_show_small_counts(personas):
    # Identified victims in 2021: 3 boys (hidden), 12 adult women; the total 15 would give the 3 away.
    _cells(2021, {("male", "child", "identified"): 3, ("female", "adult", "identified"): 12})
    response = personas["manager"].get(reverse("trafficking:nrm"), {"year": 2021})
    by_sex = response.context["tables"][0]["table"]
    identified = by_sex.row_labels.index("Identified victims")
    row = [c.display for c in by_sex.rows[identified]] + [by_sex.row_totals[identified].display]
    assert row.count("<5") == 1 and "3" not in row and row.count("x") >= 1
    body = response.content.decode()
    assert "&lt;5" in body
    csv = personas["manager"].get(reverse("trafficking:nrm_export")).content.decode()
    lines = {line.split(",")[0]: line.split(",")[1:] for line in csv.strip().splitlines()}
    assert lines["identified"] == ["15", "15"]  # the sum over all sexes and ages is no small count


def test_single_year_export_hides_a_lone_small_count(personas):
    _cells(2020, {("female", "adult", "convictions"): 2})
    _cells(2021, {("female", "adult", "convictions"): 9})
    csv = personas["manager"].get(reverse("trafficking:nrm_export")).content.decode()
    convictions = next(line for line in csv.splitlines() if line.startswith("convictions"))
    # The 9 is also every 2021 table's stage total (female 9, the rest 0), so hiding it there would hide nothing:
    # the sum over the years goes instead, and the 2 stays one of 1 to 4.
    assert convictions.split(",")[1:] == ["<5", "9", "x"]


def test_entry_form_adds_then_replaces_a_cell(personas):
    client = personas["administrator"]
    data = {
        "year": 2022,
        "quarter": 0,
        "sex": "female",
        "age_band": "adult",
        "exploitation": "labour",
        "nationality": "foreign",
        "stage": "referred",
        "count": 6,
    }
    client.post(reverse("trafficking:nrm_entry"), data)
    client.post(reverse("trafficking:nrm_entry"), {**data, "count": 7})
    assert NrmStatistic.objects.get().count == 7
    response = client.post(reverse("trafficking:nrm_entry"), {**data, "count": -1})
    assert "count" in response.context["form"].errors and NrmStatistic.objects.get().count == 7


def test_query_count_does_not_grow_with_data(personas, django_assert_max_num_queries, django_assert_num_queries):
    client = personas["manager"]
    _cells(2021, {("female", "adult", "identified"): 12})
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("trafficking:nrm"))
    for year in range(2014, 2021):
        _cells(year, {("female", "adult", s): 10 + year % 7 for s in ("presumed", "identified", "assisted")})
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("trafficking:nrm"))
