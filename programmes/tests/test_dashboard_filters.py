"""Every dashboard panel follows every filter, and the unit tabs and the unit-area filter are one control."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.tests.factories import ActivityFactory, ActivityPartnerFactory
from programmes.tests.factories_results import IndicatorPeriodFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
RECENT = TODAY - datetime.timedelta(days=20)
SOON = TODAY + datetime.timedelta(days=10)


def _activity(unit_area, status, day, title):
    return ActivityFactory(unit_area=unit_area, status=status, start_date=day, end_date=day, title=title)


def _off_track_indicator(unit_area, title):
    period = IndicatorPeriodFactory(
        label="last year", start=TODAY - datetime.timedelta(days=400), end=TODAY - datetime.timedelta(days=35),
        target=50, indicator__title=title, indicator__result__project__programme__unit_area=unit_area,
    )  # fmt: skip
    return period.indicator


@pytest.fixture
def two_units(db):
    return {
        "assembly": [
            _activity("assembly", "submitted", RECENT, "Assembly submitted"),
            _activity("assembly", "planned", SOON, "Assembly planned"),
            _off_track_indicator("assembly", "Assembly indicator"),
        ],
        "trafficking": [
            _activity("trafficking", "submitted", RECENT, "Trafficking submitted"),
            _activity("trafficking", "planned", SOON, "Trafficking planned"),
            _off_track_indicator("trafficking", "Trafficking indicator"),
        ],
    }


def _panels(client, url, params=None):
    response = client.get(url, params or {}, follow=True)
    assert response.status_code == 200
    context = response.context
    fragment = client.get(reverse("dashboard_off_track") + "?" + context["filter_query"]).content.decode()
    return {
        "response": response,
        "awaiting": {a.title for a in context["awaiting"]},
        "upcoming": {a.title for a in context["upcoming"]},
        "off_track": fragment,
    }


def test_the_unit_filter_opens_its_tab_and_every_panel_follows_it(personas, two_units):
    seen = _panels(personas["manager"], reverse("dashboard"), {"unit_area": "assembly"})
    response = seen["response"]
    assert response.redirect_chain[-1][0].startswith(reverse("unit_dashboard", args=["assembly"]))
    assert response.context["unit_area"] == "assembly"
    assert response.context["form"]["unit_area"].value() == "assembly"
    page = response.content.decode()
    active_tabs = re.findall(r'nav-link active" aria-current="page" href="[^"]*" data-testid="tab-(\w+)"', page)
    assert active_tabs == ["assembly"]
    assert seen["awaiting"] == {"Assembly submitted"}
    assert seen["upcoming"] == {"Assembly planned"}
    assert "Assembly indicator" in seen["off_track"] and "Trafficking indicator" not in seen["off_track"]


def test_all_areas_shows_every_unit(personas, two_units):
    seen = _panels(personas["manager"], reverse("dashboard"))
    assert seen["awaiting"] == {"Assembly submitted", "Trafficking submitted"}
    assert seen["upcoming"] == {"Assembly planned", "Trafficking planned"}
    assert "Assembly indicator" in seen["off_track"] and "Trafficking indicator" in seen["off_track"]


def test_choosing_another_area_on_a_unit_tab_moves_to_that_tab_keeping_the_other_filters(personas, two_units):
    client = personas["manager"]
    url = reverse("unit_dashboard", args=["assembly"])
    response = client.get(url, {"unit_area": "trafficking", "date_from": "2020-01-01"})
    assert response.status_code == 302
    assert response.url == reverse("unit_dashboard", args=["trafficking"]) + "?date_from=2020-01-01"
    response = client.get(url, {"unit_area": "", "date_from": "2020-01-01"})
    assert response.url == reverse("dashboard") + "?date_from=2020-01-01"
    tabs = client.get(url, {"date_from": "2020-01-01"}).context["tabs"]
    assert all(tab["url"].endswith("?date_from=2020-01-01") for tab in tabs)


def test_a_unit_the_user_may_not_see_is_not_a_way_around_the_tabs(personas, two_units):
    response = personas["staff_other_unit"].get(reverse("dashboard"), {"unit_area": "trafficking"})
    assert response.status_code == 200  # not redirected: the choice is refused by the form
    assert "unit_area" in response.context["form"].errors
    assert not any(a.unit_area == "trafficking" for a in response.context["awaiting"])
    assert personas["staff_other_unit"].get(reverse("unit_dashboard", args=["trafficking"])).status_code == 403


def test_programme_project_location_and_partner_reach_the_work_panels(personas, two_units):
    client = personas["manager"]
    kept = _activity("assembly", "submitted", RECENT, "Kept")
    partner = ActivityPartnerFactory(activity=kept).partner
    seen = _panels(client, reverse("dashboard"), {"partner": partner.pk})
    assert seen["awaiting"] == {"Kept"}
    seen = _panels(client, reverse("dashboard"), {"project": kept.project_id})
    assert seen["awaiting"] == {"Kept"} and seen["upcoming"] == set()
    assert "All indicators are on track." in seen["off_track"]
    indicator = two_units["assembly"][2]
    seen = _panels(client, reverse("dashboard"), {"programme": indicator.result.project.programme_id})
    assert "Assembly indicator" in seen["off_track"] and "Trafficking indicator" not in seen["off_track"]


def test_the_period_reaches_the_work_panels(personas, two_units):
    client = personas["manager"]
    old = {"date_from": "2011-01-01", "date_to": "2011-12-31"}
    seen = _panels(client, reverse("dashboard"), old)
    assert seen["awaiting"] == set() and seen["upcoming"] == set()
    assert "All indicators are on track." in seen["off_track"]  # their projects had not started, no period had begun
    ahead = {"date_from": TODAY.isoformat(), "date_to": (TODAY + datetime.timedelta(days=5)).isoformat()}
    assert _panels(client, reverse("dashboard"), ahead)["upcoming"] == set()
