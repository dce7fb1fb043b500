import pytest
from django.urls import reverse

from counterterrorism.models import EventDetail
from programmes.models import ParticipantMode, Participation, ParticipationRole

from .factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def test_staff_record_event_details_and_speakers(personas):
    conference = ConferenceFactory(participant_mode=ParticipantMode.HEADCOUNT, headcount_men=40)
    client = personas["staff_other_unit"]
    client.post(reverse("counterterrorism:event_edit", args=[conference.pk]), {"scope": "national", "agenda": "Cyber"})
    assert EventDetail.objects.get(activity=conference).agenda == "Cyber"
    response = client.post(
        reverse("counterterrorism:event_add_contributor", args=[conference.pk]),
        {"role": "moderator", "first_name": "Elçin", "last_name": "Məmmədov", "sex": "male"},
    )
    assert response.status_code == 302
    participation = Participation.objects.get(activity=conference)
    assert participation.role == ParticipationRole.MODERATOR
    conference.refresh_from_db()
    assert conference.participants_total == 40  # headcount mode: the roster does not replace the headcount


def test_event_list_query_count_does_not_grow(personas, django_assert_max_num_queries, django_assert_num_queries):
    ConferenceFactory()
    with django_assert_max_num_queries(20) as small:
        personas["manager"].get(reverse("counterterrorism:event_list"))
    for _ in range(5):
        EventDetail.objects.create(activity=ConferenceFactory())
    with django_assert_num_queries(len(small.captured_queries)):
        personas["manager"].get(reverse("counterterrorism:event_list"))
