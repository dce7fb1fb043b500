"""/health/ states, and the friendly 503 page when the database is away (and recovery without a restart)."""

import json

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.tests.factories import UserFactory
from osce_baku import health
from osce_baku.middleware import DatabaseUnavailableMiddleware, server_error


@pytest.fixture(autouse=True)
def _fresh_health_state():
    health._migrations_checked_at = 0.0
    yield
    health._migrations_checked_at = 0.0


@pytest.mark.django_db
def test_anonymous_probe_gets_plain_ok(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok" and response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_administrators_get_the_detail(personas, settings):
    settings.REDIS_URL = ""
    response = personas["administrator"].get(reverse("health"))
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "not configured", "celery": "in-process", "migrations": "ok"},
    }
    assert personas["manager"].get(reverse("health")).content == b"ok"  # no detail for other roles


@pytest.mark.django_db
def test_unreachable_redis_makes_the_portal_unavailable(client, personas, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("health"))
    assert response.status_code == 503 and response.content == b"unavailable"
    detail = json.loads(personas["administrator"].get(reverse("health")).content)
    assert detail["checks"]["redis"] == "unavailable" and detail["checks"]["celery"] == "unavailable"


@pytest.mark.django_db
def test_pending_migrations_make_the_portal_unavailable(client, settings):
    settings.REDIS_URL = ""
    # Every audit migration, not one: an unapplied early migration under an applied later one plans nothing.
    MigrationRecorder.Migration.objects.filter(app="audit").delete()
    response = client.get(reverse("health"))
    assert response.status_code == 503


@pytest.mark.redis
@pytest.mark.django_db
def test_no_celery_worker_is_reported_as_degraded(client, personas, settings):
    from django.core.cache import cache

    cache.delete("health:celery")
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.content == b"ok"  # never which part is degraded
    detail = json.loads(personas["administrator"].get(reverse("health")).content)
    assert detail["checks"]["redis"] == "ok"
    assert detail["checks"]["celery"].startswith(("ok", "no worker"))


def test_a_view_failing_on_the_database_gets_the_friendly_503():
    request = RequestFactory().get("/activities/")
    response = DatabaseUnavailableMiddleware(lambda r: None).process_exception(request, OperationalError("down"))
    assert response.status_code == 503 and b"temporarily unavailable" in response.content
    assert response["Retry-After"] == "30"


def test_a_database_error_outside_a_view_gets_the_503_too():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    try:
        raise ValueError("bug")
    except ValueError:
        assert server_error(request).status_code == 500


def _wsgi_get(path, cookie=""):
    """A request through Django's real WSGI handler, which (unlike the test client) runs the per-request
    connection housekeeping that production relies on to recover."""
    environ = RequestFactory().get(path, HTTP_COOKIE=cookie).environ
    status = []
    body = b"".join(WSGIHandler()(environ, lambda s, h, exc_info=None: status.append(int(s.split()[0]))))
    return status[0], body.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_outage_gives_503_and_the_portal_recovers_on_its_own(settings):
    settings.REDIS_URL = ""
    client = Client()
    client.force_login(UserFactory(unit_areas=["policing"]))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    assert _wsgi_get("/activities/", cookie)[0] == 200

    # The database restarts: every backend is terminated. The next request reconnects (CONN_HEALTH_CHECKS).
    with connection.cursor() as cursor:
        pid = cursor.connection.info.backend_pid
    import psycopg2

    params = connection.get_connection_params()
    other = psycopg2.connect(**params)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()  # psycopg2's `with` only commits; an open session would block dropping the test database
    assert _wsgi_get("/activities/", cookie)[0] == 200

    # The database is away for a while: requests get the friendly page, not a 500.
    saved_port = connection.settings_dict["PORT"]
    connection.settings_dict["PORT"] = "1"
    connection.close()
    try:
        status, body = _wsgi_get("/activities/", cookie)
        assert status == 503 and "temporarily unavailable" in body
        assert _wsgi_get("/health/") == (503, "unavailable")
    finally:
        connection.settings_dict["PORT"] = saved_port
    # Back again: no restart of the web process needed.
    assert _wsgi_get("/activities/", cookie)[0] == 200
    assert _wsgi_get("/health/") == (200, "ok")


@pytest.mark.django_db
@pytest.mark.parametrize("policy", ["managers", "none"])  # "none": the administrator enrolled on their own
def test_administrator_detail_waits_for_the_second_factor(client, settings, administrator, policy):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.tests.factories import PASSWORD
    from accounts.tests.helpers import code_for

    settings.REDIS_URL = ""
    settings.REQUIRE_MFA = policy
    device = TOTPDevice.objects.create(user=administrator, name="authenticator", confirmed=True)
    client.post(reverse("accounts:login"), {"username": administrator.username, "password": PASSWORD})
    response = client.get(reverse("health"))  # a stolen password alone
    assert response.status_code == 200 and response.content == b"ok"
    assert client.post(reverse("accounts:mfa_verify"), {"token": code_for(device)}).status_code == 302
    assert json.loads(client.get(reverse("health")).content)["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_anonymous_callers_never_learn_which_part_is_degraded(client, personas, settings, monkeypatch):
    settings.REDIS_URL = ""
    monkeypatch.setattr(health, "check_celery", lambda redis_state: "no worker")  # a queue with no worker
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.content == b"ok"
    assert personas["manager"].get(reverse("health")).content == b"ok"
    assert json.loads(personas["administrator"].get(reverse("health")).content)["checks"]["celery"] == "no worker"
