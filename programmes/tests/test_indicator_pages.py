import pytest
from django.urls import reverse

from programmes.models import PeriodStatus
from programmes.tests.factories import ActivityFactory, ParticipationFactory
from programmes.tests.factories_results import IndicatorFactory, IndicatorPeriodFactory

pytestmark = pytest.mark.django_db


def _manual_period(**kwargs):
    return IndicatorPeriodFactory(indicator=IndicatorFactory(rule="manual"), **kwargs)


def test_staff_enter_submit_and_managers_approve_a_manual_actual(personas):
    period = _manual_period()
    indicator = period.indicator
    staff = personas["staff_same_unit"]
    url = reverse("period_edit", args=[indicator.pk, period.pk])
    response = staff.post(url, {"actual": "12", "actual_women": "5", "actual_men": "7", "narrative": "Two courses."})
    assert response.status_code == 302
    staff.post(reverse("period_transition", args=[indicator.pk, period.pk]), {"action": "submit"})
    period.refresh_from_db()
    assert period.status == PeriodStatus.SUBMITTED
    assert staff.get(url).status_code == 403  # locked while under review
    personas["manager"].post(reverse("period_transition", args=[indicator.pk, period.pk]), {"action": "approve"})
    period.refresh_from_db()
    assert period.status == PeriodStatus.APPROVED and period.actual == 12


def test_manual_actual_rejects_impossible_figures(personas):
    period = _manual_period()
    response = personas["staff_same_unit"].post(
        reverse("period_edit", args=[period.indicator.pk, period.pk]),
        {"actual": "5", "actual_women": "4", "actual_men": "4", "narrative": "x"},
    )
    assert response.status_code == 200 and "cannot exceed the total" in response.content.decode()


def test_submitting_a_manual_period_needs_a_figure_and_narrative(personas):
    period = _manual_period()
    personas["staff_same_unit"].post(
        reverse("period_transition", args=[period.indicator.pk, period.pk]), {"action": "submit"}
    )
    period.refresh_from_db()
    assert period.status == PeriodStatus.OPEN


def test_drill_down_page_matches_the_figure(personas):
    period = IndicatorPeriodFactory()
    activity = ActivityFactory(project=period.indicator.result.project, status="approved")
    for _ in range(3):
        ParticipationFactory(activity=activity)
    from programmes.services import refresh_participant_counts

    refresh_participant_counts(activity=activity)
    response = personas["manager"].get(reverse("period_activities", args=[period.indicator.pk, period.pk]))
    assert [a.pk for a in response.context["page"]] == [activity.pk]
    assert response.context["figure"].value == 3


def test_indicator_list_query_count_does_not_grow(personas, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            personas["manager"].get(reverse("indicator_list"))
        return len(ctx.captured_queries)

    period = IndicatorPeriodFactory()
    ActivityFactory(project=period.indicator.result.project, status="approved")
    small = count()
    for _ in range(10):
        ParticipationFactory(activity=ActivityFactory(project=period.indicator.result.project, status="approved"))
    assert count() == small
