import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from ..models import ActionStatus, FollowUpAction
from .factories import ActionFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 5, 10)


def test_overdue_means_still_open_after_the_due_date():
    late = ActionFactory(due_date=TODAY - datetime.timedelta(days=1))
    late_in_progress = ActionFactory(due_date=TODAY - datetime.timedelta(days=30), status=ActionStatus.IN_PROGRESS)
    ActionFactory(due_date=TODAY)  # due today: not yet overdue
    ActionFactory(due_date=TODAY + datetime.timedelta(days=3))
    ActionFactory(due_date=TODAY - datetime.timedelta(days=9), status=ActionStatus.DONE, outcome="Lights repaired")
    ActionFactory(due_date=TODAY - datetime.timedelta(days=9), status=ActionStatus.DROPPED, outcome="Not ours")

    overdue = FollowUpAction.objects.overdue(TODAY)

    assert set(overdue) == {late, late_in_progress}
    assert all(action.is_overdue(TODAY) for action in overdue)
    assert not FollowUpAction.objects.get(due_date=TODAY).is_overdue(TODAY)


def test_a_closed_action_needs_an_outcome():
    action = ActionFactory.build(issue=ActionFactory().issue, status=ActionStatus.DONE, outcome="")
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "outcome" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        action.save()


def test_overdue_page_lists_only_overdue_actions(personas):
    late = ActionFactory(due_date=datetime.date(2012, 1, 1), description="Repair the street lights")
    ActionFactory(due_date=datetime.date(2999, 1, 1), description="Plan the summer youth camp")

    response = personas["staff_same_unit"].get(reverse("policing:overdue"))

    assert late.description in response.text
    assert "Plan the summer youth camp" not in response.text


def test_overdue_page_query_count_does_not_grow(personas, django_assert_num_queries):
    from .helpers import count_queries

    client = personas["manager"]
    url = reverse("policing:overdue")
    ActionFactory.create_batch(3, due_date=datetime.date(2012, 1, 1))
    baseline = count_queries(client, url)
    ActionFactory.create_batch(9, due_date=datetime.date(2012, 1, 1))
    with django_assert_num_queries(baseline):
        client.get(url)
