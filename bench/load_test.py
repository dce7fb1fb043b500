"""Load test: N signed-in users (default 50) request the activity list, the dashboard (or home) and an activity
page in a loop for D seconds (default 60) against a running portal; prints p50/p95 per page and the error count.

Standard library only (threads + http.client), so it runs anywhere the portal runs:

    .venv/bin/python bench/load_test.py --base http://127.0.0.1:8000 --username manager --password baku-demo-2011

Start the portal like production first (gunicorn, DEBUG off, PostgreSQL); see docs/performance.md. Each user signs
in once (its own session), so the login rate limit is not exercised; REQUIRE_MFA must be `none` for the bench user.
"""

import argparse
import http.client
import http.cookies
import re
import statistics
import threading
import time
import urllib.parse
from collections import defaultdict


class Session:
    def __init__(self, base):
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.cookies = {}
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            raise
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, response.headers, data

    def sign_in(self, username, password):
        status, _, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        status, headers, _ = self.request(
            "POST",
            "/accounts/login/",
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{self.host}:{self.port}/"},
        )
        if status != 302 or "/accounts/" in (headers.get("Location") or ""):
            raise SystemExit(f"sign-in failed for {username}: {status} {headers.get('Location')}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--username", default="manager")
    parser.add_argument("--password", default="baku-demo-2011")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()

    probe = Session(args.base)
    probe.sign_in(args.username, args.password)
    _, _, listing = probe.request("GET", "/activities/")
    activity = re.search(rb'href="(/activities/\d+/)"', listing).group(1).decode()
    status, _, _ = probe.request("GET", "/dashboard/")
    dashboard = "/dashboard/" if status == 200 else "/"
    pages = {"activity list": "/activities/", "dashboard": dashboard, "activity page": activity}

    timings, errors, lock = defaultdict(list), defaultdict(int), threading.Lock()
    sessions = []
    for _ in range(args.users):
        session = Session(args.base)
        session.sign_in(args.username, args.password)
        sessions.append(session)
    deadline = time.monotonic() + args.seconds

    def user(session):
        while time.monotonic() < deadline:
            for name, path in pages.items():
                started = time.perf_counter()
                try:
                    status, _, _ = session.request("GET", path)
                except (http.client.HTTPException, OSError):
                    status = 0
                elapsed = time.perf_counter() - started
                with lock:
                    timings[name].append(elapsed)
                    if status != 200:
                        errors[name] += 1

    threads = [threading.Thread(target=user, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    print(f"{args.users} users, {args.seconds} s, pages: {pages}")
    print("| page | requests | errors | p50 ms | p95 ms |")
    print("|---|---|---|---|---|")
    for name in pages:
        values = sorted(timings[name])
        p50 = statistics.median(values) * 1000
        p95 = values[int(len(values) * 0.95) - 1] * 1000
        print(f"| {name} ({pages[name]}) | {len(values)} | {errors[name]} | {p50:.0f} | {p95:.0f} |")
    total = sum(len(v) for v in timings.values())
    print(f"total {total} requests, {total / args.seconds:.0f}/s, errors {sum(errors.values())}")
    raise SystemExit(1 if sum(errors.values()) else 0)


if __name__ == "__main__":
    main()
