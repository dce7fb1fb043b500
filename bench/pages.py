"""Server time and query count of the main pages, measured in-process with Django's test client.

    DATABASE_URL=postgres://.../osce_bench_200 python bench/pages.py --label scale-200

Prints a table and writes bench/results/<label>.json. Times are the server's: middleware, views, queries and
templates, without the network. "Uncached" clears the cache before every request; "cached" repeats the request with
its figures already in the cache.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Production settings (cached templates, no debug bookkeeping), without TLS redirects on loopback.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osce_baku.settings")
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "b" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("REQUIRE_MFA", "none")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from programmes.models import Activity, Participation  # noqa: E402

PAGES = [
    ("overview dashboard (uncached)", "/dashboard/", True),
    ("overview dashboard (cached)", "/dashboard/", False),
    ("policing dashboard (uncached)", "/dashboard/policing/", True),
    ("off-track indicators, loaded after the dashboard (uncached)", "/dashboard/off-track/", True),
    ("activity list", "/activities/", False),
    ("activity list, filtered", "/activities/?unit_area=trafficking&status=approved", False),
    ("indicator page", "/indicators/", True),
]


def measure(client, url, clear_cache, repeat):
    times, queries = [], None
    client.get(url)  # warm up (and fill the cache for the cached case)
    for _ in range(repeat):
        if clear_cache:
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        times.append(elapsed)
        queries = len(ctx.captured_queries)
    times.sort()
    return {
        "queries": queries,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    client = Client()
    client.force_login(User.objects.get(username="manager"))
    results = {
        "label": args.label,
        "database": connection.vendor,
        "activities": Activity.objects.count(),
        "participations": Participation.objects.count(),
        "pages": {name: measure(client, url, clear, args.repeat) for name, url, clear in PAGES},
    }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"{args.label}.json").write_text(json.dumps(results, indent=2))
    print(f"{args.label}: {results['activities']} activities, {results['participations']} participations")
    for name, row in results["pages"].items():
        print(
            f"  {name:34} {row['queries']:3d} queries  median {row['median_ms']:8.1f} ms  p95 {row['p95_ms']:8.1f} ms"
        )


if __name__ == "__main__":
    main()
