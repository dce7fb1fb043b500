"""Settings for the test suite: the real settings, read from the same environment, with a test-only key."""

import os
import tempfile
from pathlib import Path

# The suite (and every process it starts) ignores a developer's .env: tests set what they need themselves.
os.environ.setdefault("ENV_FILE", os.devnull)
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("ALLOW_DEMO_DATA", "true")

from .settings import *  # noqa: E402,F403

# Hashing with the production hasher makes every login in the suite slow, and proves nothing about our code.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest needs `collectstatic`; tests render templates without it. WhiteNoise serves from the finders.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = True

# Tests sign users in with force_login: two-factor sign-in is off unless a test turns it on (settings fixture).
REQUIRE_MFA = "none"
# The test client speaks plain http; the production redirect to https is tested with production settings.
SECURE_SSL_REDIRECT = False

# Every log record of the run also goes to a file, as JSON: tests/test_logs.py scans it for names of people.
TEST_LOG_FILE = Path(tempfile.gettempdir()) / f"osce-baku-test-logs-{os.getpid()}.jsonl"
LOGGING["handlers"]["test_file"] = {  # noqa: F405
    "class": "logging.FileHandler",
    "filename": str(TEST_LOG_FILE),
    "formatter": "json",
    "filters": ["request_context"],
    "delay": True,
}
LOGGING["root"]["handlers"] = [*LOGGING["root"]["handlers"], "test_file"]  # noqa: F405
