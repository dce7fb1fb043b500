"""Every URL of the portal, walked once per persona, with the status each must get."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.personas import PERSONAS
from tests.routes import ROUTES, named_patterns
from tests.url_access import LOGIN


def test_every_url_has_an_expected_entry():
    missing = sorted(set(named_patterns()) - set(ROUTES))
    assert not missing, f"URLs without a row in a url_access ROUTES table: {missing}"


def test_every_entry_names_a_real_url():
    unknown = sorted(set(ROUTES) - set(named_patterns()))
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
