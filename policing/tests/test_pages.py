import datetime

import pytest
from django.urls import reverse

from programmes.models import Activity, ActivityKind, ParticipantMode, Theme
from programmes.tests.factories import LocationFactory, ProjectFactory

from ..models import CagMeeting, IssueRaised
from .factories import ActionFactory, CagFactory, CagMeetingFactory, CagMemberFactory, IssueFactory
from .helpers import count_queries

pytestmark = pytest.mark.django_db


def _groups_with_data(n):
    for _ in range(n):
        cag = CagFactory(location=LocationFactory(code=f"AZ-T{CagFactory._meta.model.objects.count()}", name="Town"))
        CagMemberFactory.create_batch(2, cag=cag)
        meeting = CagMeetingFactory(cag=cag, activity__location=cag.location)
        ActionFactory(issue=IssueFactory(meeting=meeting), due_date=datetime.date(2012, 1, 1))


def test_counterterrorism_staff_cannot_open_policing_pages(personas):
    meeting = CagMeetingFactory()
    issue = IssueFactory(meeting=meeting)
    client = personas["staff_other_unit"]
    for name in ("policing:index", "policing:rollout", "policing:overdue"):
        assert client.get(reverse(name)).status_code == 403
    for name, pk in (
        ("policing:cag_detail", meeting.cag_id),
        ("policing:meeting_detail", meeting.pk),
        ("policing:meeting_add", meeting.cag_id),
        ("policing:issue_add", meeting.pk),
        ("policing:action_add", issue.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404


def test_list_shows_members_meetings_and_overdue_counts(personas):
    cag = CagFactory(police_department="Shirvan City Police Department")
    CagMemberFactory.create_batch(3, cag=cag)
    CagMemberFactory(cag=cag, left_on=datetime.date(2010, 1, 1))  # has left: not counted
    meeting = CagMeetingFactory(cag=cag)
    ActionFactory(issue=IssueFactory(meeting=meeting), due_date=datetime.date(2012, 1, 1))

    response = personas["staff_same_unit"].get(reverse("policing:index"))

    group = response.context["page"][0]
    assert (group.members_now, group.meetings_held, group.overdue_actions) == (3, 1, 1)
    assert group.last_meeting == meeting.activity.start_date
    assert "Shirvan City Police Department" in response.text


@pytest.mark.parametrize("name", ["policing:index", "policing:rollout"])
def test_list_and_rollout_query_counts_do_not_grow(personas, django_assert_num_queries, name):
    client = personas["staff_same_unit"]
    _groups_with_data(2)
    baseline = count_queries(client, reverse(name))
    _groups_with_data(6)
    with django_assert_num_queries(baseline):
        client.get(reverse(name))


def test_detail_query_count_does_not_grow(personas, django_assert_num_queries):
    client = personas["staff_same_unit"]
    cag = CagFactory()
    CagMemberFactory.create_batch(2, cag=cag)
    for _ in range(2):
        ActionFactory(issue=IssueFactory(meeting=CagMeetingFactory(cag=cag)))
    url = reverse("policing:cag_detail", args=[cag.pk])
    baseline = count_queries(client, url)
    for _ in range(6):
        ActionFactory(issue=IssueFactory(meeting=CagMeetingFactory(cag=cag)))
    with django_assert_num_queries(baseline):
        client.get(url)


def _meeting_post(project, **overrides):
    topic = Theme.objects.create(code="road-safety", name="Road safety", unit_area="policing")
    data = {
        "project": project.pk,
        "title": "Community Advisory Group meeting",
        "date": "2012-06-14",
        "venue": "Police department",
        "women": 5,
        "men": 9,
        "members_present": 2,
        "police_attendees": 3,
        "topics": [topic.pk],
        "minutes": "Discussed the market road.",
    }
    data.update(overrides)
    return data


def test_staff_records_a_meeting_as_a_headcount_activity(personas):
    cag = CagFactory()
    CagMemberFactory.create_batch(3, cag=cag)
    project = ProjectFactory()

    response = personas["staff_same_unit"].post(reverse("policing:meeting_add", args=[cag.pk]), _meeting_post(project))

    meeting = CagMeeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("policing:meeting_detail", args=[meeting.pk])
    activity = meeting.activity
    assert (activity.kind, activity.unit_area, activity.location_id) == (
        ActivityKind.MEETING,
        "policing",
        cag.location_id,
    )
    assert activity.participant_mode == ParticipantMode.HEADCOUNT
    assert (activity.participants_women, activity.participants_men) == (5, 9)
    assert (meeting.members_present, meeting.members_total, meeting.police_attendees) == (2, 3, 3)
    assert list(activity.themes.values_list("code", flat=True)) == ["road-safety"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"members_present": 7}, "members_present"),
        ({"date": "2008-01-01"}, "date"),
        ({"women": -1}, "women"),
        ({"date": "not a date"}, "date"),
    ],
)
def test_bad_meeting_input_is_reported_at_the_field_and_nothing_is_saved(personas, overrides, field):
    cag = CagFactory()
    CagMemberFactory.create_batch(3, cag=cag)
    project = ProjectFactory()

    response = personas["staff_same_unit"].post(
        reverse("policing:meeting_add", args=[cag.pk]), _meeting_post(project, **overrides)
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Activity.objects.exists() and not CagMeeting.objects.exists()


def test_managers_do_not_record_meetings(personas):
    cag = CagFactory()
    response = personas["manager"].post(reverse("policing:meeting_add", args=[cag.pk]), {})
    assert response.status_code == 403


def test_issue_and_action_forms(personas):
    meeting = CagMeetingFactory(activity__status="completed")  # an approved meeting's issues are locked
    client = personas["staff_same_unit"]

    client.post(reverse("policing:issue_add", args=[meeting.pk]), {"summary": "Stray dogs near the kindergarten"})
    issue = IssueRaised.objects.get()
    response = client.post(
        reverse("policing:action_add", args=[issue.pk]),
        {"description": "Call the municipality", "owner": "CAG chair", "due_date": "2012-05-01", "status": "done"},
    )
    assert response.status_code == 200
    assert "outcome" in response.context["form"].errors
    client.post(
        reverse("policing:action_add", args=[issue.pk]),
        {"description": "Call the municipality", "owner": "CAG chair", "due_date": "2012-05-01", "status": "open"},
    )
    action = issue.actions.get()
    detail = client.get(reverse("policing:meeting_detail", args=[meeting.pk]))
    assert "Stray dogs near the kindergarten" in detail.text and "Overdue" in detail.text

    client.post(
        reverse("policing:action_edit", args=[action.pk]),
        {
            **{"description": action.description, "owner": action.owner, "due_date": "2012-05-01"},
            "status": "done",
            "outcome": "Dogs rehomed",
        },
    )
    action.refresh_from_db()
    assert (action.status, action.outcome) == ("done", "Dogs rehomed")
