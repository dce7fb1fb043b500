"""Indicator progress vs targets: the XLSX and PDF read back, the quarterly report's section, scope, and the audit
entry a download leaves."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.units import UnitArea
from audit.models import AccessLog
from programmes.models import ActivityStatus, ParticipantMode, PeriodStatus
from programmes.services import refresh_participant_counts
from programmes.tests.factories import ActivityFactory, ParticipationFactory, PersonFactory, ProjectFactory
from programmes.tests.factories_results import IndicatorFactory, IndicatorPeriodFactory, ResultFactory
from reports.registry import get_kind, kinds_for, quarterly_sections

from .helpers import build, read_pdf, read_xlsx

pytestmark = pytest.mark.django_db


def pdf_text(job) -> str:
    """The PDF's text on one line: table cells wrap, and a test should not depend on where."""
    return " ".join(read_pdf(job).split())


@pytest.fixture
def indicators():
    """A policing project whose 2024 activity trained 52 people (31 women), a computed and a manual indicator, and
    a counter-terrorism indicator that policing staff may not see."""
    project = ProjectFactory(code="POL-01", title="Community policing support", programme__unit_area=UnitArea.POLICING)
    activity = ActivityFactory(
        project=project,
        status=ActivityStatus.APPROVED,
        start_date=datetime.date(2024, 4, 10),
        end_date=datetime.date(2024, 4, 11),
        participant_mode=ParticipantMode.HEADCOUNT,
        headcount_women=30,
        headcount_men=20,
    )
    refresh_participant_counts(activity=activity)
    day = datetime.date(2024, 5, 2)
    roster = ActivityFactory(project=project, status=ActivityStatus.COMPLETED, start_date=day, end_date=day)
    for sex in ("female", "male"):
        ParticipationFactory(activity=roster, person=PersonFactory(sex=sex))
    result = ResultFactory(project=project, code="1.1", title="Police and public work together")
    trained = IndicatorFactory(result=result, code="1.1.a", title="Police officers trained", rule="person_trainings")
    IndicatorPeriodFactory(
        indicator=trained, label="2024", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31), target=100
    )
    IndicatorPeriodFactory(
        indicator=trained, label="2019", start=datetime.date(2019, 1, 1), end=datetime.date(2019, 12, 31), target=7
    )
    plans = IndicatorFactory(
        result=result, code="1.1.b", title="Patrol plans adopted", rule="manual", by_sex=False, unit="plans"
    )
    IndicatorPeriodFactory(
        indicator=plans,
        label="2024",
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 12, 31),
        target=4,
        actual=Decimal("5"),
        status=PeriodStatus.APPROVED,
    )
    secret = IndicatorFactory(
        result=ResultFactory(project__programme__unit_area=UnitArea.COUNTERTERRORISM), title="Secret CT indicator"
    )
    IndicatorPeriodFactory(
        indicator=secret, label="2024", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31)
    )
    return project


def test_offered_to_every_unit_with_its_formats(staff_policing, staff_ct):
    kind = get_kind("indicator_progress")
    assert kind.formats == ("xlsx", "pdf") and kind in kinds_for(staff_policing) and kind in kinds_for(staff_ct)


def test_indicator_progress_xlsx(staff_policing, indicators):
    job = build(
        staff_policing, "indicator_progress", "xlsx", areas=[UnitArea.POLICING, UnitArea.COUNTERTERRORISM],
        date_from="2024-01-01", date_to="2024-12-31",
    )  # fmt: skip
    [rows] = read_xlsx(job).values()
    header = rows[0]
    assert header[:3] == ["Project", "Result", "Indicator"]
    assert header[9:] == [
        "Target", "Target (women)", "Actual", "Actual (women)", "Actual (men)", "Percent of target", "Status",
        "Off track",
    ]  # fmt: skip
    assert len(rows) == 3  # the 2019 period lies outside the dates; the CT indicator outside the requester's rights
    trained, plans = rows[1], rows[2]
    assert trained[0] == "POL-01 Community policing support" and trained[2] == "1.1.a Police officers trained"
    assert trained[6] == "2024" and trained[7] == datetime.datetime(2024, 1, 1)
    # 50 counted by headcount plus the two named participants; women and men from the activities' summaries.
    assert trained[9:17] == [100, None, 52, 31, 21, 52, "Open", "Yes"]
    assert plans[3] == "plans" and plans[9:17] == [4, None, 5, None, None, 125, "Approved (locked)", "No"]
    assert "Secret CT indicator" not in str(rows)


def test_indicator_progress_pdf_in_russian(staff_policing, indicators):
    text = pdf_text(build(staff_policing, "indicator_progress", "pdf", project=indicators.pk))
    assert "Indicator progress" in text and "POL-01 Community policing support" in text
    assert "1.1.a Police officers trained" in text and "Off track" in text and "52%" in text and "125%" in text
    assert "2019" in text  # no dates chosen: every period
    assert "Secret CT indicator" not in text
    text = pdf_text(build(staff_policing, "indicator_progress", "pdf", language="ru", project=indicators.pk))
    assert "Police officers trained" in text and "Статус" in text  # headings in the requester's language


def test_no_indicator_in_scope_fails_with_a_reason(staff_policing, indicators):
    from reports import services
    from reports.models import ReportJob, ReportStatus

    job = ReportJob.objects.create(
        kind="indicator_progress", format="xlsx", requested_by=staff_policing, unit_areas=[UnitArea.POLICING],
        parameters={"date_from": "2030-01-01", "date_to": "2030-12-31"},
    )  # fmt: skip
    services.run_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and "No indicator has a period" in job.error


def test_quarterly_report_has_an_indicator_section(staff_policing, indicators):
    from reports.builders.indicators import quarterly_indicator_section

    assert quarterly_indicator_section in quarterly_sections
    job = build(
        staff_policing, "quarterly_programme", "pdf", quarter="2024-Q2", date_from="2024-04-01", date_to="2024-06-30",
        unit_area=UnitArea.POLICING,
    )  # fmt: skip
    text = pdf_text(job).replace("\u2010 ", "")  # a word hyphenated at the end of a line, joined again
    assert "Quarterly programme report" in text and "Indicator progress" in text
    assert "1.1.a Police officers trained" in text and "Patrol plans adopted" in text
    assert "2019" not in text.split("Indicator progress", 1)[1]


def test_download_is_audited(client, staff_policing, indicators):
    job = build(staff_policing, "indicator_progress", "xlsx")
    client.force_login(staff_policing)
    response = client.get(reverse("reports:download", args=[job.pk]))
    assert response.status_code == 200
    entry = AccessLog.objects.get(action="export_report")
    assert entry.user == staff_policing and entry.object_id == str(job.pk)
    assert entry.object_type == "reports.reportjob" and entry.detail == "indicator_progress xlsx"
