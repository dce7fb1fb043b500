"""The daily journey: staff log a training with partners and participants, import a sheet, submit; a manager
approves; the activity is then locked for staff."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from programmes.models import Activity, Programme, Project

from .conftest import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE_SHEET = Path(__file__).resolve().parents[2] / "docs" / "samples" / "attendance_sheet.xlsx"


def _add_participant(page, first, last, sex):
    page.get_by_role("link", name="Add participant").click()
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("Sex").select_option(sex)
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url("**/activities/*/")


def test_staff_log_a_training_and_a_manager_approves_it(browser_page):
    page = browser_page
    call_command("seed_reference")
    Project.objects.create(
        programme=Programme.objects.get(unit_area="assembly"), title="Public assembly management 2011",
        code="PAM-2011", funding="ub", start_date=datetime.date(2011, 1, 1), end_date=datetime.date(2012, 12, 31),
    )  # fmt: skip
    UserFactory(username="staff.training", role=Role.STAFF, unit_areas=["assembly"])
    UserFactory(username="manager", role=Role.MANAGER)

    sign_in(page, "staff.training", PASSWORD)
    page.get_by_role("link", name="Activities").click()
    page.get_by_role("link", name="New activity").click()
    page.get_by_label("Project").select_option(label="PAM-2011 Public assembly management 2011")
    page.get_by_label("Kind").select_option("training")
    page.get_by_label("Title").fill("Public assembly management training, Ganja")
    page.get_by_label("Start date").fill("2011-10-06")
    page.get_by_label("End date").fill("2011-10-07")
    page.get_by_label("Location").select_option(label="Ganja")
    partners = page.get_by_test_id("partner-formset")
    partners.locator("select[name='partners-0-partner']").select_option(label="Patrol Police (MIA-PP)")
    partners.locator("select[name='partners-0-role']").select_option("beneficiary")
    partners.locator("select[name='partners-1-partner']").select_option(
        label="Organization for Security and Co-operation in Europe (OSCE)"
    )
    partners.locator("select[name='partners-1-role']").select_option("organiser")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/activities/*/")
    assert page.get_by_test_id("partner-list").get_by_text("Patrol Police").is_visible()

    _add_participant(page, "Aysel", "Məmmədova", "female")
    _add_participant(page, "Elçin", "Quliyev", "male")
    _add_participant(page, "Şəbnəm", "Nəsirova", "female")

    page.get_by_role("link", name="Import sign-in sheet").click()
    page.get_by_label("Sign-in sheet (XLSX, XLS, ODS or CSV)").set_input_files(str(SAMPLE_SHEET))
    page.get_by_role("button", name="Check the file").click()
    assert "20 new people" in page.get_by_test_id("import-preview").inner_text()
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_url("**/activities/*/")
    assert page.get_by_test_id("participant-table").locator("tbody tr").count() == 23

    page.get_by_role("button", name="Mark as completed").click()
    page.get_by_role("button", name="Submit for approval").click()
    assert page.get_by_test_id("activity-status").inner_text() == "Submitted for approval"
    activity_url = page.url
    sign_out(page)

    sign_in(page, "manager", PASSWORD)
    page.get_by_role("link", name="Review").click()
    page.get_by_label("Select Public assembly management training, Ganja").check()
    page.get_by_role("button", name="Approve selected").click()
    assert page.get_by_text("Nothing is waiting for approval.").is_visible()
    sign_out(page)

    sign_in(page, "staff.training", PASSWORD)
    page.goto(activity_url)
    assert page.get_by_test_id("activity-status").inner_text() == "Approved"
    assert page.get_by_role("link", name="Edit", exact=True).count() == 0
    response = page.goto(activity_url + "edit/")
    assert response.status == 403
    activity = Activity.objects.get()
    assert (activity.status, activity.participants_total) == ("approved", 23)
    assert page.console_errors == []
