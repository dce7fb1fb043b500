"""A place name carrying HTML reaches the map tooltips of the dashboard and the CAG rollout as text, never as markup."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from policing.tests.factories import CagFactory
from programmes.tests.factories import ActivityFactory, LocationFactory

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INJECTED = '<img src="/static/missing.png" id="injected" class="injected">'


def _tooltip_after_hovering(page, marker_selector):
    page.wait_for_selector(marker_selector, state="attached")
    # Leaflet opens a layer's tooltip on its mouseover; dispatching it avoids the outline drawn over the markers.
    page.locator(marker_selector).first.dispatch_event("mouseover")
    tooltip = page.locator(".leaflet-tooltip").first
    tooltip.wait_for()
    return tooltip


def test_a_place_name_with_html_shows_as_text_in_both_map_tooltips(browser_page):
    page = browser_page
    UserFactory(username="manager", role=Role.MANAGER)
    place = LocationFactory(code="AZ-XSS", name=INJECTED, latitude="40.40930", longitude="49.86710")
    recent = timezone.localdate() - datetime.timedelta(days=30)
    ActivityFactory(location=place, status="approved", start_date=recent, end_date=recent)
    CagFactory(location=place)

    sign_in(page, "manager", PASSWORD)
    page.goto("/dashboard/")
    tooltip = _tooltip_after_hovering(page, "path.leaflet-interactive[stroke='#b8336a']")
    assert INJECTED in tooltip.inner_text()
    assert page.locator(".leaflet-tooltip img, #injected").count() == 0

    page.goto("/policing/rollout/")
    tooltip = _tooltip_after_hovering(page, "path.leaflet-interactive[fill='#198754']")
    assert INJECTED in tooltip.inner_text()
    assert page.locator(".leaflet-tooltip img, #injected").count() == 0
    assert page.console_errors == []
