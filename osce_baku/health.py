"""/health/: is this web process able to serve? Database, Redis, Celery workers and pending migrations.

Load balancers and anonymous callers get a plain "ok" (200) or "unavailable" (503) and nothing more: which part is
degraded tells an outsider where to push. Administrators who have passed the second factor (when they must use one)
get the detail as JSON. A missing Celery worker makes the portal degraded, not unavailable: pages still work, reports
wait; the detail shows it so monitoring can alert on it.
"""

import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from accounts import access, mfa

CELERY_PING_TIMEOUT = 1.0
CELERY_CACHE_SECONDS = 30
_migrations_checked_at = 0.0
MIGRATION_CHECK_SECONDS = 60


def check_database() -> str:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:  # noqa: BLE001 - any failure means the database is unusable for us
        return "unavailable"


def check_redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        return "ok" if client.ping() else "unavailable"
    except redis.RedisError:
        return "unavailable"


def check_celery(redis_state: str) -> str:
    """Do workers answer a ping? Cached briefly: a ping waits for replies, and probes come every few seconds."""
    if not settings.REDIS_URL:
        return "in-process"
    if redis_state != "ok":
        return "unavailable"
    cached = cache.get("health:celery")
    if cached:
        return cached
    from osce_baku.celery import app

    try:
        replies = app.control.ping(timeout=CELERY_PING_TIMEOUT)
    except Exception:  # noqa: BLE001 - broker hiccups mean "no worker we can see"
        replies = []
    state = f"ok ({len(replies)} worker{'s' if len(replies) != 1 else ''})" if replies else "no worker"
    cache.set("health:celery", state, CELERY_CACHE_SECONDS)
    return state


def check_migrations() -> str:
    """Pending migrations mean this code runs against an older schema. Once none are pending, recheck rarely."""
    global _migrations_checked_at
    if time.monotonic() - _migrations_checked_at < MIGRATION_CHECK_SECONDS:
        return "ok"
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # noqa: BLE001
        return "unknown"
    if pending:
        return f"{len(pending)} pending"
    _migrations_checked_at = time.monotonic()
    return "ok"


def run_checks() -> dict:
    checks = {"database": check_database()}
    checks["redis"] = check_redis()
    checks["celery"] = check_celery(checks["redis"])
    checks["migrations"] = check_migrations() if checks["database"] == "ok" else "unknown"
    return checks


def is_available(checks: dict) -> bool:
    return checks["database"] == "ok" and checks["redis"] in ("ok", "not configured") and checks["migrations"] == "ok"


@login_not_required
@never_cache
# Not for report jobs: with ATOMIC_REQUESTS the request would open a transaction before the view runs, and the probe
# must answer 503 when the database is down instead of failing on that.
@transaction.non_atomic_requests
def health(request):
    checks = run_checks()
    available = is_available(checks)
    status = 200 if available else 503
    # Only look at the user when the database answers: the session and user live there. /health/ is reachable before
    # the second factor (MFARequiredMiddleware lets it through for probes), so the detail waits for it here.
    user = request.user
    if checks["database"] == "ok" and access.is_administrator(user) and not mfa.second_factor_pending(user):
        return JsonResponse({"status": "ok" if available else "unavailable", "checks": checks}, status=status)
    return HttpResponse("ok" if available else "unavailable", status=status, content_type="text/plain")
