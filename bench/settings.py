"""Settings for the throughput bench: the portal's production settings plus one bare view to compare against.

The bare view (`/bench/bare/`, `HttpResponse("ok")`) is served by the same process as the pages, so the bench
compares them side by side. BENCH_DEFAULT_MIDDLEWARE=1 swaps in Django's default middleware, which is what
"a bare Django view" means in issue 15; the portal's own stack (CSP, MFA gate, session timeouts...) is then measured
as the difference between the two bare-view figures.
"""

import os

from osce_baku.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

if os.environ.get("BENCH_DEFAULT_MIDDLEWARE") == "1":
    # What `django-admin startproject` writes.
    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
