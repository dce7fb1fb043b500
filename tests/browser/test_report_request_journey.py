"""A manager picks report kinds in the request form: the fields and formats follow the kind without a page load."""

import pytest

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _formats(page) -> list[str]:
    return page.locator("select[name=format] option").evaluate_all("options => options.map(o => o.value)")


def test_fields_and_formats_follow_the_chosen_kind(browser_page):
    page = browser_page
    UserFactory(username="manager", role=Role.MANAGER)
    sign_in(page, "manager", PASSWORD)
    page.goto("/reports/new/")
    assert page.locator("input[name=date_from]").is_visible()  # the first kind, the activity register, has dates

    page.get_by_label("Report").select_option("quarterly_programme")
    page.wait_for_selector("input[name=date_from]", state="detached")
    assert _formats(page) == ["pdf"]
    assert page.locator("select[name=quarter]").is_visible() and page.locator("select[name=unit_area]").is_visible()

    page.get_by_label("Report").select_option("activity_register")
    page.wait_for_selector("input[name=date_from]")  # the quarterly report has no dates: this is the swap
    assert "pdf" not in _formats(page)
    assert page.locator("select[name=partner]").is_visible()

    page.get_by_label("Report").select_option("cag_status")
    page.wait_for_selector("select[name=partner]", state="detached")
    assert _formats(page) == ["xlsx", "pdf"]
    page.get_by_label("Format").select_option("xlsx")
    page.get_by_role("button", name="Request").click()
    page.wait_for_url("**/reports/*/")
    assert page.get_by_text("CAG status").first.is_visible()
    assert page.console_errors == []
