"""Sign-in lockout behind a reverse proxy: the client address comes from a header the proxy sets (django-ipware
settings from the environment), so one attacker cannot lock a username out for every colleague behind the proxy."""

import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from tests.helpers import load_settings

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"  # REMOTE_ADDR of every request that came through the proxy
ATTACKER, COLLEAGUE = "91.200.1.2", "81.17.20.5"


def _sign_in(client, user, password=PASSWORD, **meta):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password}, **meta)


@pytest.fixture
def behind_proxy(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_REAL_IP", "REMOTE_ADDR"]


def test_an_attacker_behind_the_proxy_locks_only_himself_out(client, behind_proxy, manager):
    for _ in range(3):
        _sign_in(client, manager, "wrong-password", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=ATTACKER)
    assert _sign_in(client, manager, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=ATTACKER).status_code == 429
    # The manager, coming through the same proxy from her own address, still signs in.
    assert _sign_in(client, manager, REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=COLLEAGUE).status_code == 302


def test_without_a_proxy_a_forged_header_does_not_escape_the_lockout(client, settings, manager):
    """The default reads REMOTE_ADDR only: a client naming a new X-Forwarded-For or X-Real-IP for every attempt
    still counts as one address."""
    settings.AXES_FAILURE_LIMIT = 3
    for n in range(3):
        forged = {"HTTP_X_FORWARDED_FOR": f"198.51.100.{n}", "HTTP_X_REAL_IP": f"198.51.100.{n}"}
        _sign_in(client, manager, "wrong-password", REMOTE_ADDR=ATTACKER, **forged)
    locked = _sign_in(client, manager, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="8.8.8.8", HTTP_X_REAL_IP="8.8.8.8")
    assert locked.status_code == 429


def test_the_proxy_header_is_read_from_the_environment():
    result = load_settings(
        "settings.AXES_IPWARE_META_PRECEDENCE_ORDER",
        DEBUG="true",
        AXES_IPWARE_META_PRECEDENCE_ORDER="HTTP_X_REAL_IP,REMOTE_ADDR",
    )
    assert result.returncode == 0 and result.stdout.strip() == "['HTTP_X_REAL_IP', 'REMOTE_ADDR']"
    default = load_settings("settings.AXES_IPWARE_META_PRECEDENCE_ORDER", DEBUG="true")
    assert default.stdout.strip() == "['REMOTE_ADDR']"
