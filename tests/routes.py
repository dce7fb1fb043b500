"""The role x URL table gathered from every app, and every named URL pattern of the project: what
tests/test_url_access.py checks against each other, and what other tests classify URLs by (a helper module, so
that no test module imports another)."""

import importlib

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from tests.url_access import CORE_ROUTES

# Namespaces covered by their own walk (tests/test_url_access.py walks the admin), and patterns that are not views
# of ours.
SEPARATELY_COVERED = {"admin"}


def _all_routes():
    routes = list(CORE_ROUTES)
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.url_access")
        except ModuleNotFoundError:
            continue
        routes.extend(module.ROUTES)
    return {route.name: route for route in routes}


ROUTES = _all_routes()


def named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in SEPARATELY_COVERED:
                continue
            yield from named_patterns(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern):
            if str(pattern.pattern).startswith("^static/"):
                continue
            yield f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {pattern.pattern}>"
