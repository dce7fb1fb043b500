"""The top menu fits on one line at 1366 px in every language; partner rows are added in place (issue 17 §7)."""

import pytest

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from programmes.tests.factories import PartnerFactory, ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, username):
    """Signing in applies the user's own language (their profile)."""
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_the_top_menu_fits_on_one_line_at_1366_px(browser_page, live_server, language):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 800})
    for username, role in (("manager", Role.MANAGER), ("admin", Role.ADMINISTRATOR)):
        UserFactory(username=username, role=role, first_name="Kamran", last_name="Məmmədov", language=language)
    for username in ("manager", "admin"):
        _sign_in(page, username)
        assert page.locator("html").get_attribute("lang") == language
        tops = page.locator("#main-nav > ul > li").evaluate_all(
            "items => items.map(i => i.getBoundingClientRect().top)"
        )
        page.screenshot(path=f"/tmp/homes-menu-{username}-{language}.png")
        assert len(set(tops)) == 1, (username, language, tops)
        bar = page.locator("nav.navbar").bounding_box()
        assert bar["height"] < 70, (username, language, bar)
        page.get_by_test_id("signed-in-as").click()
        page.get_by_role("button", name={"en": "Sign out", "az": "Çıxış", "ru": "Выйти"}[language]).click()
        page.wait_for_url("**/accounts/login/**")


def test_partner_rows_are_added_in_place_and_saved(browser_page, live_server):
    page = browser_page
    UserFactory(username="nigar", role=Role.STAFF, unit_areas=["policing"], language="az")
    project = ProjectFactory(title="Policing project")
    partners = [PartnerFactory(name=name) for name in ("Ministry of Internal Affairs", "Patrol Police", "BSU")]
    _sign_in(page, "nigar")
    assert page.locator("html").get_attribute("lang") == "az"
    page.goto("/activities/new/")
    rows = page.get_by_test_id("partner-formset").locator("tbody tr")
    assert rows.count() == 2
    page.locator("[data-add-formset-row]").click()
    assert rows.count() == 3
    page.locator("select[name=project]").select_option(str(project.pk))
    page.locator("select[name=kind]").select_option("training")
    page.locator("input[name=title]").fill("Three partners")
    page.locator("input[name=start_date]").fill("2012-03-01")
    page.locator("input[name=end_date]").fill("2012-03-01")
    for i, partner in enumerate(partners):
        page.locator(f"select[name=partners-{i}-partner]").select_option(str(partner.pk))
        page.locator(f"select[name=partners-{i}-role]").select_option("beneficiary")
    page.locator("form button[type=submit].btn-primary").click()
    page.wait_for_url("**/activities/*/")
    from programmes.models import Activity

    assert Activity.objects.get(title="Three partners").partner_links.count() == 3
    assert page.console_errors == []
