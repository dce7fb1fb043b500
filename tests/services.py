"""Which outside services this machine has, for tests that need them."""

import os
import shutil
import socket
from functools import cache
from urllib.parse import urlparse

from django.conf import settings

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class MissingServiceInCIError(RuntimeError):
    pass


def _redis_answers() -> bool:
    url = settings.REDIS_URL
    if not url:
        return False
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _playwright_ready() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return shutil.which(CHROMIUM) is not None or os.path.exists(CHROMIUM)


@cache
def require_service(kind: str) -> str | None:
    """None when the service is here; otherwise the reason to skip. Under CI=true a missing service is an error."""
    if kind == "postgres":
        ok, why = settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), "DATABASE_URL is not PostgreSQL"
    elif kind in ("redis", "celery_worker"):
        ok, why = _redis_answers(), "REDIS_URL is unset or Redis does not answer"
    elif kind == "browser":
        ok, why = _playwright_ready(), f"playwright or {CHROMIUM} is missing"
    else:
        raise ValueError(kind)
    if ok:
        return None
    if IN_CI:
        raise MissingServiceInCIError(f"CI=true but {why}: CI must run every test.")
    return why
