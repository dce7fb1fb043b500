"""The CagMonth summaries equal a full recount after every kind of write, and the readers built on them give what
counting the meetings and actions themselves gives."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes import summaries as core_summaries
from programmes import workflow
from programmes.models import ActivityStatus
from programmes.tests.factories import LocationFactory, ProjectFactory

from .. import selectors, services
from ..models import CagMeeting, CagMonth, FollowUpAction
from .factories import ActionFactory, CagFactory, IssueFactory, MeetingActivityFactory
from .helpers import meeting_on, recounted_cag_months, stored_cag_months

pytestmark = pytest.mark.django_db


def _assert_current():
    assert stored_cag_months() == recounted_cag_months()


def test_recording_and_editing_meetings_keeps_the_months_current(manager):
    cag, other = CagFactory(), CagFactory()
    meeting = services.record_meeting(
        cag=cag, project=ProjectFactory(), title="Spring meeting", date=datetime.date(2024, 3, 5)
    )
    _assert_current()
    assert CagMonth.objects.get(cag=cag).meetings == 1

    meeting.members_present = 0
    meeting.save()
    _assert_current()

    meeting = CagMeeting.objects.get(pk=meeting.pk)  # as a form would load it
    meeting.cag = other
    meeting.save()
    _assert_current()
    assert not CagMonth.objects.filter(cag=cag).exists()

    activity = meeting.activity
    activity.start_date = activity.end_date = datetime.date(2024, 7, 1)
    activity.save()
    _assert_current()
    assert list(CagMonth.objects.values_list("month", flat=True)) == [datetime.date(2024, 7, 1)]

    activity.delete()
    _assert_current()
    assert not CagMonth.objects.exists()


def test_workflow_steps_count_the_meeting_once_it_is_held(manager, staff_policing):
    meeting = meeting_on(CagFactory(), datetime.date(2024, 2, 1), activity__status=ActivityStatus.PLANNED)
    assert not CagMonth.objects.exists()
    for action, user in (("complete", staff_policing), ("submit", staff_policing), ("approve", manager)):
        workflow.transition(activity=meeting.activity, action=action, user=user)
        _assert_current()
        assert CagMonth.objects.get().meetings == 1
    planned = meeting_on(CagFactory(), datetime.date(2024, 2, 2), activity__status=ActivityStatus.PLANNED)
    workflow.transition(activity=planned.activity, action="cancel", user=staff_policing)
    _assert_current()


def test_issues_and_actions_keep_the_open_actions_due_current():
    first = meeting_on(CagFactory(), datetime.date(2024, 1, 10))
    second = meeting_on(CagFactory(), datetime.date(2024, 1, 12))
    action = ActionFactory(issue__meeting=first, due_date=datetime.date(2024, 3, 1))
    ActionFactory(issue=action.issue, due_date=datetime.date(2024, 3, 20))
    _assert_current()
    assert CagMonth.objects.get(cag=first.cag, month=datetime.date(2024, 3, 1)).open_actions_due == 2

    action.due_date = datetime.date(2024, 4, 2)
    action.save()
    _assert_current()
    action.status, action.outcome = "done", "Speed bump built"
    action.save()
    _assert_current()

    issue = type(action.issue).objects.get(pk=action.issue_id)
    issue.meeting = second
    issue.save()
    _assert_current()
    assert not CagMonth.objects.filter(cag=first.cag, open_actions_due__gt=0).exists()

    action.delete()
    IssueFactory(meeting=second).delete()
    _assert_current()
    second.activity.delete()  # cascades to its issues and their actions
    _assert_current()
    assert not CagMonth.objects.filter(cag=second.cag).exists()


def test_rebuild_recomputes_what_bulk_loads_bypassed():
    cag = CagFactory()
    ActionFactory(issue__meeting=meeting_on(cag, datetime.date(2024, 1, 10)))
    # Writes that send no signals, as the demo loads and repairs made by hand do:
    CagMeeting.objects.bulk_create([CagMeeting(activity=MeetingActivityFactory(), cag=cag)])
    FollowUpAction.objects.update(status="done", outcome="Fixed")
    CagMonth.objects.update(members_present=99)
    assert stored_cag_months() != recounted_cag_months()

    core_summaries.rebuild()  # the core rebuild runs the units' registered rebuilders
    _assert_current()
    CagMonth.objects.all().delete()
    call_command("rebuild_summaries", stdout=open("/dev/null", "w"))  # noqa: SIM115
    _assert_current()


D = datetime.date
DAYS = [D(2023, 12, 31), D(2024, 1, 1), D(2024, 1, 15), D(2024, 2, 29)]
STARTS = [None, D(2023, 11, 1), D(2023, 12, 20), D(2024, 1, 10)]
MEETING_DAYS = [D(2023, 11, 5), D(2023, 12, 20), D(2024, 1, 1), D(2024, 1, 15), D(2024, 1, 16), D(2024, 2, 29)]


# Ranges from whole months only to within one month, starting and ending on and off a month's first day.
@pytest.mark.parametrize(("start", "end"), [(s, e) for s in STARTS for e in DAYS if s is None or s <= e])
def test_held_totals_equal_counting_the_meetings(start, end):
    here, there = LocationFactory(), LocationFactory(code="AZ-SR", name="Shirvan")
    groups = [CagFactory(location=here), CagFactory(location=there)]
    for i, day in enumerate(MEETING_DAYS):
        meeting_on(groups[i % 2], day, members_present=i, members_total=6)
    meeting_on(groups[0], datetime.date(2024, 1, 2), activity__status=ActivityStatus.CANCELLED)
    raw = selectors.held_meetings(end)
    if start:
        raw = raw.filter(activity__start_date__gte=start)
    for where, meetings in (({}, raw), ({"cag__location_id": there.pk}, raw.filter(cag__location=there))):
        totals = selectors.held_totals(("cag",), end, start, **where)
        expected = {}
        for m in meetings.select_related("activity"):
            row = expected.setdefault((m.cag_id,), {"n": 0, "present": 0, "expected": 0, "last": None})
            row["n"] += 1
            row["present"] += m.members_present
            row["expected"] += m.members_total
            row["last"] = max(filter(None, [row["last"], m.activity.start_date]))
        assert {k: v for k, v in totals.items() if v["n"]} == expected


@pytest.mark.parametrize("today", [*DAYS, D(2024, 3, 1)])
def test_overdue_count_equals_counting_the_actions(manager, staff_ct, today):
    meeting = meeting_on(CagFactory(), datetime.date(2023, 10, 1))
    for day in [D(2023, 11, 30), D(2023, 12, 31), D(2024, 1, 1), D(2024, 1, 14), D(2024, 1, 15), D(2024, 2, 28)]:
        ActionFactory(issue__meeting=meeting, due_date=day)
    ActionFactory(issue__meeting=meeting, due_date=datetime.date(2023, 11, 1), status="done", outcome="Fixed")
    assert selectors.overdue_count(manager, today) == FollowUpAction.objects.overdue(today).count()
    assert selectors.overdue_count(staff_ct, today) == 0


def _build(n):
    for _ in range(n):
        cag = CagFactory()
        for day in (datetime.date(2023, 7, 1), datetime.date(2024, 2, 10), datetime.date(2024, 5, 2)):
            ActionFactory(issue__meeting=meeting_on(cag, day), due_date=day + datetime.timedelta(days=20))


def _rollout_queries(user):
    selectors.rollout(user, today=datetime.date(2024, 5, 10))  # the user's roles are looked up once and cached
    with CaptureQueriesContext(connection) as context:
        selectors.rollout(user, today=datetime.date(2024, 5, 10))
    return len(context)


def test_rollout_query_count_does_not_grow_with_the_data(manager):
    _build(1)
    small = _rollout_queries(manager)
    _build(5)
    assert _rollout_queries(manager) == small == 5
