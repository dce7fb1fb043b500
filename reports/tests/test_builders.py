"""Each report kind builds a file whose content is read back: XLSX with openpyxl, CSV with csv, PDF with pypdf."""

import datetime

import pytest

from accounts.units import UnitArea
from programmes.models import ActivityStatus, ParticipantMode, PartnerRole, Sex
from programmes.services import refresh_participant_counts
from programmes.tests.factories import (
    ActivityFactory,
    ActivityPartnerFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
)

from .helpers import build, read_csv, read_pdf, read_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def policing_data():
    """Two held policing activities (one roster, one headcount) and a counter-terrorism one nobody in policing sees."""
    partner = PartnerFactory(name="Ministry of Internal Affairs", acronym="MIA")
    cosponsor = PartnerFactory(name="International Organization for Migration", acronym="IOM")
    roster = ActivityFactory(
        unit_area=UnitArea.POLICING,
        title="Community policing in Ganja",
        status=ActivityStatus.APPROVED,
        start_date=datetime.date(2024, 4, 10),
        end_date=datetime.date(2024, 4, 11),
        outcomes="Twelve officers drafted a patrol plan with residents.",
    )
    ActivityPartnerFactory(activity=roster, partner=partner, role=PartnerRole.BENEFICIARY)
    ActivityPartnerFactory(activity=roster, partner=cosponsor, role=PartnerRole.CO_SPONSOR)
    women = [PersonFactory(first_name="Aysel", last_name="Məmmədova", sex=Sex.FEMALE, organisation=partner)]
    men = [PersonFactory(first_name="Rəşad", last_name="Əliyev", sex=Sex.MALE, organisation=partner)]
    for person in women + men:
        ParticipationFactory(activity=roster, person=person)
    refresh_participant_counts(activity=roster)
    headcount = ActivityFactory(
        unit_area=UnitArea.POLICING,
        title="Open day",
        status=ActivityStatus.COMPLETED,
        start_date=datetime.date(2024, 5, 2),
        end_date=datetime.date(2024, 5, 2),
        participant_mode=ParticipantMode.HEADCOUNT,
        headcount_women=30,
        headcount_men=20,
    )
    refresh_participant_counts(activity=headcount)
    secret = ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM, title="Secret CT course")
    ParticipationFactory(activity=secret, person=PersonFactory(first_name="Gizli", last_name="Adam"))
    return {"roster": roster, "headcount": headcount, "secret": secret}


def test_activity_register_xlsx(staff_policing, policing_data):
    job = build(staff_policing, "activity_register", "xlsx")
    [rows] = read_xlsx(job).values()
    assert rows[0][:3] == ["Start date", "End date", "Unit area"]
    titles = [row[5] for row in rows[1:]]
    assert titles == ["Community policing in Ganja", "Open day"]  # oldest first; the CT activity is not there
    ganja = rows[1]
    assert ganja[0] == datetime.datetime(2024, 4, 10)
    assert "Ministry of Internal Affairs (MIA)" in ganja[10] and "(IOM)" in ganja[11]
    assert ganja[14:18] == [1, 1, 0, 2]
    assert rows[2][14:18] == [30, 20, 0, 50]


def test_activity_register_csv_filters(staff_policing, policing_data):
    partner = policing_data["roster"].partner_links.get(role=PartnerRole.CO_SPONSOR).partner
    job = build(staff_policing, "activity_register", "csv", partner=partner.pk, partner_role=PartnerRole.CO_SPONSOR)
    rows = read_csv(job)
    assert [row[5] for row in rows[1:]] == ["Community policing in Ganja"]
    job = build(staff_policing, "activity_register", "csv", date_from="2024-05-01", date_to="2024-05-31")
    assert [row[5] for row in read_csv(job)[1:]] == ["Open day"]


def test_participation_list_names_follow_access(staff_policing, manager, policing_data):
    from accounts import access

    job = build(staff_policing, "participation_list", "csv")
    rows = read_csv(job)
    assert {row[4] for row in rows[1:]} == {"Məmmədova", "Əliyev"}
    assert job.includes_names

    # Counter-terrorism names are restricted: an administrator (not CT staff, not a manager) gets rows without them.
    access.restrict_names_to_unit(UnitArea.COUNTERTERRORISM)
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    admin = UserFactory(username="leyla.admin", role=Role.ADMINISTRATOR)
    job = build(admin, "participation_list", "xlsx", areas=[UnitArea.COUNTERTERRORISM])
    [rows] = read_xlsx(job).values()
    assert len(rows) == 2 and rows[1][4] in ("", None) and rows[1][5] in ("", None)
    assert "Gizli" not in str(rows) and not job.includes_names
    job = build(manager, "participation_list", "xlsx", areas=[UnitArea.COUNTERTERRORISM])
    assert "Gizli" in str(read_xlsx(job))


def test_participant_reach_xlsx(staff_policing, policing_data):
    job = build(staff_policing, "participant_reach", "xlsx")
    sheets = read_xlsx(job)
    by_sex = sheets["By sex"]
    assert by_sex[1] == ["Person-trainings", 31, 21, 0, 52]
    assert by_sex[2] == ["Unique people (named participants)", 1, 1, 0, 2]
    assert by_sex[3] == ["Headcount only (not named)", 30, 20, 0, 50]
    organisations = sheets["By organisation"]
    assert organisations[1][0] == "Ministry of Internal Affairs (MIA)" and organisations[1][5:8] == [2, 50, 2]


def test_participant_reach_pdf(staff_policing, policing_data):
    text = read_pdf(build(staff_policing, "participant_reach", "pdf"))
    assert "Participant reach" in text and "By organisation" in text and "Ministry of Internal Affairs" in text
    assert "Secret CT course" not in text


def test_quarterly_report_pdf(staff_policing, policing_data):
    job = build(
        staff_policing,
        "quarterly_programme",
        "pdf",
        quarter="2024-Q2",
        date_from="2024-04-01",
        date_to="2024-06-30",
        unit_area=UnitArea.POLICING,
    )
    text = read_pdf(job)
    assert "Quarterly programme report" in text and "2024-Q2" in text
    assert "Twelve officers drafted a patrol plan" in text  # the narrative comes from activity outcomes
    assert "Participants by month" in text and "April 2024" in text


def test_output_language(staff_policing, policing_data):
    [rows] = read_xlsx(build(staff_policing, "activity_register", "xlsx", language="az")).values()
    assert rows[0][:2] == ["Başlama tarixi", "Bitmə tarixi"]
    rows = read_csv(build(staff_policing, "activity_register", "csv", language="ru"))
    assert rows[0][:2] == ["Дата начала", "Дата окончания"]
    assert rows[1][0] == "2024-04-10"  # CSV is for machines: ISO dates in every language, headings translated
    text = read_pdf(build(staff_policing, "participant_reach", "pdf", language="ru"))
    assert "Женский" in text  # the chart legend and labels in Russian
