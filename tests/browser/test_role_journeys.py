"""Issue 17's journeys for a manager (in Russian) and trafficking staff (in Azerbaijani), each user's language taken
from their profile at sign-in. The catalogues may not yet hold this issue's newest strings, so the steps find links
and buttons by their targets and values, and the checks read data, URLs and the records behind the pages."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory
from osce_baku.celery import app as celery_app
from programmes.models import Activity, ImportRun
from programmes.tests.factories import ActivityFactory, LocationFactory, ParticipationFactory
from reports.models import ReportJob
from trafficking.models import NrmStatistic
from trafficking.tests.factories import NrmStatisticFactory

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reports_in_process():
    """The report runs inside the live server's request, as it does with no broker configured."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def _home(page):
    page.locator("a.navbar-brand").click()
    page.wait_for_url(lambda url: url.rstrip("/").count("/") == 2)  # http://host:port/


def test_manager_filters_follows_a_figure_approves_and_gets_a_report_in_russian(browser_page, reports_in_process):
    page = browser_page
    UserFactory(username="manager.ru", role=Role.MANAGER, language="ru")
    month_ago = timezone.localdate() - datetime.timedelta(days=30)
    ganja, guba = LocationFactory(code="AZ-GA", name="Ganja"), LocationFactory(code="AZ-QBA", name="Guba")
    for location, title in ((ganja, "Training in Ganja"), (guba, "Training in Guba"), (guba, "Meeting in Guba")):
        ParticipationFactory(activity=ActivityFactory(title=title, location=location, status="approved",
                                                      start_date=month_ago, end_date=month_ago))  # fmt: skip
    waiting = [ActivityFactory(title=f"Workshop {n} to approve", location=ganja, status="submitted",
                               start_date=month_ago, end_date=month_ago) for n in (1, 2)]  # fmt: skip

    sign_in(page, "manager.ru", PASSWORD)
    assert page.locator("html").get_attribute("lang") == "ru"

    # Filter the dashboard by place, and follow the activities figure to the list behind it.
    page.locator("nav a[href='/dashboard/']").first.click()
    filters = page.get_by_test_id("dashboard-filters")
    filters.locator("select[name=location]").select_option(str(guba.pk))
    filters.locator("button[type=submit]").click()
    page.wait_for_url(f"**/dashboard/?*location={guba.pk}*")
    assert page.get_by_test_id("figure-activities").inner_text().endswith("2")
    page.get_by_test_id("figure-activities").click()
    page.wait_for_url("**/activities/?*")
    titles = page.get_by_test_id("activity-table").locator("tbody tr td:first-child a").all_inner_texts()
    assert sorted(titles) == ["Meeting in Guba", "Training in Guba"]

    # From the home page, bulk review: approve both waiting workshops at once.
    _home(page)
    page.get_by_test_id("bulk-review").click()
    page.wait_for_url("**/activities/review/")
    for activity in waiting:
        page.locator(f"#review-{activity.pk}").check()
    with page.expect_navigation():
        page.locator("button[name=action][value=approve]").click()
    statuses = Activity.objects.filter(pk__in=[a.pk for a in waiting]).values_list("status", flat=True)
    assert set(statuses) == {"approved"}
    assert page.get_by_test_id("review-table").count() == 0

    # Request the activity register and watch it finish; it is built in the manager's language.
    page.locator("nav a[href='/reports/']").first.click()
    page.locator("a[href='/reports/new/']").first.click()
    # The activity register is the first kind, already chosen: choosing it again would swap the fields (HTMX) under
    # the format about to be picked.
    assert page.locator("select[name=kind]").input_value() == "activity_register"
    page.locator("select[name=format]").select_option("xlsx")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/reports/*/")
    page.locator("#job-progress a[href$='/download/']").wait_for()
    job = ReportJob.objects.get()
    assert (job.status, job.language, job.requested_by.username) == ("done", "ru", "manager.ru")
    with page.expect_download() as download:
        page.locator("#job-progress a[href$='/download/']").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert page.console_errors == []


def _nrm_sheet(extra_heading=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    headings = ["Year", "Quarter", "Sex", "Age band", "Form of exploitation", "Nationality group", "Stage", "Count"]
    sheet.append([*headings, extra_heading] if extra_heading else headings)
    sheet.append([2023, None, "female", "adult", "sexual", "national", "identified", 14])
    sheet.append([2023, None, "male", "adult", "labour", "national", "identified", 9])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _check_sheet(page, name, content):
    page.locator("input[name=file]").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": content}
    )
    with page.expect_navigation():
        page.locator("main form[enctype] button[type=submit]").click()


def test_trafficking_staff_read_withheld_nrm_lines_and_import_a_sheet_in_azerbaijani(browser_page):
    page = browser_page
    UserFactory(username="staff.thb", role=Role.STAFF, unit_areas=["trafficking"], language="az")
    # Three convictions in 2021, one in each category of every breakdown: the line is withheld, not shown as "<5".
    for sex, age, form, nationality in (("female", "adult", "sexual", "national"), ("male", "child", "labour",
                                        "foreign"), ("unknown", "unknown", "begging", "stateless")):  # fmt: skip
        NrmStatisticFactory(year=2021, stage="convictions", sex=sex, age_band=age, exploitation=form,
                            nationality=nationality, count=1)  # fmt: skip
    NrmStatisticFactory(year=2022, stage="convictions", count=20)

    sign_in(page, "staff.thb", PASSWORD)
    assert page.locator("html").get_attribute("lang") == "az"
    page.locator("nav a[href='/trafficking/']").first.click()
    page.locator("a[href='/trafficking/nrm/']").first.click()
    page.locator("select[name=year]").select_option("2021")
    page.locator("main form[method=get] button").click()
    page.wait_for_url("**/trafficking/nrm/?year=2021")
    lines = page.locator("main table tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.querySelectorAll('td')).map(td => td.innerText.trim()))"
    )
    withheld = [cells for cells in lines if cells and all(cell == ".." for cell in cells)]
    assert withheld  # the convictions line by sex: every cell and the total withheld
    assert "1" not in {cell for cells in lines for cell in cells}  # no single conviction leaks anywhere

    # A sheet with a victim-level column is refused whole; the corrected one is checked, then imported.
    page.locator("a[href='/trafficking/nrm/import/']").click()
    _check_sheet(page, "nrm-2023-cases.xlsx", _nrm_sheet("Soyadı"))
    assert "Soyadı" in page.locator(".invalid-feedback").inner_text()  # the message names the refused column
    _check_sheet(page, "nrm-2023.xlsx", _nrm_sheet())
    page.locator("button[name=confirm]").click()
    page.wait_for_url("**/trafficking/nrm/")
    assert NrmStatistic.objects.filter(year=2023).count() == 2

    _home(page)
    runs = page.get_by_test_id("home-imports").get_by_test_id("home-import")
    assert runs.count() == 2
    outcomes = runs.locator("[data-outcome]").evaluate_all("badges => badges.map(b => b.dataset.outcome)")
    assert outcomes == ["imported", "rejected"]
    assert "nrm-2023.xlsx" in runs.first.inner_text() and "nrm-2023-cases.xlsx" in runs.last.inner_text()
    runs.first.locator("a[href='/trafficking/nrm/']").click()
    page.wait_for_url("**/trafficking/nrm/")
    assert {run.started_by.username for run in ImportRun.objects.all()} == {"staff.thb"}
    assert page.console_errors == []
