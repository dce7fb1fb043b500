"""The CAG status report: who is offered it, and the XLSX and PDF read back."""

import datetime

import pytest
from django.urls import reverse

from programmes.models import ActivityStatus
from programmes.tests.factories import LocationFactory
from reports.models import ReportJob
from reports.registry import get_kind, kinds_for
from reports.tests.helpers import build, read_pdf, read_xlsx

from ..models import ActionStatus, CagStatus
from .factories import ActionFactory, CagFactory, CagMeetingFactory, CagMemberFactory, IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    """An active group in Ganja (two women and a man today, one member gone) that met in April 2024 and in 2023,
    with one overdue and one done action; a planned group in Sheki that never met."""
    ganja = CagFactory(police_department="Ganja City Police Department", location=LocationFactory(name="Ganja"))
    for sex in ("female", "female", "male"):
        CagMemberFactory(cag=ganja, sex=sex)
    CagMemberFactory(cag=ganja, sex="male", left_on=datetime.date(2015, 1, 1))
    april = CagMeetingFactory(cag=ganja, activity__start_date=datetime.date(2024, 4, 15))
    CagMeetingFactory(cag=ganja, activity__start_date=datetime.date(2023, 9, 1))
    CagMeetingFactory(
        cag=ganja, activity__start_date=datetime.date(2024, 5, 1), activity__status=ActivityStatus.CANCELLED
    )
    issue = IssueFactory(meeting=april, summary="Poor street lighting near the market")
    ActionFactory(issue=issue, description="Ask the municipality for street lamps", due_date=datetime.date(2024, 5, 1))
    ActionFactory(
        issue=issue, description="Patrol the market at night", status=ActionStatus.DONE, outcome="Patrols started"
    )
    sheki = CagFactory(
        police_department="Sheki District Police Department",
        location=LocationFactory(code="AZ-SKI", name="Sheki"),
        status=CagStatus.PLANNED,
        established_on=None,
    )
    return ganja, sheki


def test_offered_only_to_those_who_see_policing(staff_policing, staff_ct, manager, administrator, client):
    kind = get_kind("cag_status")
    assert kind.formats == ("xlsx", "pdf")
    assert kind in kinds_for(staff_policing) and kind in kinds_for(manager) and kind in kinds_for(administrator)
    assert kind not in kinds_for(staff_ct)
    client.force_login(staff_ct)
    response = client.post(reverse("reports:request"), {"kind": "cag_status", "format": "xlsx"})
    assert response.status_code == 200 and not ReportJob.objects.exists()


def test_cag_status_xlsx(staff_policing, groups):
    job = build(staff_policing, "cag_status", "xlsx", date_from="2024-01-01", date_to="2024-12-31")
    sheets = read_xlsx(job)
    rows = sheets["Groups"]
    assert rows[0][:4] == ["Police department", "Location", "Status", "Established on"]
    by_department = {row[0]: row for row in rows[1:]}
    ganja = by_department["Ganja City Police Department"]
    # Members today 2 women, 1 man; one meeting in 2024 (the cancelled one does not count), two in all.
    assert ganja[2] == "Active" and ganja[3] == datetime.datetime(2009, 9, 15)
    assert ganja[4:12] == [2, 1, 0, 3, 1, 2, datetime.datetime(2024, 4, 15), 1]
    sheki = by_department["Sheki District Police Department"]
    assert sheki[2] == "Planned" and sheki[4:12] == [0, 0, 0, 0, 0, 0, None, 0]
    actions = sheets["Overdue actions"]
    assert len(actions) == 2 and actions[1][3] == "Ask the municipality for street lamps"
    assert actions[1][2] == "Poor street lighting near the market" and actions[1][5] == datetime.datetime(2024, 5, 1)


def test_cag_status_pdf(staff_policing, manager, groups):
    for user in (staff_policing, manager):
        text = " ".join(read_pdf(build(user, "cag_status", "pdf", date_from="2023-01-01")).split())
        assert "Community Advisory Groups: status" in text and "Ganja City Police Department" in text
        assert "Sheki District Police Department" in text and "Ask the municipality for street lamps" in text
        assert "Patrol the market at night" not in text  # done, so not overdue
