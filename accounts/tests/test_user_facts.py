"""Roles and authenticator enrolment read from the shared cache (accounts.user_facts): no query for them once
cached, and every change to them counts from the next request."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shared_cache(settings):
    settings.USER_FACTS_CACHED = True
    settings.REQUIRE_MFA = "none"


def _sql(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, " ".join(query["sql"] for query in ctx.captured_queries)


def test_a_request_reads_neither_roles_nor_devices_from_the_database(personas, settings):
    client = personas["manager"]
    response, cached = _sql(client, reverse("activity_list"))
    assert response.status_code == 200
    assert "auth_group" not in cached and "otp_totp_totpdevice" not in cached
    settings.USER_FACTS_CACHED = False  # no shared cache (no Redis): both are read on every request
    _, uncached = _sql(client, reverse("activity_list"))
    assert "auth_group" in uncached and "otp_totp_totpdevice" in uncached


def test_a_role_taken_away_counts_at_once(personas, manager):
    client = personas["manager"]
    assert client.get(reverse("dashboard")).status_code == 200
    manager.groups.clear()
    assert client.get(reverse("dashboard")).status_code == 403


def test_a_role_given_through_the_group_counts_at_once(personas, staff_policing):
    client = personas["staff_same_unit"]
    assert client.get(reverse("counterterrorism:index")).status_code == 403
    Group.objects.get(name=Role.MANAGER).user_set.add(staff_policing)
    assert client.get(reverse("counterterrorism:index")).status_code == 200
    Group.objects.get(name=Role.MANAGER).user_set.remove(staff_policing)
    assert client.get(reverse("counterterrorism:index")).status_code == 403


def test_a_group_emptied_from_its_side_counts_at_once(personas):
    client = personas["manager"]
    assert client.get(reverse("dashboard")).status_code == 200
    Group.objects.get(name=Role.MANAGER).user_set.clear()  # names no user: every user's facts are forgotten
    assert client.get(reverse("dashboard")).status_code == 403


def test_an_enrolled_authenticator_is_asked_for_at_once(personas, manager):
    client = personas["manager"]
    assert client.get(reverse("activity_list")).status_code == 200
    device = TOTPDevice.objects.create(user=manager, name="authenticator", confirmed=True)
    response = client.get(reverse("activity_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:mfa_verify"))
    device.delete()
    assert client.get(reverse("activity_list")).status_code == 200
