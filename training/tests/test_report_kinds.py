"""The training reach report: who is offered it, and reach, targets and learning gain read back from XLSX and PDF."""

import datetime

import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea
from programmes.models import ActivityStatus, ParticipationRole, Sex
from programmes.tests.factories import LocationFactory, ParticipationFactory, PartnerFactory, PersonFactory
from reports.registry import get_kind, kinds_for
from reports.tests.helpers import build, read_pdf, read_xlsx

from .factories import CourseFactory, ReachTargetFactory, TrainingDetailFactory

pytestmark = pytest.mark.django_db

AREAS = [UnitArea.ASSEMBLY]


@pytest.fixture
def staff_assembly():
    return UserFactory(username="farid.staff", role=Role.STAFF, unit_areas=[UnitArea.ASSEMBLY])


def _training(course, location, day, **kwargs):
    return TrainingDetailFactory(
        course=course,
        activity__unit_area=UnitArea.ASSEMBLY,
        activity__location=location,
        activity__start_date=day,
        activity__end_date=day,
        **kwargs,
    ).activity


@pytest.fixture
def trainings():
    """2024: Aysel trained twice in Baku, Elçin once in Baku, Rəşad (Internal Troops) once in Ganja, with scores;
    a 2019 training and a planned one fall outside; targets for Patrol Police in Baku and for everyone."""
    patrol = PartnerFactory(name="Patrol Police", acronym="PP")
    troops = PartnerFactory(name="Internal Troops", acronym="IT")
    baku, ganja = LocationFactory(code="AZ-BA", name="Baku"), LocationFactory(code="AZ-GA", name="Ganja")
    course = CourseFactory(title="Managing public assemblies")
    aysel = PersonFactory(first_name="Aysel", sex=Sex.FEMALE, organisation=patrol)
    elcin = PersonFactory(first_name="Elçin", sex=Sex.MALE, organisation=patrol)
    rashad = PersonFactory(first_name="Rəşad", sex=Sex.MALE, organisation=troops)
    first = _training(course, baku, datetime.date(2024, 3, 4))
    second = _training(course, baku, datetime.date(2024, 6, 10))
    third = _training(course, ganja, datetime.date(2024, 9, 2))
    ParticipationFactory(activity=first, person=aysel, pre_test_score=40, post_test_score=70)
    ParticipationFactory(activity=first, person=elcin, pre_test_score=50, post_test_score=60)
    ParticipationFactory(activity=first, role=ParticipationRole.TRAINER)  # trainers are not trainees
    ParticipationFactory(activity=second, person=aysel)
    ParticipationFactory(activity=third, person=rashad, pre_test_score=30, post_test_score=80)
    ParticipationFactory(activity=_training(course, baku, datetime.date(2019, 5, 5)), person=rashad)
    planned = _training(course, baku, datetime.date(2024, 11, 5), activity__status=ActivityStatus.PLANNED)
    ParticipationFactory(activity=planned, person=rashad)
    ReachTargetFactory(target_group=patrol, location=baku, people=4)
    ReachTargetFactory(people=10, label="Everyone")
    return course


def test_offered_only_to_those_who_see_assembly_training(staff_assembly, staff_policing, manager):
    kind = get_kind("training_reach")
    assert kind.formats == ("xlsx", "pdf") and kind in kinds_for(staff_assembly) and kind in kinds_for(manager)
    assert kind not in kinds_for(staff_policing)


def test_training_reach_xlsx(staff_assembly, trainings):
    sheets = read_xlsx(
        build(staff_assembly, "training_reach", "xlsx", areas=AREAS, date_from="2024-01-01", date_to="2024-12-31")
    )
    assert list(sheets) == ["Reach", "By target group", "By city", "Against the targets", "Learning by course"]
    reach = sheets["Reach"]
    assert reach[1] == ["Unique people trained", 1, 2, 3]
    assert reach[2] == ["Person-trainings", 2, 2, 4]
    groups = {row[0]: row[1:] for row in sheets["By target group"][1:]}
    assert groups["Patrol Police (PP)"] == [2, 1, 1, 3, 2, 1] and groups["Internal Troops (IT)"] == [1, 0, 1, 1, 0, 1]
    cities = {row[0]: row[1:] for row in sheets["By city"][1:]}
    assert cities["Baku"][:4] == [2, 1, 1, 3] and cities["Ganja"][:4] == [1, 0, 1, 1]
    targets = {row[0]: row[1:] for row in sheets["Against the targets"][1:]}
    assert targets["Patrol Police (PP) · Baku"] == [4, 2, 50] and targets["Everyone"] == [10, 3, 30]
    # Three trainees with both scores: gains 30, 10 and 50.
    [header, course] = sheets["Learning by course"]
    assert course == ["Managing public assemblies", 3, 3, 40.0, 70.0, 30.0]
    assert "Aysel" not in str(sheets)  # counts only, never names


def test_training_reach_pdf(staff_assembly, manager, trainings):
    for user in (staff_assembly, manager):
        text = " ".join(read_pdf(build(user, "training_reach", "pdf", areas=AREAS, date_from="2024-01-01")).split())
        assert "Training reach and learning gain" in text and "Patrol Police (PP) 2 1 1 3 2 1" in text
        assert "Managing public assemblies 3 3 40.0 70.0 30.0" in text and "50%" in text
        assert "Aysel" not in text
