"""The embedded default (`make run`: SQLite, runserver) serves a dozen people signing in and working at once.

Before WAL, IMMEDIATE transactions and a busy timeout, two requests that both read and then wrote (a sign-in writes
the session, last_login and the session list) made SQLite refuse one with "database is locked": 11 of 12 parallel
sign-ins got the 503 page. This test starts the portal as `make run` does, on a SQLite file in a temporary folder
(whatever DATABASE_URL the rest of the suite uses, so it runs in CI too), and sends a dozen browsers at it at once.
"""

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
USERS = 12
ROUNDS = 3
PAGES = ("/", "/activities/", "/dashboard/", "/api/tokens/")
PASSWORD = "correct-horse-battery-1"  # accounts.tests.factories.PASSWORD, made by the seeding command below

SEED = f"""
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea
for n in range({USERS}):
    UserFactory(username=f"office{{n}}", role=Role.MANAGER if n % 3 == 0 else Role.STAFF,
                unit_areas=[UnitArea.POLICING])
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def embedded_portal(tmp_path):
    """The portal as `make run` serves it: DEBUG settings, SQLite file, in-process tasks, Django's runserver."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "PYTHONPATH")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env |= {
        "DJANGO_SETTINGS_MODULE": "osce_baku.settings",
        "ENV_FILE": os.devnull,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
    }

    def manage(*args, **kwargs):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, **kwargs
        )

    manage("migrate", "--noinput")
    manage("shell", "-c", SEED)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{url}/accounts/login/", timeout=5)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"runserver did not start: {server.stderr.read() if server.poll() else ''}")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


def _office_worker(url, username, start, results):
    session = requests.Session()
    for _round in range(ROUNDS):
        start.wait()
        login = session.get(f"{url}/accounts/login/", timeout=60)
        results.append(("login page", login.status_code))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
        signed_in = session.post(
            f"{url}/accounts/login/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{url}/accounts/login/"},
            allow_redirects=False,
            timeout=60,
        )
        results.append(("sign-in", signed_in.status_code))
        for path in PAGES:
            results.append((path, session.get(f"{url}{path}", timeout=60).status_code))
        logout = session.post(
            f"{url}/accounts/logout/",
            data={"csrfmiddlewaretoken": session.cookies["csrftoken"]},
            headers={"Referer": f"{url}/"},
            allow_redirects=False,
            timeout=60,
        )
        results.append(("sign-out", logout.status_code))


def test_a_dozen_people_sign_in_and_work_at_once_on_sqlite(embedded_portal):
    start = threading.Barrier(USERS)
    results = []
    threads = [
        threading.Thread(target=_office_worker, args=(embedded_portal, f"office{n}", start, results))
        for n in range(USERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert len(results) == USERS * ROUNDS * (3 + len(PAGES))  # every worker finished every round
    failures = [(what, status) for what, status in results if status >= 500]
    assert failures == []
    assert {status for what, status in results if what == "sign-in"} == {302}
    assert {status for what, status in results if what == "sign-out"} == {302}
