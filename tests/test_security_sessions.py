"""Sign-in hardening: lockout, a new session id, idle and absolute timeouts, server-side sign-out, deactivation."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.models import UserSession
from accounts.sessions import AUTH_AT, SEEN_AT
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client, user, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password}, **extra)


def test_lockout_after_repeated_failures_for_that_address_and_username(client, settings, staff_policing):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        assert _sign_in(client, staff_policing, "wrong-password").status_code == 200
    locked = _sign_in(client, staff_policing, "wrong-password")
    assert locked.status_code == 429 and "too many failed sign-ins" in locked.content.decode()
    # Even the right password is refused while locked.
    assert _sign_in(client, staff_policing).status_code == 429
    # Another address with the same username, or the same address with another username, is not locked.
    assert _sign_in(client, staff_policing, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_other_usernames_from_a_locked_address_still_sign_in(client, settings, staff_policing, manager):
    settings.AXES_FAILURE_LIMIT = 2
    _sign_in(client, staff_policing, "wrong-password")
    _sign_in(client, staff_policing, "wrong-password")
    assert _sign_in(client, manager).status_code == 302


def test_sign_in_issues_a_new_session_id(client, staff_policing):
    client.get(reverse("accounts:login"))
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    _sign_in(client, staff_policing)
    after = client.cookies["sessionid"].value
    assert after and after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_sign_out_ends_the_session_on_the_server(client, staff_policing):
    _sign_in(client, staff_policing)
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()
    assert UserSession.objects.filter(session_key=key, user=staff_policing).exists()
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()


def _age_session(client, *, auth_ago, seen_ago):
    session = client.session
    now = int(time.time())
    session[AUTH_AT] = now - auth_ago
    session[SEEN_AT] = now - seen_ago
    session.save()


def test_idle_timeout_signs_out(client, settings, staff_policing):
    settings.SESSION_IDLE_TIMEOUT = 600
    _sign_in(client, staff_policing)
    _age_session(client, auth_ago=700, seen_ago=601)
    response = client.get(reverse("activity_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert client.get(reverse("home")).status_code == 302  # really signed out, not only redirected once


def test_activity_keeps_the_session_alive(client, settings, staff_policing):
    settings.SESSION_IDLE_TIMEOUT = 600
    _sign_in(client, staff_policing)
    _age_session(client, auth_ago=700, seen_ago=500)
    assert client.get(reverse("home")).status_code == 200
    assert int(time.time()) - client.session[SEEN_AT] < 5  # the idle clock restarted


def test_absolute_timeout_signs_out_even_an_active_user(client, settings, staff_policing):
    settings.SESSION_ABSOLUTE_TIMEOUT = 3600
    _sign_in(client, staff_policing)
    _age_session(client, auth_ago=3601, seen_ago=1)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_deactivating_a_user_ends_all_their_sessions(staff_policing):
    from django.test import Client

    phones = [Client(), Client()]
    for client in phones:
        _sign_in(client, staff_policing)
    keys = [client.cookies["sessionid"].value for client in phones]
    assert Session.objects.filter(session_key__in=keys).count() == 2
    staff_policing.is_active = False
    staff_policing.save()
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.filter(user=staff_policing).exists()
    assert phones[0].get(reverse("home")).status_code == 302


def test_a_session_signs_in_only_an_active_user_it_names(client, staff_policing):
    """The user is read by SQL compiled once per process (accounts/backends.py): a user deactivated behind the
    signals' back, a changed password, or an id no user has signs nobody in."""
    from django.contrib.auth import SESSION_KEY

    from accounts.models import User

    _sign_in(client, staff_policing)
    assert client.get(reverse("home")).status_code == 200
    for user_id in (str(2**63), "0"):
        session = client.session
        session[SESSION_KEY] = user_id
        session.save()
        assert client.get(reverse("home")).status_code == 302, user_id
        _sign_in(client, staff_policing)
    users = User.objects.filter(pk=staff_policing.pk)
    users.update(is_active=False)
    assert client.get(reverse("home")).status_code == 302
    users.update(is_active=True)
    _sign_in(client, staff_policing)
    assert client.get(reverse("home")).status_code == 200
    users.update(password="changed elsewhere")  # the session's hash of the password no longer matches
    assert client.get(reverse("home")).status_code == 302


def test_password_rules_need_twelve_characters_and_refuse_common_ones(staff_policing):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("short-pw-1", "password1234", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(weak, staff_policing)
    validate_password("gentle-river-of-baku-7", staff_policing)
