"""Fixed cost of the main pages against a bare Django view (issue 15), two ways.

    DATABASE_URL=postgres://.../osce_perf_bench python bench/throughput.py cpu   # CPU ms per request, in-process
    DATABASE_URL=postgres://.../osce_perf_bench python bench/throughput.py wrk   # gunicorn + wrk, requests/s
    DATABASE_URL=postgres://.../osce_perf_bench python bench/throughput.py profile --url /activities/
    DATABASE_URL=postgres://.../osce_perf_bench python bench/throughput.py nodes --url /policing/  # per template node

`cpu` times each page with `time.process_time()` around Django's test client (the median of --repeat requests), so
it counts this process's CPU only and stays readable on a shared, busy machine. `wrk` serves the portal as in
production (gunicorn, 2 sync workers, DEBUG off) and runs wrk (2 threads, 20 connections) against each page in turn,
the bare view first and last; the figures move with whatever else runs on the machine, the ratios less so.

Both print each page's share of the bare view (bare cost / page cost): the target is at least 10%. The bare view is
served behind Django's default middleware (bench/settings.py); "bare view, portal middleware" is the same view behind
the portal's own stack, signed in, so the difference is what the stack costs every page.
"""

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "b" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("REQUIRE_MFA", "none")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from accounts.models import User  # noqa: E402
from programmes.models import Activity  # noqa: E402

BARE = "/bench/bare/"


def pages():
    activity = Activity.objects.order_by("id").first()
    return [
        ("bare view, portal middleware", BARE),
        ("activity list", "/activities/"),
        ("dashboard (cached figures)", "/dashboard/"),
        ("activity page", f"/activities/{activity.pk}/"),
        ("policing home", "/policing/"),
        ("training home", "/training/"),
        ("counter-terrorism home", "/counterterrorism/"),
        ("trafficking home", "/trafficking/"),
    ]


def report(rows, unit, bare_value, higher_is_better):
    print(f"{'page':34} {unit:>12} {'share of bare view':>20}")
    print(f"{'bare Django view':34} {bare_value:12.2f} {'100.0%':>20}")
    for name, value in rows:
        share = value / bare_value if higher_is_better else bare_value / value
        print(f"{name:34} {value:12.2f} {share:19.1%}")


def cpu_per_request(client, url, repeat):
    client.get(url)  # warm up: templates compiled, figures cached
    times = []
    for _ in range(repeat):
        start = time.process_time()
        response = client.get(url)
        times.append((time.process_time() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def run_cpu(args):
    manager = User.objects.get(username=args.user)
    with override_settings(MIDDLEWARE=_default_middleware()):
        bare = cpu_per_request(Client(), BARE, args.repeat)
    client = Client()
    client.force_login(manager)
    rows = [(name, cpu_per_request(client, url, args.repeat)) for name, url in pages()]
    report(rows, "CPU ms/req", bare, higher_is_better=False)


def run_profile(args):
    """cProfile of --repeat requests to one page: where its CPU goes, by cumulative and by own time."""
    import cProfile
    import pstats

    client = Client()
    client.force_login(User.objects.get(username=args.user))
    client.get(args.url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.repeat):
        client.get(args.url)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def run_nodes(args):
    """CPU per template node (inclusive of the nodes inside it) over --repeat requests to one page: which part of a
    page's templates costs what, which cProfile shows only as Django's own render functions."""
    import collections

    from django.template import base

    client = Client()
    client.force_login(User.objects.get(username=args.user))
    client.get(args.url)
    spent, calls = collections.defaultdict(float), collections.Counter()
    render_annotated = base.Node.render_annotated

    def timed(node, context):
        start = time.process_time()
        try:
            return render_annotated(node, context)
        finally:
            token = getattr(node, "token", None)
            where = (getattr(node.origin, "template_name", "?"), token.lineno if token else 0)
            label = (*where, type(node).__name__, token.contents[:60] if token else "")
            spent[label] += time.process_time() - start
            calls[label] += 1

    base.Node.render_annotated = timed
    try:
        for _ in range(args.repeat):
            client.get(args.url)
    finally:
        base.Node.render_annotated = render_annotated
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1])[:30]:
        print(f"{seconds / args.repeat * 1000:7.2f} ms  x{calls[label] / args.repeat:4.0f}  {label}")


def _default_middleware():
    env = dict(os.environ, BENCH_DEFAULT_MIDDLEWARE="1")
    code = "import bench.settings as s; print('\\n'.join(s.MIDDLEWARE))"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


def session_cookie(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get("/")  # the session timeout middleware stamps the sign-in time
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def start_gunicorn(port, default_middleware):
    env = dict(os.environ, BENCH_DEFAULT_MIDDLEWARE="1" if default_middleware else "0")
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    cmd = [gunicorn, "osce_baku.wsgi", "-b", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    for _ in range(100):
        time.sleep(0.2)
        if subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}{BARE}"]).returncode == 0:
            return proc
    stop(proc)
    raise SystemExit("gunicorn did not start")


def stop(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


def wrk(port, url, seconds, cookie=None):
    cmd = ["wrk", "-t2", "-c20", f"-d{seconds}s", "--latency"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*cmd, f"http://127.0.0.1:{port}{url}"], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"{url}: non-2xx answers\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def run_wrk(args):
    cookie = session_cookie(args.user)
    bare_runs = []
    proc = start_gunicorn(args.port, default_middleware=True)
    try:
        wrk(args.port, BARE, 2)  # warm up both workers
        bare_runs.append(wrk(args.port, BARE, args.seconds))
    finally:
        stop(proc)
    proc = start_gunicorn(args.port, default_middleware=False)
    rows = []
    try:
        for name, url in pages():
            wrk(args.port, url, 2, cookie)
            rows.append((name, wrk(args.port, url, args.seconds, cookie)))
    finally:
        stop(proc)
    proc = start_gunicorn(args.port, default_middleware=True)
    try:
        wrk(args.port, BARE, 2)
        bare_runs.append(wrk(args.port, BARE, args.seconds))
    finally:
        stop(proc)
    print(f"bare view, first and last run: {bare_runs[0]:.0f} and {bare_runs[1]:.0f} req/s")
    report(rows, "req/s", statistics.mean(bare_runs), higher_is_better=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["cpu", "wrk", "profile", "nodes"])
    parser.add_argument("--url", default="/activities/")
    parser.add_argument("--user", default="manager")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--port", type=int, default=8795)
    args = parser.parse_args()
    {"cpu": run_cpu, "wrk": run_wrk, "profile": run_profile, "nodes": run_nodes}[args.mode](args)


if __name__ == "__main__":
    main()
