"""What the database itself refuses, whatever code writes to it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programmes.models import Activity, Participation
from programmes.tests.factories import ActivityFactory, ParticipationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _refused(func):
    with pytest.raises(IntegrityError), transaction.atomic():
        func()


def test_activity_cannot_end_before_it_starts():
    _refused(lambda: ActivityFactory(start_date=datetime.date(2011, 10, 6), end_date=datetime.date(2011, 10, 5)))


def test_activity_clean_explains_the_date_error():
    activity = ActivityFactory.build(
        project=ProjectFactory(), start_date=datetime.date(2011, 10, 6), end_date=datetime.date(2011, 10, 5)
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "end_date" in error.value.message_dict


def test_project_cannot_end_before_it_starts():
    _refused(lambda: ProjectFactory(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2019, 1, 1)))


def test_one_participation_per_person_and_activity():
    participation = ParticipationFactory()
    _refused(lambda: ParticipationFactory(activity=participation.activity, person=participation.person))


@pytest.mark.parametrize("field", ["pre_test_score", "post_test_score"])
@pytest.mark.parametrize("score", [-1, 101])
def test_scores_stay_within_0_and_100(field, score):
    _refused(lambda: ParticipationFactory(**{field: score}))


def test_counts_cannot_be_negative():
    activity = ActivityFactory()
    _refused(lambda: Activity.objects.filter(pk=activity.pk).update(headcount_women=-1))


def test_costs_cannot_be_negative():
    _refused(lambda: ActivityFactory(cost_eur=-5))


def test_unit_area_follows_the_project():
    activity = ActivityFactory(unit_area="trafficking")
    assert Activity.objects.get(pk=activity.pk).unit_area == "trafficking"


def test_days_attended_cannot_exceed_the_activity():
    activity = ActivityFactory(start_date=datetime.date(2011, 10, 6), end_date=datetime.date(2011, 10, 7))
    participation = Participation(activity=activity, person=PersonFactory(), days_attended=3)
    with pytest.raises(ValidationError):
        participation.full_clean()


def test_changes_are_kept_in_history(staff_policing):
    activity = ActivityFactory(title="First title")
    activity.title = "Second title"
    activity.save()
    assert [h.title for h in activity.history.all()] == ["Second title", "First title"]
