"""HiGHS prints nothing: the audit runs inside web and worker processes whose stdout is the JSON log."""

import subprocess
import sys

from django.conf import settings

AUDIT = (
    "from trafficking.disclosure import Figures\n"
    "print(Figures({'a': 1, 'b': 1, 'c': 10, 't': 12}, [('t', ['a', 'b', 'c'])], limit=5).protect()[0])\n"
)


def test_the_audit_prints_no_solver_banner():
    # A fresh process: the banner comes once per process, so an earlier test in this one would hide it.
    result = subprocess.run(
        [sys.executable, "-c", AUDIT], capture_output=True, text=True, cwd=settings.BASE_DIR, check=True, timeout=60
    )
    assert result.stdout.strip() == "{'a': 'primary', 'b': 'primary', 'c': 'secondary'}"
    assert "HiGHS" not in result.stdout + result.stderr
