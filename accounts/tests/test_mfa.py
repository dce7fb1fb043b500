"""Two-factor sign-in: who must use it, enrolment, verification, backup codes, and the admin behind it."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa
from accounts.tests.factories import PASSWORD

from .helpers import code_for, enrol

pytestmark = pytest.mark.django_db


def reset_throttle(device: TOTPDevice) -> None:
    """A wrong code makes django-otp refuse the next ones for a moment (by design); tests need not wait."""
    device.refresh_from_db()
    device.throttle_reset()


def sign_in(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("none", {"staff": False, "manager": False, "administrator": False}),
        ("managers", {"staff": False, "manager": True, "administrator": True}),
        ("all", {"staff": True, "manager": True, "administrator": True}),
    ],
)
def test_who_must_use_a_second_factor(settings, policy, expected, staff_policing, manager, administrator):
    settings.REQUIRE_MFA = policy
    users = {"staff": staff_policing, "manager": manager, "administrator": administrator}
    assert {role: mfa.mfa_required(user) for role, user in users.items()} == expected


def test_manager_without_authenticator_is_sent_to_enrol_on_every_page(client, settings, manager):
    settings.REQUIRE_MFA = "managers"
    sign_in(client, manager)
    for url in (reverse("home"), reverse("activity_list"), reverse("admin:index"), reverse("audit:changes")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:mfa_setup")), url


def test_staff_are_not_asked_under_the_managers_policy(client, settings, staff_policing):
    settings.REQUIRE_MFA = "managers"
    sign_in(client, staff_policing)
    assert client.get(reverse("home")).status_code == 200


def test_everyone_is_asked_under_the_all_policy(client, settings, staff_policing):
    settings.REQUIRE_MFA = "all"
    sign_in(client, staff_policing)
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:mfa_setup"))


def test_sign_out_and_static_stay_reachable_before_the_second_factor(client, settings, manager):
    settings.REQUIRE_MFA = "managers"
    sign_in(client, manager)
    assert client.get(reverse("health")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:login"))


def test_enrolment_shows_a_server_made_qr_code_then_backup_codes_once(client, settings, manager):
    settings.REQUIRE_MFA = "managers"
    sign_in(client, manager)
    page = client.get(reverse("accounts:mfa_setup"))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "otpauth" not in html  # the URL is only in the image
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    assert mfa.secret_text(device) in html
    assert client.get(reverse("accounts:mfa_setup")).content.decode().count(mfa.secret_text(device)) == 1

    wrong = client.post(reverse("accounts:mfa_setup"), {"token": "000000" if code_for(device) != "000000" else "1"})
    assert wrong.status_code == 200 and "not valid" in wrong.content.decode()
    reset_throttle(device)

    done = client.post(reverse("accounts:mfa_setup"), {"token": code_for(device), "next": reverse("activity_list")})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == mfa.BACKUP_CODE_COUNT and all(code in done.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200  # verified in this session
    assert client.get(reverse("admin:index")).status_code == 302  # managers never reach the admin
    overview = client.get(reverse("accounts:mfa")).content.decode()
    assert not any(code in overview for code in codes)  # shown once only


def test_sign_in_with_a_code_then_the_admin_opens(client, settings, administrator):
    settings.REQUIRE_MFA = "managers"
    device = enrol(administrator)
    sign_in(client, administrator)
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("accounts:mfa_verify"))
    bad = client.post(reverse("accounts:mfa_verify"), {"token": "12345"})
    assert bad.status_code == 200 and bad.context["form"].errors
    reset_throttle(device)
    response = client.post(reverse("accounts:mfa_verify"), {"token": code_for(device), "next": reverse("admin:index")})
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_backup_code_works_once(client, settings, manager):
    settings.REQUIRE_MFA = "managers"
    enrol(manager)
    codes = mfa.new_backup_codes(manager)
    sign_in(client, manager)
    assert client.post(reverse("accounts:mfa_verify"), {"token": codes[0]}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("accounts:logout"))
    sign_in(client, manager)
    assert client.post(reverse("accounts:mfa_verify"), {"token": codes[0]}).status_code == 200  # used up


def test_a_password_alone_cannot_replace_the_authenticator(client, settings, manager):
    settings.REQUIRE_MFA = "managers"
    enrol(manager)
    sign_in(client, manager)
    response = client.get(reverse("accounts:mfa_setup"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:mfa_verify")
    assert not TOTPDevice.objects.filter(user=manager, confirmed=False).exists()


def test_policy_none_lets_force_login_tests_through(personas):
    assert personas["manager"].get(reverse("home")).status_code == 200


@pytest.mark.parametrize("policy", ["none", "managers"])
def test_an_enrolled_user_is_asked_for_the_code_whatever_the_policy(client, settings, staff_policing, policy):
    """Issue 12 §3: an enrolled user signed in with the password alone while /accounts/mfa/ said two-factor was on."""
    settings.REQUIRE_MFA = policy  # neither policy requires it of staff
    device = enrol(staff_policing)
    sign_in(client, staff_policing)
    for url in (reverse("home"), reverse("activity_list"), "/api/v1/people/", reverse("api:tokens")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:mfa_verify")), url
    assert "is on for your account" in client.get(reverse("accounts:mfa")).content.decode()
    response = client.post(reverse("accounts:mfa_verify"), {"token": code_for(device)})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("replacing", [False, True])
def test_enrolment_ends_the_users_other_sessions(client, settings, staff_policing, replacing):
    """A session signed in with the password alone (say, by someone who learnt it) before the owner enrolled, or
    verified with an authenticator the owner then replaced, must not outlive the enrolment."""
    from django.test import Client

    settings.REQUIRE_MFA = "none"
    other = Client()
    if replacing:
        old = enrol(staff_policing)
        sign_in(other, staff_policing)
        assert other.post(reverse("accounts:mfa_verify"), {"token": code_for(old)}).status_code == 302
    else:
        sign_in(other, staff_policing)
    assert other.get(reverse("home")).status_code == 200
    sign_in(client, staff_policing)
    if replacing:  # a TOTP code works once: the owner's session uses a backup code
        code = mfa.new_backup_codes(staff_policing)[0]
        assert client.post(reverse("accounts:mfa_verify"), {"token": code}).status_code == 302
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user=staff_policing, confirmed=False)
    assert client.post(reverse("accounts:mfa_setup"), {"token": code_for(device)}).status_code == 200

    response = other.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert client.get(reverse("home")).status_code == 200  # the enrolling session stays, verified
    assert client.get(reverse("activity_list")).status_code == 200
