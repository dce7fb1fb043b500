"""A personal token is no way around the second factor, and it expires (issue 12 §3).

The attack: a token made while the owner's role did not need a second factor (or before they enrolled one) kept
returning people, participations with counter-terrorism names and NRM figures after REQUIRE_MFA started requiring it.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.tests.factories import PASSWORD
from accounts.tests.helpers import code_for, enrol
from api.models import ApiToken
from api.tokens import create_token

pytestmark = pytest.mark.django_db

SENSITIVE = ("/api/v1/people/", "/api/v1/participations/", "/api/v1/trafficking/nrm/")


def _api(raw):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return api


def _made_on_the_page(client):
    response = client.post(reverse("api:tokens"), {"name": "monthly export"})
    assert response.status_code == 200 and response.context["new_token"]
    return response.context["new_token"]


def _sign_in_with_second_factor(client, user, device):
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    response = client.post(reverse("accounts:mfa_verify"), {"token": code_for(device)})
    assert response.status_code == 302


def test_a_token_made_before_the_policy_stops_working_when_the_role_needs_a_second_factor(settings, personas):
    settings.REQUIRE_MFA = "none"
    raw = _made_on_the_page(personas["manager"])
    api = _api(raw)
    assert all(api.get(url).status_code == 200 for url in SENSITIVE)

    settings.REQUIRE_MFA = "managers"
    for url in SENSITIVE:
        response = api.get(url)
        assert response.status_code == 401, url
        assert "two-factor" in response.json()["detail"]
    listing = personas["manager"].get(reverse("api:tokens"))
    assert listing.status_code == 302  # the page itself is behind the second factor now


def test_a_token_made_before_a_promotion_stops_working(settings, personas, staff_policing):
    settings.REQUIRE_MFA = "managers"
    api = _api(_made_on_the_page(personas["staff_same_unit"]))
    assert api.get("/api/v1/people/").status_code == 200
    staff_policing.groups.set([Group.objects.get_or_create(name=Role.MANAGER.value)[0]])  # promoted
    assert api.get("/api/v1/people/").status_code == 401


def test_enrolling_stops_the_tokens_made_without_the_second_factor(settings, personas, staff_policing):
    settings.REQUIRE_MFA = "none"
    api = _api(_made_on_the_page(personas["staff_same_unit"]))
    assert api.get("/api/v1/people/").status_code == 200
    enrol(staff_policing)
    assert api.get("/api/v1/people/").status_code == 401


def test_a_token_made_after_passing_the_second_factor_keeps_working(client, settings, manager):
    settings.REQUIRE_MFA = "managers"
    device = enrol(manager)
    _sign_in_with_second_factor(client, manager, device)
    raw = _made_on_the_page(client)
    assert ApiToken.objects.get(user=manager).created_with_mfa
    assert all(_api(raw).get(url).status_code == 200 for url in SENSITIVE)
    settings.REQUIRE_MFA = "all"
    assert _api(raw).get("/api/v1/people/").status_code == 200


def test_a_password_only_session_of_an_enrolled_user_cannot_make_a_working_token(client, settings, staff_policing):
    """Enrolled, policy "none": the tokens page itself asks for the code first, so no unverified token is made."""
    settings.REQUIRE_MFA = "none"
    enrol(staff_policing)
    client.post(reverse("accounts:login"), {"username": staff_policing.username, "password": PASSWORD})
    response = client.post(reverse("api:tokens"), {"name": "sneaky"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:mfa_verify"))
    assert not ApiToken.objects.filter(user=staff_policing).exists()


def test_tokens_expire_after_the_configured_lifetime(settings, personas, staff_policing):
    settings.API_TOKEN_LIFETIME_DAYS = 7
    raw = _made_on_the_page(personas["staff_same_unit"])
    token = ApiToken.objects.get(user=staff_policing)
    assert abs(token.expires_at - (token.created_at + datetime.timedelta(days=7))) < datetime.timedelta(seconds=5)
    assert _api(raw).get("/api/v1/activities/").status_code == 200

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = _api(raw).get("/api/v1/activities/")
    assert response.status_code == 401 and "expired" in response.json()["detail"]
    listing = personas["staff_same_unit"].get(reverse("api:tokens")).content.decode()
    assert "Expired" in listing


def test_the_list_shows_last_use_written_at_most_once_a_minute(personas, staff_policing):
    raw = _made_on_the_page(personas["staff_same_unit"])
    api = _api(raw)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert api.get("/api/v1/locations/").status_code == 200
    writes = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE") and "api_apitoken" in q["sql"]
    ]
    assert len(writes) == 1
    token = ApiToken.objects.get(user=staff_policing)
    assert token.last_used_at is not None
    listing = personas["staff_same_unit"].get(reverse("api:tokens"))
    assert "Last used" in listing.content.decode() and listing.context["tokens"][0].last_used_at == token.last_used_at


def test_tokens_made_from_code_are_unverified_by_default(manager, settings):
    settings.REQUIRE_MFA = "managers"
    token, raw = create_token(user=manager, name="script")
    assert not token.created_with_mfa
    assert _api(raw).get("/api/v1/locations/").status_code == 401
