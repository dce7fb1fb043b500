"""The Django admin cannot change an approved activity either, nor anything hanging off it (issue 12 §5; the pages
and the API are held to it by tests/test_approved_locked.py). An administrator tries each admin route: the change
page, its POST, delete (one and in bulk), history revert, adding a record to the activity, and linking it from a
strategy. The same routes on a completed activity are the control: they stay open to administrators."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from counterterrorism.tests.factories import EventDetailFactory, StrategyFactory
from policing.tests.factories import CagMeetingFactory, IssueFactory
from programmes.models import Activity, ActivityStatus, Participation
from programmes.tests.factories import ActivityFactory, ActivityPartnerFactory, ParticipationFactory, PersonFactory
from training.tests.factories import CertificateFactory, TrainingDetailFactory

pytestmark = pytest.mark.django_db

APPROVED = "This activity is approved: it can no longer be changed."


def _records(status):
    """One record of each admin'd kind hanging off an activity of `status`: (admin url name, record, activity)."""
    activity = ActivityFactory(status=status)
    ActivityPartnerFactory(activity=activity)
    participation = ParticipationFactory(activity=activity)
    certificate = CertificateFactory()
    Activity.objects.filter(pk=certificate.participation.activity_id).update(status=status)
    meeting = CagMeetingFactory(activity__status=status)
    issue = IssueFactory(meeting=CagMeetingFactory(activity__status=status))
    training = TrainingDetailFactory(activity__status=status)
    event = EventDetailFactory(activity__status=status)
    return [
        ("admin:programmes_activity", activity, activity),
        ("admin:programmes_participation", participation, activity),
        ("admin:training_certificate", certificate, certificate.participation.activity),
        ("admin:policing_cagmeeting", meeting, meeting.activity),
        ("admin:policing_issueraised", issue, issue.meeting.activity),
        ("admin:training_trainingdetail", training, training.activity),
        ("admin:counterterrorism_eventdetail", event, event.activity),
    ]


def _snapshot(record):
    record.refresh_from_db()
    return model_to_dict(record), record.history.count()


def test_admin_cannot_change_or_delete_what_hangs_off_an_approved_activity(personas):
    client = personas["administrator"]
    for name, record, _activity in _records(ActivityStatus.APPROVED):
        before = _snapshot(record)
        page = client.get(reverse(f"{name}_change", args=[record.pk]))
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode(), name  # read-only
        assert client.post(reverse(f"{name}_change", args=[record.pk]), {}).status_code == 403, name
        assert client.post(reverse(f"{name}_delete", args=[record.pk]), {"post": "yes"}).status_code == 403, name
        bulk = client.post(
            reverse(f"{name}_changelist"), {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"}
        )
        assert bulk.status_code == 403, name
        version = record.history.order_by("-history_id").first().history_id
        revert = client.post(reverse(f"{name}_simple_history", args=[record.pk, version]), {})
        assert revert.status_code == 403, name
        assert type(record).objects.filter(pk=record.pk).exists() and _snapshot(record) == before, name


def test_control_the_same_records_stay_open_before_approval(personas):
    client = personas["administrator"]
    for name, record, _activity in _records(ActivityStatus.COMPLETED):
        page = client.get(reverse(f"{name}_change", args=[record.pk]))
        assert page.status_code == 200 and 'name="_save"' in page.content.decode(), name
    _name, participation, _activity = _records(ActivityStatus.COMPLETED)[1]
    assert client.post(reverse("admin:programmes_participation_delete", args=[participation.pk]), {"post": "yes"})
    assert not Participation.objects.filter(pk=participation.pk).exists()


def _participation_form(activity, person):
    return {
        "activity": activity.pk,
        "person": person.pk,
        "role": Participation._meta.get_field("role").default,
        "days_attended": "",
        "pre_test_score": "",
        "post_test_score": "",
    }


def test_admin_cannot_add_a_participant_to_an_approved_activity(personas):
    client = personas["administrator"]
    approved, completed = ActivityFactory(status=ActivityStatus.APPROVED), ActivityFactory()
    person = PersonFactory()
    url = reverse("admin:programmes_participation_add")
    refused = client.post(url, _participation_form(approved, person))
    assert refused.status_code == 200 and APPROVED in refused.content.decode()
    assert not approved.participations.exists()
    approved.refresh_from_db()
    assert approved.participants_total == 0

    done = client.post(url, _participation_form(completed, person))  # control
    assert done.status_code == 302 and completed.participations.filter(person=person).exists()


def test_admin_cannot_revert_an_approved_activitys_participation(personas):
    """django-simple-history's revert saves the form it is given without asking for change permission."""
    client = personas["administrator"]
    participation = ParticipationFactory(activity=ActivityFactory(status=ActivityStatus.APPROVED))
    version = participation.history.order_by("-history_id").first().history_id
    data = _participation_form(participation.activity, participation.person) | {"days_attended": "9"}
    url = reverse("admin:programmes_participation_simple_history", args=[participation.pk, version])
    assert client.post(url, data).status_code == 403
    participation.refresh_from_db()
    assert participation.days_attended != 9


def test_admin_cannot_move_a_participation_onto_an_approved_activity(personas):
    client = personas["administrator"]
    participation = ParticipationFactory(activity=ActivityFactory())
    approved = ActivityFactory(status=ActivityStatus.APPROVED)
    response = client.post(
        reverse("admin:programmes_participation_change", args=[participation.pk]),
        _participation_form(approved, participation.person),
    )
    assert response.status_code == 200 and APPROVED in response.content.decode()
    participation.refresh_from_db()
    assert participation.activity_id != approved.pk


def test_admin_cannot_link_or_unlink_an_approved_activity_from_a_strategy(personas):
    client = personas["administrator"]
    approved = ActivityFactory(status=ActivityStatus.APPROVED)
    strategy = StrategyFactory()
    url = reverse("admin:counterterrorism_strategy_change", args=[strategy.pk])
    form = client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None and key != "activities"}
    data |= {"activities": str(approved.pk)}
    data |= {f"milestones-{key}": "0" for key in ("TOTAL_FORMS", "INITIAL_FORMS")}
    data |= {"milestones-MIN_NUM_FORMS": "0", "milestones-MAX_NUM_FORMS": "1000"}
    response = client.post(url, data)
    assert response.status_code == 200 and APPROVED in response.content.decode()
    assert not strategy.activities.exists()

    strategy.activities.add(approved)  # linked before approval: the strategy page is now read-only
    page = client.get(url)
    assert 'name="_save"' not in page.content.decode()
    assert client.post(url, data | {"activities": ""}).status_code == 403
    assert strategy.activities.filter(pk=approved.pk).exists()
