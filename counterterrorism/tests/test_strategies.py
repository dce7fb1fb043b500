import datetime

import pytest
from django.urls import reverse

from counterterrorism.models import Milestone, MilestoneStatus, Strategy
from programmes.tests.factories import ActivityFactory

from .factories import CtActivityFactory, MilestoneFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def test_staff_create_a_strategy_and_managers_cannot(personas):
    data = {"title": "Integrated Border Management strategy", "kind": "strategy", "start_date": "2012-01-01"}
    assert personas["manager"].post(reverse("counterterrorism:strategy_create"), data).status_code == 403
    response = personas["staff_other_unit"].post(reverse("counterterrorism:strategy_create"), data)
    strategy = Strategy.objects.get()
    assert response.status_code == 302 and strategy.created_by.username == "samir.staff"


def test_end_before_start_is_refused_at_the_field(personas):
    data = {"title": "IBM", "kind": "strategy", "start_date": "2012-01-01", "end_date": "2011-01-01"}
    response = personas["staff_other_unit"].post(reverse("counterterrorism:strategy_create"), data)
    assert response.status_code == 200 and "end_date" in response.context["form"].errors
    assert not Strategy.objects.exists()


def test_a_done_milestone_needs_its_completion_date(personas):
    strategy = StrategyFactory()
    url = reverse("counterterrorism:milestone_create", args=[strategy.pk])
    data = {"title": "Working group set up", "due_date": "2012-06-30", "status": MilestoneStatus.DONE}
    response = personas["staff_other_unit"].post(url, data)
    assert "completed_on" in response.context["form"].errors and not Milestone.objects.exists()
    personas["staff_other_unit"].post(url, {**data, "completed_on": "2012-06-15"})
    assert Milestone.objects.get().completed_on == datetime.date(2012, 6, 15)


def test_link_and_unlink_activities_of_the_unit_only(personas):
    strategy = StrategyFactory()
    activity, policing = CtActivityFactory(), ActivityFactory(unit_area="policing")
    url = reverse("counterterrorism:strategy_link", args=[strategy.pk])
    client = personas["staff_other_unit"]
    client.post(url, {"activity": activity.pk, "action": "link"})
    assert list(strategy.activities.all()) == [activity]
    assert client.post(url, {"activity": policing.pk, "action": "link"}).status_code == 404
    client.post(url, {"activity": activity.pk, "action": "unlink"})
    assert not strategy.activities.exists()
    assert personas["manager"].post(url, {"activity": activity.pk}).status_code == 403


def test_detail_search_offers_unlinked_activities(personas):
    strategy = StrategyFactory()
    CtActivityFactory(title="Border management training")
    response = personas["staff_other_unit"].get(
        reverse("counterterrorism:strategy_detail", args=[strategy.pk]), {"q": "border"}
    )
    assert [a.title for a in response.context["candidates"]] == ["Border management training"]


def _build(n):
    for _ in range(n):
        strategy = StrategyFactory()
        MilestoneFactory(strategy=strategy, status=MilestoneStatus.DELAYED)
        strategy.activities.add(CtActivityFactory())


def test_list_shows_progress_and_query_count_does_not_grow(
    personas, django_assert_max_num_queries, django_assert_num_queries
):
    client = personas["manager"]
    _build(2)
    with django_assert_max_num_queries(20) as small:
        response = client.get(reverse("counterterrorism:strategy_list"))
    first = response.context["strategies"][0]
    assert (first.milestones_total, first.milestones_overdue, first.activity_count) == (1, 1, 1)
    _build(6)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("counterterrorism:strategy_list"))
