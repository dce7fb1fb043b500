"""A manager signs in with a TOTP code in a real browser and reaches the home page without any CSP violation."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def test_manager_signs_in_with_a_totp_code_and_no_csp_errors(browser_page, settings):
    settings.REQUIRE_MFA = "managers"
    manager = UserFactory(username="manager", role=Role.MANAGER)
    device = TOTPDevice.objects.create(user=manager, name="authenticator", confirmed=True)
    page = browser_page
    console_errors = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.context.add_init_script(WATCH_CSP)

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/mfa/verify/**")
    assert page.evaluate("window.__cspViolations") == []

    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
    assert page.get_by_test_id("signed-in-as").is_visible()
    page.goto("/activities/")
    assert page.evaluate("window.__cspViolations") == []
    assert console_errors == [] and page.console_errors == []

    # The watcher itself works: an inline script added now is blocked and reported.
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = '1'; document.head.append(s); }")
    page.wait_for_function("window.__cspViolations.length > 0")
