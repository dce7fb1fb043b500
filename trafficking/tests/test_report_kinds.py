"""The NAP implementation report: who is offered it, the measures, and NRM counts that leave only suppressed."""

import datetime
import re

import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea
from programmes.models import ActivityStatus
from reports import services
from reports.models import ReportJob, ReportStatus
from reports.registry import get_kind, kinds_for
from reports.tests.helpers import build, read_pdf, read_xlsx

from .factories import MeasureFactory, NrmStatisticFactory, PlanFactory, ProgressUpdateFactory, ThbActivityFactory

pytestmark = pytest.mark.django_db

SMALL = 3  # an NRM count that must never be written as such
AREAS = [UnitArea.TRAFFICKING]


@pytest.fixture
def staff_thb():
    return UserFactory(username="aynur.staff", role=Role.STAFF, unit_areas=[UnitArea.TRAFFICKING])


@pytest.fixture
def plan():
    """A 2020-2024 plan: a late measure supported in 2021 and a completed one nobody supported; NRM statistics for
    2021 with one small count (3 identified women) and 12 identified men, and 40 for 2019."""
    plan = PlanFactory()
    late = MeasureFactory(plan=plan, number="2.1", text="Train labour inspectors to detect forced labour")
    late.activities.add(
        ThbActivityFactory(
            status=ActivityStatus.APPROVED, start_date=datetime.date(2021, 3, 1), end_date=datetime.date(2021, 3, 2)
        )
    )
    ProgressUpdateFactory(measure=late, status="in_progress")
    done = MeasureFactory(plan=plan, number="2.2", text="Open a shelter in Baku", deadline=datetime.date(2021, 6, 30))
    ProgressUpdateFactory(measure=done, status="completed")
    NrmStatisticFactory(year=2021, count=SMALL)
    NrmStatisticFactory(year=2021, sex="male", exploitation="labour", nationality="foreign", count=12)
    NrmStatisticFactory(year=2019, count=40)
    return plan


def test_offered_only_to_those_who_see_trafficking(staff_thb, staff_policing, manager):
    kind = get_kind("nap_implementation")
    assert kind.formats == ("xlsx", "pdf") and kind in kinds_for(staff_thb) and kind in kinds_for(manager)
    assert kind not in kinds_for(staff_policing)


def test_a_requester_without_the_unit_gets_a_reason(staff_policing, plan):
    job = ReportJob.objects.create(
        kind="nap_implementation", format="xlsx", requested_by=staff_policing, unit_areas=[UnitArea.TRAFFICKING]
    )
    services.run_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportStatus.FAILED and "trafficking" in job.error and not job.file


def test_nap_implementation_xlsx(staff_thb, plan):
    sheets = read_xlsx(
        build(staff_thb, "nap_implementation", "xlsx", areas=AREAS, date_from="2021-01-01", date_to="2021-12-31")
    )
    assert list(sheets) == ["Measures", "NRM 2021"]  # 2019 lies outside the period
    measures = sheets["Measures"]
    assert measures[0][:3] == ["Action plan", "Number", "Measure"]
    late, done = measures[1], measures[2]
    assert late[1:3] == ["2.1", "Train labour inspectors to detect forced labour"]
    assert late[5:9] == ["In progress", "2021", 1, "Yes"]
    assert done[5:9] == ["Completed", None, 0, "No"]

    nrm = [cell for row in sheets["NRM 2021"] for cell in row if cell is not None]
    assert "<5" in nrm and 15 in nrm  # 3 + 12 identified adults is shown; the 3 on its own is not
    assert SMALL not in nrm and str(SMALL) not in nrm
    assert not any(re.search(rf"\b{SMALL}\b", cell) for cell in nrm if isinstance(cell, str))
    assert 40 not in nrm


def test_nap_implementation_pdf(staff_thb, plan):
    text = read_pdf(
        build(staff_thb, "nap_implementation", "pdf", areas=AREAS, date_from="2021-01-01", date_to="2021-12-31")
    )
    flat = " ".join(text.split())
    assert "National Action Plan implementation" in flat and "Train labour inspectors" in flat
    assert "Open a shelter in Baku" in flat and "Late" in flat
    nrm = flat.split("National Referral Mechanism", 1)[1]
    nrm = re.sub(r"\b\d+ / \d+\b", "", nrm)  # page numbers
    assert "<5" in nrm and "15" in nrm and "40" not in nrm
    assert not re.search(rf"\b{SMALL}\b", nrm)
