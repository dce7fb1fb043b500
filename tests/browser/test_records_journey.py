"""Issue 17 §1-§2 journeys in a real browser, in Russian and Azerbaijani: an administrator finds and edits a partner
with a contact; community-policing staff add a group member and submit a recorded meeting from its own page."""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from policing.models import CagMember
from policing.tests.factories import CagFactory, CagMeetingFactory
from programmes.models import Contact, Partner

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _use_language(page, language):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": page.url}])


def test_administrator_finds_and_edits_a_partner_in_russian(browser_page):
    page = browser_page
    call_command("seed_reference")
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    sign_in(page, "admin", PASSWORD)
    _use_language(page, "ru")

    page.goto("/partners/")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.locator("input[name='q']").fill("Dovlet Tahlukasizlik")  # Dövlət Təhlükəsizlik Xidməti, typed without ə/ö
    page.locator("form[method='get'] button[type='submit']").click()
    rows = page.get_by_test_id("partner-table").locator("tbody tr")
    assert rows.count() == 1
    rows.locator("a").first.click()
    assert "Министерство национальной безопасности" in page.get_by_test_id("former-names").inner_text()

    page.locator("a[href$='/edit/']").click()
    page.locator("input[name='contacts-0-name']").fill("Rəşad Hüseynov")
    page.locator("input[name='contacts-0-position']").fill("Отдел международного сотрудничества")
    page.locator("input[name='website']").fill("https://dtx.gov.az")
    page.get_by_role("button", name="Сохранить").click()  # "Save"
    page.wait_for_url("**/partners/*/")
    assert "Rəşad Hüseynov" in page.get_by_test_id("contacts").inner_text()

    page.locator("a[href$='/history/']").click()
    assert "dtx.gov.az" in page.get_by_test_id("field-changes").inner_text()
    partner = Partner.objects.get(acronym="DTX")
    assert partner.website == "https://dtx.gov.az" and Contact.objects.get(partner=partner).name == "Rəşad Hüseynov"


def test_policing_staff_add_a_member_and_submit_a_meeting_in_azerbaijani(browser_page):
    page = browser_page
    cag = CagFactory(police_department="Gəncə şəhər polis idarəsi")
    meeting = CagMeetingFactory(cag=cag, activity__status="completed", activity__start_date=datetime.date(2012, 3, 1))
    UserFactory(username="staff.policing", role=Role.STAFF, unit_areas=["policing"])
    sign_in(page, "staff.policing", PASSWORD)
    _use_language(page, "az")

    page.goto(f"/policing/groups/{cag.pk}/")
    assert page.locator("html").get_attribute("lang") == "az"
    page.get_by_test_id("group-records").locator("a[href*='/records/members/in/']").click()
    page.locator("a[href$='/new/']").click()
    page.locator("select[name='sector']").select_option("school")
    page.locator("select[name='sex']").select_option("female")
    page.locator("input[name='joined_on']").fill("2012-01-10")
    page.get_by_role("button", name="Yadda saxla").click()  # "Save"
    page.wait_for_url(f"**/records/members/in/{cag.pk}/")
    assert page.get_by_test_id("record-table").locator("tbody tr").count() == 1
    assert CagMember.objects.get(cag=cag).sector == "school"

    page.goto(f"/policing/meetings/{meeting.pk}/")
    page.get_by_test_id("meeting-steps").locator("button[value='submit']").click()
    page.wait_for_url(f"**/policing/meetings/{meeting.pk}/")
    meeting.activity.refresh_from_db()
    assert meeting.activity.status == "submitted"
    assert page.get_by_test_id("meeting-steps").locator("button[value='submit']").count() == 0
