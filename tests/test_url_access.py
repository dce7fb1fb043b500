"""Every URL of the portal, walked once per persona, with the status each must get."""

import importlib

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.personas import PERSONAS
from tests.url_access import CORE_ROUTES, LOGIN

# Namespaces covered by their own walk below, and patterns that are not views of ours.
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


def _named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in SEPARATELY_COVERED:
                continue
            yield from _named_patterns(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern):
            if str(pattern.pattern).startswith("^static/"):
                continue
            yield f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {pattern.pattern}>"


def test_every_url_has_an_expected_entry():
    missing = sorted(set(_named_patterns()) - set(ROUTES))
    assert not missing, f"URLs without a row in a url_access ROUTES table: {missing}"


def test_every_entry_names_a_real_url():
    unknown = sorted(set(ROUTES) - set(_named_patterns()))
    assert not unknown, f"ROUTES rows for URLs that no longer exist: {unknown}"


def test_every_entry_covers_every_persona():
    incomplete = sorted(name for name, route in ROUTES.items() if set(route.expect) != set(PERSONAS))
    assert not incomplete, f"ROUTES rows that miss a persona: {incomplete}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_url_access(name, personas, url_objects):
    route = ROUTES[name]
    url = reverse(name, args=route.args(url_objects)) + route.query
    for persona in PERSONAS:
        response = personas[persona].get(url)
        expected = route.expect[persona]
        if expected == LOGIN:
            assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), (
                f"{persona} GET {name}: expected a redirect to sign in, got {response.status_code}"
            )
        else:
            assert response.status_code == expected, f"{persona} GET {name}: {response.status_code} != {expected}"


ADMIN_EXPECT = {"anonymous": 302, "staff_same_unit": 302, "staff_other_unit": 302, "manager": 302, "administrator": 200}


@pytest.mark.django_db
def test_admin_is_for_administrators_only(personas):
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    for url in urls:
        for persona, expected in ADMIN_EXPECT.items():
            status = personas[persona].get(url).status_code
            assert status == expected, f"{persona} GET {url}: {status} != {expected}"
