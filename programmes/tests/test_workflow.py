import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from programmes.models import Activity, ActivityReview
from programmes.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _step(client, activity, action, comment=""):
    return client.post(reverse("activity_transition", args=[activity.pk]), {"action": action, "comment": comment})


def _status(activity):
    return Activity.objects.get(pk=activity.pk).status


def test_planned_to_approved(personas, staff_policing, manager):
    activity = ActivityFactory()
    staff, boss = personas["staff_same_unit"], personas["manager"]
    _step(staff, activity, "complete")
    assert _status(activity) == "completed"
    _step(staff, activity, "submit")
    assert _status(activity) == "submitted"
    _step(boss, activity, "approve")
    assert _status(activity) == "approved"
    steps = list(ActivityReview.objects.order_by("at", "id").values_list("to_status", "by"))
    assert steps == [("completed", staff_policing.pk), ("submitted", staff_policing.pk), ("approved", manager.pk)]


def test_staff_cannot_approve_and_managers_cannot_submit(personas):
    activity = ActivityFactory(status="submitted")
    response = _step(personas["staff_same_unit"], activity, "approve")
    assert response.status_code == 302 and _status(activity) == "submitted"
    planned = ActivityFactory(status="completed")
    _step(personas["manager"], planned, "submit")
    assert _status(planned) == "completed"


def test_returning_needs_a_comment_which_staff_then_see(personas):
    activity = ActivityFactory(status="submitted")
    response = _step(personas["manager"], activity, "return")
    assert _status(activity) == "submitted"
    assert "comment is required" in personas["manager"].get(response["Location"]).content.decode()
    _step(personas["manager"], activity, "return", "Add the attendance sheet scan.")
    assert _status(activity) == "returned"
    page = personas["staff_same_unit"].get(reverse("activity_detail", args=[activity.pk])).content.decode()
    assert "Add the attendance sheet scan." in page
    _step(personas["staff_same_unit"], activity, "submit")
    assert _status(activity) == "submitted"


def test_approved_and_submitted_activities_are_locked_for_staff(personas):
    for status in ("submitted", "approved"):
        activity = ActivityFactory(status=status)
        client = personas["staff_same_unit"]
        assert client.get(reverse("activity_edit", args=[activity.pk])).status_code == 403
        assert client.get(reverse("participant_add", args=[activity.pk])).status_code == 403
        assert client.get(reverse("evidence_upload", args=[activity.pk])).status_code == 403
        # Administrators may correct a submitted activity; an approved one is locked for everybody.
        expected = 200 if status == "submitted" else 403
        assert personas["administrator"].get(reverse("activity_edit", args=[activity.pk])).status_code == expected


def test_nobody_approves_their_own_submission(client):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    client.force_login(admin)
    activity = ActivityFactory(status="completed")
    _step(client, activity, "submit")
    _step(client, activity, "approve")
    assert _status(activity) == "submitted"


def test_managers_approve_several_at_once(personas):
    activities = [ActivityFactory(status="submitted") for _ in range(3)]
    other = ActivityFactory(status="submitted")
    response = personas["manager"].post(
        reverse("review_queue"), {"action": "approve", "activity": [a.pk for a in activities]}
    )
    assert response.status_code == 302
    assert [_status(a) for a in activities] == ["approved"] * 3 and _status(other) == "submitted"


def test_bulk_return_without_comment_changes_nothing(personas):
    activities = [ActivityFactory(status="submitted") for _ in range(2)]
    personas["manager"].post(reverse("review_queue"), {"action": "return", "activity": [a.pk for a in activities]})
    assert [_status(a) for a in activities] == ["submitted"] * 2


def test_history_tab_shows_steps_and_field_changes(personas):
    activity = ActivityFactory(title="Old title", status="completed")
    activity.title = "New title"
    activity.save()
    _step(personas["staff_same_unit"], activity, "submit")
    page = personas["staff_same_unit"].get(reverse("activity_history", args=[activity.pk])).content.decode()
    assert "Old title → New title" in page
    assert "Submitted for approval" in page
