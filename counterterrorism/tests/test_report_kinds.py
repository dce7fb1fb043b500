"""The beneficiary institutions report: who is offered it, and the counts read back from XLSX and PDF."""

import datetime

import pytest

from accounts.units import UnitArea
from programmes.models import ActivityStatus, ParticipantMode, PartnerRole
from programmes.services import refresh_participant_counts
from programmes.tests.factories import (
    ActivityFactory,
    ActivityPartnerFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
)
from reports.registry import get_kind, kinds_for
from reports.tests.helpers import build, read_pdf, read_xlsx

from .factories import CtActivityFactory

pytestmark = pytest.mark.django_db

AREAS = [UnitArea.COUNTERTERRORISM]


def _activity(partner, day, *, mode=ParticipantMode.ROSTER, people=(), status=ActivityStatus.APPROVED, **kwargs):
    activity = CtActivityFactory(participant_mode=mode, status=status, start_date=day, end_date=day, **kwargs)
    ActivityPartnerFactory(activity=activity, partner=partner, role=PartnerRole.BENEFICIARY)
    for person in people:
        ParticipationFactory(activity=activity, person=person)
    refresh_participant_counts(activity=activity)
    return activity


@pytest.fixture
def institutions():
    """2024: the State Border Service trained a named woman twice and a named man once, plus a headcount of 2 women
    and 10 men; the State Security Service one named man. Outside: a 2019 activity and a planned one."""
    sbs = PartnerFactory(name="State Border Service", acronym="SBS")
    sss = PartnerFactory(name="State Security Service", acronym="SSS")
    woman = PersonFactory(first_name="Gülnar", last_name="Gizli", sex="female")
    man = PersonFactory(sex="male")
    _activity(sbs, datetime.date(2024, 2, 1), people=[woman, man])
    _activity(sbs, datetime.date(2024, 3, 1), people=[woman])
    _activity(sbs, datetime.date(2024, 4, 1), mode=ParticipantMode.HEADCOUNT, headcount_women=2, headcount_men=10)
    _activity(sss, datetime.date(2024, 5, 1), people=[PersonFactory(sex="male")])
    _activity(sbs, datetime.date(2019, 5, 1), people=[PersonFactory()])
    _activity(sbs, datetime.date(2024, 6, 1), people=[PersonFactory()], status=ActivityStatus.PLANNED)
    return sbs, sss


def test_offered_only_to_those_who_see_counterterrorism(staff_ct, staff_policing, manager, administrator):
    kind = get_kind("beneficiary_institutions")
    assert kind.formats == ("xlsx", "pdf")
    assert kind in kinds_for(staff_ct) and kind in kinds_for(manager) and kind in kinds_for(administrator)
    assert kind not in kinds_for(staff_policing)


def test_beneficiary_institutions_xlsx(staff_ct, institutions):
    job = build(staff_ct, "beneficiary_institutions", "xlsx", areas=AREAS, date_from="2024-01-01", date_to="2024-12-31")
    [rows] = read_xlsx(job).values()
    assert rows[0] == [
        "Institution", "Activities", "Female", "Male", "Person-trainings", "Of which headcount only",
        "Unique named people",
    ]  # fmt: skip
    assert rows[1] == ["State Border Service (SBS)", 3, 4, 11, 15, 12, 2]
    assert rows[2] == ["State Security Service (SSS)", 1, 0, 1, 1, 0, 1]
    assert len(rows) == 3 and "Gizli" not in str(rows)


def test_beneficiary_institutions_pdf(staff_ct, manager, institutions):
    for user in (staff_ct, manager):
        text = read_pdf(build(user, "beneficiary_institutions", "pdf", areas=AREAS, date_from="2024-01-01"))
        flat = " ".join(text.split())
        assert "Beneficiary institutions" in flat and "State Border Service (SBS) 3 4 11 15 12 2" in flat
        assert "State Security Service (SSS) 1 0 1 1 0 1" in flat and "Gizli" not in flat


def test_another_units_activities_are_not_counted(administrator, institutions):
    sbs, _sss = institutions
    day = datetime.date(2024, 7, 1)
    policing = ActivityFactory(
        unit_area=UnitArea.POLICING, status=ActivityStatus.APPROVED, start_date=day, end_date=day
    )
    ActivityPartnerFactory(activity=policing, partner=sbs, role=PartnerRole.BENEFICIARY)
    job = build(administrator, "beneficiary_institutions", "xlsx", areas=AREAS, date_from="2024-01-01")
    [rows] = read_xlsx(job).values()
    assert rows[1][:2] == ["State Border Service (SBS)", 3]
