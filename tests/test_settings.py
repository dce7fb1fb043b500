"""Start-up rules of the settings module, checked in a fresh interpreter as a deployment would load them."""

import os
import subprocess
import sys

from django.core.management import call_command

from tests.helpers import ROOT, load_settings


def test_production_refuses_the_demo_secret_key():
    result = load_settings(DEBUG="false")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def _manage(*args):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "ALLOW_DEMO_SECRET_KEY")}
    env = {**clean, "ENV_FILE": "/nonexistent", "DJANGO_SETTINGS_MODULE": "osce_baku.settings"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_a_bare_checkout_checks_migrations_but_serves_nothing_with_the_demo_key():
    checked = _manage("makemigrations", "--check", "--dry-run")
    assert checked.returncode == 0 and "No changes detected" in checked.stdout, checked.stderr
    refused = _manage("check")  # any command that could run the portal still needs a real key
    assert refused.returncode != 0 and "SECRET_KEY must be set" in refused.stderr


def test_production_starts_with_a_real_key():
    result = load_settings(DEBUG="false", SECRET_KEY="a-real-production-key-" + "k" * 40)
    assert result.returncode == 0 and result.stdout.strip() == "False"


def test_debug_may_use_the_demo_key():
    assert load_settings(DEBUG="true").returncode == 0


def test_migrations_are_committed(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_requests_are_atomic_and_connections_checked():
    from django.conf import settings

    db = settings.DATABASES["default"]
    assert db["ATOMIC_REQUESTS"] and db["CONN_HEALTH_CHECKS"]


def test_collectstatic_works_with_production_storage(tmp_path):
    """The manifest storage rewrites references inside CSS/JS; a dangling one (e.g. a source map) fails deploys.
    Only what the portal serves is collected."""
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG",)}
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**clean, "DEBUG": "false", "SECRET_KEY": "collectstatic-test-key-" + "c" * 40,
             "STATIC_ROOT": str(tmp_path / "static"), "DJANGO_SETTINGS_MODULE": "osce_baku.settings"},
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()
    # What the browser tests alone use (axe-core, in tests/browser/vendor/) is not shipped with the portal's libraries.
    assert (tmp_path / "static" / "vendor" / "htmx" / "htmx.min.js").exists()
    assert not list((tmp_path / "static").rglob("axe*.js"))
