"""Helpers shared by the project-wide tests (a helper module, so that no test module imports another)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_settings(expression="settings.DEBUG", **env):
    """Loads the settings in a fresh interpreter, as a deployment would, with `env` instead of the test run's key and
    DEBUG, and prints `expression` there: the finished process, its output and exit code."""
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "ALLOW_DEMO_SECRET_KEY")}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='osce_baku.settings';"
            f"from django.conf import settings; print({expression})",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )
