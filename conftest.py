"""Root test configuration: settings for tests, persona users, and the rule that CI runs everything.

Tests that need PostgreSQL, Redis, a Celery worker or Chromium skip on a laptop that lacks them, but under CI=true a
missing service fails the run, so CI always runs the whole suite.
"""

import pytest

from tests.services import require_service

pytest_plugins = ["tests.personas"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fresh_cached_pages():
    """Cached figures and page fragments are keyed by version numbers that writes bump; a test's writes are rolled
    back, the bumps are not, so each test starts on new versions rather than on HTML cached from another's data.
    (Bumping, not cache.clear(): under CI the cache is the Redis that also carries Celery's queue.)"""
    from accounts import user_facts
    from programmes import dashboard, fragments

    dashboard.bump(dashboard.VERSION_KEY)
    dashboard.bump(fragments.REFERENCE_VERSION_KEY)
    user_facts.bump_generation()  # user ids come again in a new test database; cached roles must not


@pytest.fixture
def migrator(transactional_db):
    """Moves the test database to an older migration state (`migrator(targets)` returns that state's apps) and,
    afterwards, back to the latest migration of every app: a data-migration test that stopped at its own migration
    would leave later tests without the tables of every migration after it."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        executor.loader.build_graph()
        return executor.loader.project_state(targets).apps

    yield migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def pytest_collection_modifyitems(config, items):
    for item in items:
        for marker in ("postgres", "redis", "celery_worker", "browser"):
            if item.get_closest_marker(marker):
                reason = require_service(marker)
                if reason:
                    item.add_marker(pytest.mark.skip(reason=reason))
