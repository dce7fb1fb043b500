"""Accessibility: axe-core on every main page in every language, and the activity form used with the keyboard alone.

The demo data is built once for the module (seeding takes seconds) and served by a live server of this module's own:
pytest-django's `live_server` would make every test transactional and flush the data after the first one. The data is
flushed when the module ends and what the migrations had written is restored, so the tests after it start from the
database they expect.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from accounts.units import UnitArea
from programmes.demo_data import DEMO_PASSWORD
from tests.services import CHROMIUM

from .conftest import LAUNCH_ARGS, sign_in

# django_db makes pytest-django create the test database (without it, connections would stay on the real one); each
# test runs in a transaction that undoes what it wrote, while the module's seeded data stays until the module ends.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Only the tests use axe-core, so it is kept beside them rather than in the static files the portal serves.
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


def _pages_by_user():
    """(username or None for anonymous, [(name, path)]) for every main page, with ids taken from the demo data."""
    from django.contrib.auth import get_user_model

    from counterterrorism.models import EventDetail, Strategy
    from policing.models import CagMeeting, CommunityAdvisoryGroup
    from programmes.models import Activity, Indicator, Partner
    from programmes.workflow import LOCKED_FOR_STAFF
    from reports.models import ReportJob
    from trafficking.models import Measure, NationalActionPlan
    from training.models import Course, Publication, TrainingDetail

    def first(model):
        return model.objects.order_by("pk").first()

    activities = Activity.objects.order_by("pk")
    roster = activities.filter(participant_mode="roster", participants_women__gt=0).first()
    headcount = activities.filter(participant_mode="headcount").first()
    policing_roster = activities.filter(unit_area=UnitArea.POLICING, participant_mode="roster")
    editable = policing_roster.exclude(status__in=LOCKED_FOR_STAFF).first()
    manager = get_user_model().objects.get(username="manager")
    job = ReportJob.objects.create(
        kind="activity_register",
        format="csv",
        unit_areas=[UnitArea.POLICING.value],
        parameters={"unit_area": UnitArea.POLICING.value},
        requested_by=manager,
    )
    return [
        (None, [("login", "/accounts/login/")]),
        (
            "manager",
            [
                ("home", "/"),
                ("activity list", "/activities/"),
                ("activity detail (roster)", f"/activities/{roster.pk}/"),
                ("activity detail (headcount)", f"/activities/{headcount.pk}/"),
                ("review queue", "/activities/review/"),
                ("dashboard overview", "/dashboard/"),
                ("unit dashboard", f"/dashboard/{UnitArea.POLICING.value}/"),
                ("indicator list", "/indicators/"),
                ("indicator detail", f"/indicators/{first(Indicator).pk}/"),
                ("reports list", "/reports/"),
                ("report request", "/reports/new/"),
                ("report job", f"/reports/{job.pk}/"),
                ("policing", "/policing/"),
                ("policing rollout", "/policing/rollout/"),
                ("CAG detail", f"/policing/groups/{first(CommunityAdvisoryGroup).pk}/"),
                ("CAG meeting", f"/policing/meetings/{first(CagMeeting).pk}/"),
                ("overdue actions", "/policing/actions/overdue/"),
                ("training", "/training/"),
                ("training reach", "/training/reach/"),
                ("training learning", "/training/learning/"),
                ("course", f"/training/courses/{first(Course).pk}/"),
                ("training detail", f"/training/trainings/{first(TrainingDetail).activity_id}/"),
                ("publications", "/training/publications/"),
                ("publication", f"/training/publications/{first(Publication).pk}/"),
                ("counter-terrorism", "/counterterrorism/"),
                ("CT beneficiaries", "/counterterrorism/beneficiaries/"),
                ("CT strategies", "/counterterrorism/strategies/"),
                ("CT strategy detail", f"/counterterrorism/strategies/{first(Strategy).pk}/"),
                ("CT events", "/counterterrorism/events/"),
                ("CT event", f"/counterterrorism/events/{first(EventDetail).activity_id}/"),
                ("trafficking", "/trafficking/"),
                ("NAP plan coverage", f"/trafficking/plans/{first(NationalActionPlan).pk}/"),
                ("NAP measure", f"/trafficking/measures/{first(Measure).pk}/"),
                ("NRM", "/trafficking/nrm/"),
                ("co-sponsorship", "/trafficking/cosponsorship/"),
                ("API tokens", "/api/tokens/"),
                ("activity history", f"/activities/{roster.pk}/history/"),
                ("two-factor sign-in", "/accounts/mfa/"),
            ],
        ),
        (
            "staff.policing",
            [
                ("activity form (new)", "/activities/new/"),
                ("activity form (edit)", f"/activities/{editable.pk}/edit/"),
                ("participant form", f"/activities/{editable.pk}/participants/add/"),
                ("participant import", f"/activities/{editable.pk}/participants/import/"),
                ("evidence form", f"/activities/{editable.pk}/evidence/add/"),
                ("CAG meeting form", f"/policing/groups/{first(CommunityAdvisoryGroup).pk}/meetings/add/"),
                ("CAG members", f"/policing/records/members/in/{first(CommunityAdvisoryGroup).pk}/"),
                ("CAG member form", f"/policing/records/members/in/{first(CommunityAdvisoryGroup).pk}/new/"),
                ("CAG group history", f"/policing/records/groups/{first(CommunityAdvisoryGroup).pk}/history/"),
            ],
        ),
        (
            "admin",
            [
                ("audit", "/audit/"),
                ("audit access log", "/audit/access/"),
                ("interop", "/interop/"),
                ("interop partners", "/interop/partners/"),
                ("CT strategy form", "/counterterrorism/strategies/new/"),
                ("NAP measure form", f"/trafficking/plans/{first(NationalActionPlan).pk}/measures/new/"),
                ("NRM entry form", "/trafficking/nrm/new/"),
                ("NRM import", "/trafficking/nrm/import/"),
                ("partners", "/partners/?q=police"),
                ("partner", f"/partners/{first(Partner).pk}/"),
                ("partner form", f"/partners/{first(Partner).pk}/edit/"),
                (
                    "partner merge",
                    f"/partners/{first(Partner).pk}/merge/?duplicate={Partner.objects.order_by('-pk')[0].pk}",
                ),
            ],
        ),
    ]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("a11y-media")), django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"refusing to seed and flush {name}: not a test database"
        # What migrations put in the database (role groups, reference rows) is put back after the flush.
        migrated = connection.creation.serialize_db_to_string()
        try:
            call_command("seed_reference", stdout=StringIO())
            call_command("seed_demo", stdout=StringIO())
            pages = _pages_by_user()
            server = LiveServer("localhost")
            try:
                yield server.url, pages
            finally:
                server.stop()
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(migrated)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _new_page(browser, base_url, username, language="en"):
    # axe is injected as a script tag; the portal's CSP (rightly) forbids that, so this context bypasses it.
    context = browser.new_context(base_url=base_url, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    if username:
        sign_in(page, username, DEMO_PASSWORD)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}])
    return page


def _wait_for_fragments(page):
    """Parts loaded after the page (HTMX, hx-trigger="load", swapped outerHTML) are checked too."""
    page.wait_for_function("() => !document.querySelector('[hx-trigger=\"load\"]')")


def _axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


def _describe(violation):
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:8])
    more = len(violation["nodes"]) - 8
    first = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")
    return f"{violation['id']} ({violation['impact']}): {targets}{f' and {more} more' if more > 0 else ''} [{first}]"


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_main_pages_have_no_serious_accessibility_violations(demo_site, browser, language):
    base_url, pages_by_user = demo_site
    problems = []
    for username, pages in pages_by_user:
        page = _new_page(browser, base_url, username, language)
        try:
            for name, path in pages:
                response = page.goto(path)
                assert response.ok, f"{name} ({path}) as {username}: HTTP {response.status}"
                _wait_for_fragments(page)
                assert page.locator("html").get_attribute("lang") == language, f"{name} is not in {language}"
                problems += [f"{name} ({path}) as {username}: {_describe(v)}" for v in _axe_violations(page)]
                if name == "activity form (new)":  # and the same form sent empty, with its error messages
                    page.locator("main form button[type=submit]").last.click()
                    page.locator(".invalid-feedback").first.wait_for()
                    problems += [f"activity form errors as {username}: {_describe(v)}" for v in _axe_violations(page)]
                if name == "participant form":  # and the people search results it loads while one types
                    page.locator("#people-search").fill("ay")
                    page.locator("#people-results > *").first.wait_for()
                    problems += [f"people search results as {username}: {_describe(v)}" for v in _axe_violations(page)]
        finally:
            page.context.close()
    assert not problems, f"Serious or critical axe violations in {language}:\n" + "\n".join(problems)


_FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return {id: el.id, tag: el.tagName, name: el.getAttribute('name'), text: (el.innerText || '').trim(),
          visible: outline || style.boxShadow !== 'none',
          style: [style.outlineStyle, style.outlineWidth, style.boxShadow]};
}"""
_FOLLOWS_PREVIOUS = """(previous) => {
  const before = window.__a11yPrevious, now = document.activeElement;
  window.__a11yPrevious = now;
  // Tab also walks the day, month and year parts of a date input: the same element again is not backwards.
  return !previous || before === now || !!(before.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


def test_activity_form_works_with_the_keyboard_alone(demo_site, browser):
    base_url, _ = demo_site
    page = _new_page(browser, base_url, "staff.policing")
    try:
        page.goto("/activities/new/")
        page.keyboard.press("Tab")
        first = page.evaluate(_FOCUS_STATE)
        assert first["text"] == "Skip to content" and first["visible"], first
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "main"

        form_fields = page.locator("main form").first.locator(
            "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])"
        )
        expected = set(form_fields.evaluate_all("els => els.map(e => e.name)"))
        reached, previous = [], None
        for _ in range(80):
            page.keyboard.press("Tab")
            if not page.evaluate("() => !!document.activeElement.closest('main form')"):
                if reached:
                    break
                continue
            state = page.evaluate(_FOCUS_STATE)
            assert page.evaluate(_FOLLOWS_PREVIOUS, previous), f"focus went backwards to {state}"
            assert state["visible"], f"no visible focus on {state}"
            reached.append(state["name"] or state["text"])
            previous = state
        missing = expected - set(reached)
        assert not missing, f"fields never reached with Tab: {missing}"
    finally:
        page.context.close()
