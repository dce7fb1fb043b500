"""A manager opens the overview, changes a filter, and follows a figure to the activities behind it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from programmes.tests.factories import ActivityFactory, LocationFactory, ParticipationFactory

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_filters_the_overview_and_opens_the_list_behind_a_figure(browser_page):
    page = browser_page
    call_command("seed_reference")
    UserFactory(username="manager", role=Role.MANAGER)
    today = timezone.localdate()
    ganja = LocationFactory(code="AZ-GA")
    guba = LocationFactory(code="AZ-QBA", name="Guba", latitude="41.36110", longitude="48.51340")
    for location, title in ((ganja, "Training in Ganja"), (guba, "Training in Guba"), (guba, "Meeting in Guba")):
        activity = ActivityFactory(title=title, location=location, status="approved",
                                   start_date=today - datetime.timedelta(days=30),
                                   end_date=today - datetime.timedelta(days=30))  # fmt: skip
        ParticipationFactory(activity=activity)

    sign_in(page, "manager", PASSWORD)
    page.get_by_role("link", name="Dashboard").first.click()
    assert page.get_by_test_id("figure-activities").inner_text().endswith("3")
    page.get_by_test_id("dashboard-filters").get_by_label("Location").select_option(label="Guba")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/dashboard/?*")
    assert page.get_by_test_id("figure-activities").inner_text().endswith("2")
    page.get_by_test_id("figure-activities").click()
    page.wait_for_url("**/activities/?*")
    titles = page.get_by_test_id("activity-table").locator("tbody tr td:first-child a").all_inner_texts()
    assert sorted(titles) == ["Meeting in Guba", "Training in Guba"]
    assert page.console_errors == []
