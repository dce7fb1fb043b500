import datetime

import pytest

from accounts.units import UnitArea
from programmes.indicator_rules import RULES
from programmes.models import ParticipationRole, PeriodFigure, Sex
from programmes.services import refresh_participant_counts
from programmes.tests.factories import ParticipationFactory, PersonFactory
from programmes.tests.factories_results import IndicatorFactory, IndicatorPeriodFactory, ResultFactory
from programmes.tests.recount import assert_summaries_match_recount

from ..models import TrainingDetail
from .factories import CourseFactory, TrainingDetailFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2012, 1, 1), datetime.date(2012, 12, 31)


@pytest.fixture
def world():
    result = ResultFactory(project__programme__unit_area=UnitArea.ASSEMBLY)
    project = result.project
    course, other = CourseFactory(), CourseFactory()

    def training(day, course=course, project=project, **kwargs):
        return TrainingDetailFactory(
            course=course, activity__project=project, activity__start_date=day, activity__end_date=day, **kwargs
        ).activity

    aysel, gunay = PersonFactory(sex=Sex.FEMALE), PersonFactory(sex=Sex.FEMALE)
    elcin, rashad = PersonFactory(sex=Sex.MALE), PersonFactory(sex=Sex.MALE)
    first, second = training(datetime.date(2012, 3, 1)), training(datetime.date(2012, 10, 1))
    for activity, people in ((first, [aysel, elcin, rashad]), (second, [aysel, elcin, gunay])):
        for person in people:
            ParticipationFactory(activity=activity, person=person)
    ParticipationFactory(activity=first, person=PersonFactory(sex=Sex.MALE), role=ParticipationRole.TRAINER)
    headcount = training(
        datetime.date(2012, 6, 1), activity__participant_mode="headcount",
        activity__headcount_women=2, activity__headcount_men=3,
    )  # fmt: skip
    refresh_participant_counts(activity=headcount)
    # Noise: another course, another year, a planned training, another project.
    ParticipationFactory(activity=training(datetime.date(2012, 4, 1), course=other), person=PersonFactory())
    ParticipationFactory(activity=training(datetime.date(2013, 4, 1)), person=PersonFactory())
    ParticipationFactory(
        activity=training(datetime.date(2012, 5, 1), activity__status="planned"), person=PersonFactory()
    )
    ParticipationFactory(
        activity=TrainingDetailFactory(
            course=course, activity__start_date=datetime.date(2012, 5, 1), activity__end_date=datetime.date(2012, 5, 1)
        ).activity,
        person=PersonFactory(),
    )
    return {"result": result, "course": course, "counted": {first, second, headcount}}


def test_course_participants_counts_unique_trainees_by_sex(world):
    indicator = IndicatorFactory(
        result=world["result"], rule="course_participants", rule_options={"course": world["course"].pk}
    )
    rule = RULES["course_participants"]

    figure = rule.compute(indicator, START, END)

    # Aysel, Elçin, Rəşad, Günay named once each (the trainer does not count), plus a headcount of 2 + 3.
    assert (figure.value, figure.women, figure.men) == (4 + 5, 2 + 2, 2 + 3)
    assert set(rule.activities(indicator, START, END)) == world["counted"]


def test_course_participants_without_a_course_is_zero(world):
    indicator = IndicatorFactory(result=world["result"], rule="course_participants", rule_options={})
    rule = RULES["course_participants"]
    assert rule.compute(indicator, START, END).value == 0
    assert not rule.activities(indicator, START, END).exists()


def test_stored_figure_follows_a_training_moving_to_another_course(world):
    """The course of a training is an input of the stored figure (programmes.summaries)."""
    indicator = IndicatorFactory(
        result=world["result"], rule="course_participants", rule_options={"course": world["course"].pk}
    )
    period = IndicatorPeriodFactory(indicator=indicator, start=START, end=END)
    assert PeriodFigure.objects.get(period=period).value == 4 + 5
    assert_summaries_match_recount()
    second = max(world["counted"], key=lambda a: a.start_date)
    detail = TrainingDetail.objects.get(activity=second)
    detail.course = CourseFactory()
    detail.save()
    assert_summaries_match_recount()
    assert (
        PeriodFigure.objects.get(period=period).value
        == RULES["course_participants"].compute(indicator, START, END).value
    )
    detail.delete()
    assert_summaries_match_recount()
