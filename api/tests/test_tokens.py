import hashlib

import pytest
from rest_framework.test import APIClient

from api.models import ApiToken
from programmes.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _create_on_page(client, name="monthly export"):
    response = client.post("/api/tokens/", {"name": name})
    assert response.status_code == 200
    return response, response.context["new_token"]


def test_token_is_shown_once_and_only_its_hash_is_stored(personas, staff_policing):
    response, raw = _create_on_page(personas["staff_same_unit"])
    assert raw.startswith("pmu_") and raw in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=staff_policing)
    assert token.name == "monthly export"
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    # The list shows the prefix, never the token again.
    listing = personas["staff_same_unit"].get("/api/tokens/").content.decode()
    assert token.prefix in listing and raw not in listing


def test_token_authenticates_until_revoked(personas, staff_policing):
    ActivityFactory()
    _response, raw = _create_on_page(personas["staff_same_unit"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get("/api/v1/activities/").status_code == 200
    token = ApiToken.objects.get(user=staff_policing)
    assert token.last_used_at is not None

    response = personas["staff_same_unit"].post(f"/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    response = api.get("/api/v1/activities/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_bearer_keyword_and_bad_tokens(personas):
    _response, raw = _create_on_page(personas["manager"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/v1/locations/").status_code == 200
    for header in (f"Token {raw}x", "Token pmu_nothing_here", "Token", f"Token {raw} extra"):
        api.credentials(HTTP_AUTHORIZATION=header)
        assert api.get("/api/v1/locations/").status_code == 401, header


def test_inactive_user_token_is_refused(personas, manager):
    _response, raw = _create_on_page(personas["manager"])
    manager.is_active = False
    manager.save()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get("/api/v1/locations/").status_code == 401


def test_someone_elses_token_cannot_be_revoked(personas, manager):
    _response, _raw = _create_on_page(personas["manager"])
    token = ApiToken.objects.get(user=manager)
    assert personas["staff_same_unit"].post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_duplicate_name_is_a_field_error(personas):
    _create_on_page(personas["manager"], "sync")
    response = personas["manager"].post("/api/tokens/", {"name": "sync"})
    assert response.context["new_token"] is None
    assert "already have a token with this name" in str(response.context["form"].errors["name"])
