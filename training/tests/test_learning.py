import pytest
from django.urls import reverse

from accounts.units import UnitArea
from programmes.tests.factories import ParticipationFactory

from ..selectors import learning_by_course, learning_by_training
from .factories import CourseFactory, TrainingDetailFactory

pytestmark = pytest.mark.django_db


def test_average_scores_and_gain_per_course_and_training(manager):
    course = CourseFactory(title="Proportional use of force")
    first = TrainingDetailFactory(course=course, activity__unit_area=UnitArea.ASSEMBLY).activity
    second = TrainingDetailFactory(course=course, activity__unit_area=UnitArea.ASSEMBLY).activity
    ParticipationFactory(activity=first, pre_test_score=40, post_test_score=80)
    ParticipationFactory(activity=first, pre_test_score=60, post_test_score=70)
    ParticipationFactory(activity=first, pre_test_score=50)  # no post-test: left out of every average
    ParticipationFactory(activity=second, pre_test_score=30, post_test_score=90)
    CourseFactory(title="Crowd dynamics")

    courses = {c.title: c for c in learning_by_course(manager)}
    trainings = {a.pk: a for a in learning_by_training(manager)}

    force = courses["Proportional use of force"]
    assert (force.trainings_held, force.scored) == (2, 3)
    assert float(force.avg_pre) == pytest.approx(130 / 3)
    assert float(force.avg_post) == pytest.approx(80)
    assert float(force.avg_gain) == pytest.approx((40 + 10 + 60) / 3)
    assert courses["Crowd dynamics"].avg_gain is None
    assert trainings[first.pk].scored == 2 and float(trainings[first.pk].avg_gain) == pytest.approx(25)
    assert float(trainings[second.pk].avg_gain) == pytest.approx(60)


def test_learning_page_lists_courses(personas):
    CourseFactory(title="Negotiation and communication")
    response = personas["manager"].get(reverse("training:learning"))
    assert "Negotiation and communication" in response.text
