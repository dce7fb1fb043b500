"""The activity list's cached filter bar and rows (programmes.fragments): never stale, never another scope's or
language's, and really cached (a repeat request renders neither template)."""

import re

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes import fragments
from programmes.tests.factories import (
    ActivityFactory,
    LocationFactory,
    ParticipationFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

FRAGMENTS = {"programmes/_activity_filters.html", "programmes/_activity_rows.html"}


def _page(client, params=None):
    response = client.get(reverse("activity_list"), params or {})
    assert response.status_code == 200
    return response


def _rendered(response):
    return {t.name for t in response.templates} & FRAGMENTS


def test_a_repeated_request_is_served_from_the_cache(personas):
    ActivityFactory(title="Crime prevention training")
    client = personas["manager"]
    first = _page(client)
    second = _page(client)
    assert _rendered(first) == FRAGMENTS and _rendered(second) == set()
    assert second.content.decode().count("Crime prevention training") == 1


def test_an_approval_shows_at_once(personas):
    activity = ActivityFactory(title="Crime prevention training", status="submitted")
    client = personas["manager"]
    assert "status-submitted" in _page(client).content.decode()
    client.post(reverse("activity_transition", args=[activity.pk]), {"action": "approve"})
    html = _page(client).content.decode()
    assert "status-approved" in html and "status-submitted" not in html


def test_a_changed_or_deleted_activity_shows_at_once(personas):
    activity = ActivityFactory(title="Crime prevention training")
    client = personas["manager"]
    _page(client)
    activity.title = "Community policing forum"
    activity.save()
    html = _page(client).content.decode()
    assert "Community policing forum" in html and "Crime prevention training" not in html
    activity.delete()
    assert "Community policing forum" not in _page(client).content.decode()


def test_new_reference_records_show_in_the_filter_bar_and_rows_at_once(personas):
    activity = ActivityFactory()
    client = personas["manager"]
    _page(client)
    ProgrammeFactory(title="Border management programme", unit_area="counterterrorism")
    activity.location = LocationFactory(name="Ganja")
    activity.save()
    html = _page(client).content.decode()
    assert "Border management programme" in html
    assert html.count("Ganja") == 2  # the location filter's option and the activity's row
    # A renamed location is reference data alone: no activity changes, yet both fragments follow.
    location = activity.location
    location.name = "Ganja city"
    location.save()
    assert _page(client).content.decode().count("Ganja city") == 2


def test_cached_html_of_one_scope_is_never_served_to_another(personas):
    ActivityFactory(unit_area="policing", title="CAG meeting")
    ActivityFactory(unit_area="counterterrorism", title="Cyber workshop")
    ProgrammeFactory(title="Community policing programme", unit_area="policing")
    manager_html = _page(personas["manager"]).content.decode()
    assert "CAG meeting" in manager_html and "Cyber workshop" in manager_html
    other = _page(personas["staff_other_unit"]).content.decode()
    assert "Cyber workshop" in other
    assert "CAG meeting" not in other and "Community policing programme" not in other
    same = _page(personas["staff_same_unit"]).content.decode()
    assert "CAG meeting" in same and "Cyber workshop" not in same


def test_each_language_gets_its_own_cached_html(personas):
    ActivityFactory(status="approved")
    client = personas["manager"]
    assert "Apply filters" in _page(client).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "az"
    html = _page(client).content.decode()
    assert "Filtrləri tətbiq et" in html and "Apply filters" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert "Применить фильтры" in _page(client).content.decode()


def test_each_query_and_page_gets_its_own_cached_html(personas):
    ActivityFactory(title="Youth meeting", kind="meeting")
    ActivityFactory(title="Crime prevention training", kind="training")
    client = personas["manager"]
    _page(client)
    html = _page(client, {"kind": "meeting"}).content.decode()
    assert "Youth meeting" in html and "Crime prevention training" not in html
    assert client.get(reverse("activity_list"), {"page": 2}).status_code == 404
    assert client.get(reverse("activity_list"), {"page": 2}).status_code == 404


def test_the_dashboards_cached_filter_bar_follows_scope_and_reference_records(personas):
    ProgrammeFactory(title="Community policing programme", unit_area="policing")
    client = personas["manager"]
    first = client.get(reverse("dashboard"))
    assert "Community policing programme" in first.content.decode()
    assert "bootstrap5/field.html" in {t.name for t in first.templates}
    assert "bootstrap5/field.html" not in {t.name for t in client.get(reverse("dashboard")).templates}
    ProgrammeFactory(title="Border management programme", unit_area="counterterrorism")
    assert "Border management programme" in client.get(reverse("dashboard")).content.decode()
    other = personas["staff_other_unit"].get(reverse("unit_dashboard", args=["counterterrorism"])).content.decode()
    assert "Border management programme" in other and "Community policing programme" not in other


def _figure(html, testid):
    return re.search(rf'data-testid="{testid}">([^<]*)<', html).group(1)


def test_the_dashboards_cached_figures_change_at_once(personas):
    period = {"date_from": "2011-01-01", "date_to": "2011-12-31"}
    submitted = ActivityFactory(status="submitted", start_date="2011-05-01", end_date="2011-05-01")
    ActivityFactory(status="approved", start_date="2011-06-01", end_date="2011-06-01")
    client = personas["manager"]
    first = client.get(reverse("dashboard"), period)
    assert _figure(first.content.decode(), "figure-person-trainings") == "0"
    assert "bootstrap5/field.html" not in {t.name for t in client.get(reverse("dashboard"), period).templates}
    html = client.get(reverse("dashboard"), period).content.decode()
    assert re.search(r'data-testid="figure-activities">.*?fs-3 fw-semibold">1<', html, re.S)
    client.post(reverse("activity_transition", args=[submitted.pk]), {"action": "approve"})
    html = client.get(reverse("dashboard"), period).content.decode()
    assert re.search(r'data-testid="figure-activities">.*?fs-3 fw-semibold">2<', html, re.S)
    ParticipationFactory(activity=submitted)
    assert _figure(client.get(reverse("dashboard"), period).content.decode(), "figure-person-trainings") == "1"
    # Another scope's figures are its own, from the same cache.
    other = personas["staff_other_unit"].get(reverse("dashboard"), period).content.decode()
    assert re.search(r'data-testid="figure-activities">.*?fs-3 fw-semibold">0<', other, re.S)


@pytest.mark.django_db(transaction=True)
def test_html_cached_while_a_write_is_uncommitted_is_not_served_after_the_commit():
    # Another request may read the old rows after the write's first bump and cache them under the new version.
    with transaction.atomic():
        ActivityFactory()
        during_write = fragments.key("activity-rows", ["policing"], "")
    assert fragments.key("activity-rows", ["policing"], "") != during_write
    with transaction.atomic():
        ProgrammeFactory(title="Border management programme", unit_area="counterterrorism")
        during_write = fragments.key("activity-filters", ["policing"], "")
    assert fragments.key("activity-filters", ["policing"], "") != during_write


@pytest.mark.django_db(transaction=True)
def test_a_part_cached_during_an_uncommitted_write_is_rendered_again_after_the_commit():
    """A stored part carries the versions it was rendered under and is served only while they are current."""
    with transaction.atomic():
        ActivityFactory()
        assert fragments.cached("probe", ["policing"], lambda: "before the commit") == "before the commit"
    assert fragments.cached("probe", ["policing"], lambda: "after the commit") == "after the commit"
    assert fragments.cached("probe", ["policing"], lambda: "rendered again") == "after the commit"  # a hit
    assert fragments.cached("probe", ["trafficking"], lambda: "another scope") == "another scope"
    ProgrammeFactory(title="Border management programme", unit_area="counterterrorism")  # reference records
    assert fragments.cached("probe", ["policing"], lambda: "new reference") == "new reference"


def test_a_cached_dashboard_neither_builds_its_form_nor_reads_records(personas):
    # Issue 15: on a hit the filter form is not built or validated (its choices are queries) and the figures are
    # not read; the page is the cached block. Invalid input keeps its message on a hit as on the miss.
    programme = ProgrammeFactory(title="Community policing programme", unit_area="policing")
    ActivityFactory(project__programme=programme, start_date="2011-05-01", end_date="2011-05-01")
    client = personas["manager"]
    params = {"date_from": "2011-01-01", "programme": programme.pk}
    first = client.get(reverse("dashboard"), params).content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = client.get(reverse("dashboard"), params).content.decode()
    assert not [q["sql"] for q in queries.captured_queries if "programmes_" in q["sql"]]
    assert _figure(first, "figure-person-trainings") == _figure(second, "figure-person-trainings")
    assert "selected>Community policing programme</option>" in second
    for _ in range(2):
        html = client.get(reverse("dashboard"), {"date_from": "not a date"}).content.decode()
        assert "Enter a valid date." in html
