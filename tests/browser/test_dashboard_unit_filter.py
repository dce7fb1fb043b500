"""A manager, in Russian, sets the unit-area filter to public assembly: the tab follows, and so does every panel."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from programmes.tests.factories import ActivityFactory
from programmes.tests.factories_results import IndicatorPeriodFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _unit_records(unit_area, label):
    today = timezone.localdate()
    recent, soon = today - datetime.timedelta(days=20), today + datetime.timedelta(days=10)
    ActivityFactory(unit_area=unit_area, status="submitted", start_date=recent, end_date=recent,
                    title=f"{label} awaiting")  # fmt: skip
    ActivityFactory(unit_area=unit_area, status="planned", start_date=soon, end_date=soon, title=f"{label} planned")
    IndicatorPeriodFactory(
        label="last year", start=today - datetime.timedelta(days=400), end=today - datetime.timedelta(days=35),
        target=50, indicator__title=f"{label} indicator", indicator__result__project__programme__unit_area=unit_area,
    )  # fmt: skip


def test_the_unit_filter_and_the_tabs_agree_and_every_panel_follows_them(live_server):
    import os

    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import LAUNCH_ARGS
    from tests.services import CHROMIUM

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    UserFactory(username="manager", role=Role.MANAGER)
    _unit_records("assembly", "Assembly")
    _unit_records("trafficking", "Trafficking")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto("/accounts/login/")
            page.locator("input[name=username]").fill("manager")
            page.locator("input[name=password]").fill(PASSWORD)
            page.locator("main form button[type=submit]").click()
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
            assert page.locator("html").get_attribute("lang") == "ru"
            page.goto("/dashboard/")
            off_track = page.get_by_test_id("off-track")
            assert "Trafficking indicator" in off_track.inner_text()
            page.locator("select[name=unit_area]").select_option("assembly")
            page.get_by_test_id("dashboard-filters").locator("button[type=submit]").click()
            page.wait_for_url("**/dashboard/assembly/**")
            assert page.get_by_test_id("tab-assembly").get_attribute("aria-current") == "page"
            assert page.get_by_test_id("tab-all").get_attribute("aria-current") is None
            assert page.locator("select[name=unit_area]").input_value() == "assembly"
            awaiting = page.get_by_test_id("panel-awaiting").inner_text()
            upcoming = page.get_by_test_id("panel-upcoming").inner_text()
            assert "Assembly awaiting" in awaiting and "Trafficking" not in awaiting
            assert "Assembly planned" in upcoming and "Trafficking" not in upcoming
            off_track = page.get_by_test_id("off-track").inner_text()
            assert "Assembly indicator" in off_track and "Trafficking" not in off_track
            # Back to all areas through the tab: the filter follows the tab.
            page.get_by_test_id("tab-all").click()
            page.wait_for_url("**/dashboard/?*")
            assert page.locator("select[name=unit_area]").input_value() == ""
            assert "Trafficking awaiting" in page.get_by_test_id("panel-awaiting").inner_text()
            assert errors == []
        finally:
            context.close()
            browser.close()
