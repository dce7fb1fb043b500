import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.units import UnitArea
from programmes.models import ParticipationRole, Sex
from programmes.services import refresh_participant_counts
from programmes.tests.factories import LocationFactory, ParticipationFactory, PartnerFactory, PersonFactory

from ..dashboard_panels import learning_panel, reach_panel
from .factories import CourseFactory, ReachTargetFactory, TrainingDetailFactory

pytestmark = pytest.mark.django_db

FILTERS = {
    "date_from": datetime.date(2012, 1, 1),
    "date_to": datetime.date(2012, 12, 31),
    "unit_area": UnitArea.ASSEMBLY,
    "programme": None,
    "project": None,
    "location": None,
    "partner": None,
}


def _training(day=datetime.date(2012, 5, 1), **kwargs):
    return TrainingDetailFactory(
        activity__unit_area=UnitArea.ASSEMBLY, activity__start_date=day, activity__end_date=day, **kwargs
    ).activity


def _attend(activity, person, pre=None, post=None, **kwargs):
    ParticipationFactory(activity=activity, person=person, pre_test_score=pre, post_test_score=post, **kwargs)


@pytest.fixture
def world():
    patrol = PartnerFactory(acronym="MIA-PP")
    aysel = PersonFactory(sex=Sex.FEMALE, organisation=patrol)
    elcin = PersonFactory(sex=Sex.MALE, organisation=patrol)
    rashad = PersonFactory(sex=Sex.MALE)
    course, other_course = CourseFactory(title="Assembly basics"), CourseFactory(title="Human rights")
    first, second = _training(course=course), _training(course=course, day=datetime.date(2012, 9, 1))
    third = _training(course=other_course)
    _attend(first, aysel, 40, 70)
    _attend(first, elcin, 50, 60)
    _attend(second, aysel)
    _attend(third, rashad, 60, 90)
    _attend(first, PersonFactory(sex=Sex.FEMALE), role=ParticipationRole.TRAINER)  # trainers are not trainees
    _attend(_training(course=course, day=datetime.date(2011, 5, 1)), rashad, 10, 90)  # before the period
    headcount = _training(
        course=course, activity__participant_mode="headcount", activity__headcount_women=3, activity__headcount_men=2
    )
    refresh_participant_counts(activity=headcount)
    ReachTargetFactory(target_group=patrol, people=4)
    return {"patrol": patrol, "first": first, "course": course}


def test_reach_counts_unique_people_person_trainings_and_women_share(manager, world):
    panel = reach_panel(manager, FILTERS)

    unique, person_trainings = panel["rows"]
    assert (unique["total"], unique["women"], unique["men"], unique["women_share"]) == (3, 1, 2, 33)
    assert (person_trainings["total"], person_trainings["women"], person_trainings["men"]) == (4, 2, 2)
    assert person_trainings["women_share"] == 50
    assert panel["headcount"] == 5
    [target] = panel["targets"]
    assert (target.reached, target.percent) == (2, 50)


def test_average_learning_gain_per_course_and_overall(manager, world):
    panel = learning_panel(manager, FILTERS)

    by_title = {c.title: c for c in panel["courses"]}
    assert by_title["Assembly basics"].avg_gain == pytest.approx(20)  # (30 + 10) / 2; 2011 is outside the period
    assert by_title["Human rights"].avg_gain == pytest.approx(30)
    assert panel["scored"] == 3
    assert Decimal(panel["avg_gain"]) == pytest.approx(Decimal(70) / 3)


def test_location_filter(manager, world):
    elsewhere = LocationFactory(code="AZ-SR", name="Shirvan")
    assert reach_panel(manager, {**FILTERS, "location": elsewhere.pk})["rows"][0]["total"] == 0
    assert learning_panel(manager, {**FILTERS, "location": elsewhere.pk})["courses"] == []


def test_other_units_staff_see_nothing(staff_policing, world):
    assert reach_panel(staff_policing, FILTERS)["rows"][0]["total"] == 0
    assert reach_panel(staff_policing, FILTERS)["targets"] == []
    assert learning_panel(staff_policing, FILTERS)["courses"] == []


def test_unit_dashboard_shows_the_panels_with_links(client, manager, world):
    client.force_login(manager)
    response = client.get(
        reverse("unit_dashboard", args=[UnitArea.ASSEMBLY]), {"date_from": "2012-01-01", "date_to": "2012-12-31"}
    )
    text = response.text
    assert 'data-testid="panel-training-reach"' in text and 'data-testid="panel-training-learning"' in text
    course_url = reverse("training:course_detail", args=[world["course"].pk])
    for url in (reverse("training:reach"), reverse("training:learning"), course_url):
        assert url in text


def _build(n):
    course = CourseFactory()
    for i in range(n):
        activity = _training(course=course)
        _attend(activity, PersonFactory(), 50, 80)
        ReachTargetFactory(target_group=PartnerFactory(), people=10)
        if i % 2:
            _attend(_training(course=CourseFactory()), PersonFactory(), 40, 60)


def _queries(user):
    reach_panel(user, FILTERS)  # the user's roles are looked up once and cached on the user
    with CaptureQueriesContext(connection) as context:
        reach_panel(user, FILTERS)
        learning_panel(user, FILTERS)
    return len(context)


def test_query_count_does_not_grow_with_the_data(manager):
    _build(2)
    small = _queries(manager)
    _build(4)
    assert _queries(manager) == small
    assert reach_panel(manager, FILTERS)["rows"][0]["total"] == 2 + 4 + 1 + 2
