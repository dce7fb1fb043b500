import pytest
from django.urls import reverse

from counterterrorism import selectors
from programmes.models import ActivityStatus, ParticipantMode, PartnerRole
from programmes.services import refresh_participant_counts
from programmes.tests.factories import (
    ActivityFactory,
    ActivityPartnerFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
)

from .factories import CtActivityFactory

pytestmark = pytest.mark.django_db


def _activity(partner, *, mode=ParticipantMode.ROSTER, people=(), status=ActivityStatus.APPROVED, **kwargs):
    activity = CtActivityFactory(participant_mode=mode, status=status, **kwargs)
    ActivityPartnerFactory(activity=activity, partner=partner, role=PartnerRole.BENEFICIARY)
    for person in people:
        ParticipationFactory(activity=activity, person=person)
    refresh_participant_counts(activity=activity)
    return activity


def test_trainings_person_trainings_and_unique_people_per_institution():
    sbs = PartnerFactory(name="State Border Service", acronym="SBS")
    a, b = PersonFactory(sex="female"), PersonFactory(sex="male")
    _activity(sbs, people=[a, b])
    _activity(sbs, people=[a])  # the same woman again: a second person-training, not a second person
    _activity(sbs, mode=ParticipantMode.HEADCOUNT, headcount_women=2, headcount_men=10)
    _activity(sbs, people=[PersonFactory()], status=ActivityStatus.PLANNED)  # not held: not counted
    ActivityPartnerFactory(activity=CtActivityFactory(status="approved"), partner=sbs, role=PartnerRole.ORGANISER)
    (row,) = selectors.beneficiary_summary()
    assert row["partner__acronym"] == "SBS"
    assert (row["activities"], row["person_trainings"], row["women"], row["men"]) == (3, 15, 4, 11)
    assert (row["headcount"], row["unique_people"]) == (12, 2)


def test_other_units_activities_are_not_counted():
    partner = PartnerFactory()
    ActivityPartnerFactory(
        activity=ActivityFactory(unit_area="policing"),
        partner=partner,
        role=PartnerRole.BENEFICIARY,
    )
    assert selectors.beneficiary_summary() == []


def test_year_filter():
    partner = PartnerFactory()
    _activity(partner, people=[PersonFactory()])
    assert selectors.beneficiary_summary(year=2011)[0]["activities"] == 1
    assert selectors.beneficiary_summary(year=2012) == []


def _build(n):
    partners = [PartnerFactory() for _ in range(3)]
    for i in range(n):
        _activity(partners[i % 3], people=[PersonFactory(), PersonFactory()])


@pytest.mark.parametrize("name", ["counterterrorism:beneficiaries", "counterterrorism:index"])
def test_query_count_does_not_grow_with_data(personas, django_assert_max_num_queries, django_assert_num_queries, name):
    client = personas["staff_other_unit"]
    _build(3)
    with django_assert_max_num_queries(20) as small:
        assert client.get(reverse(name)).status_code == 200
    _build(9)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(reverse(name)).status_code == 200


def test_beneficiary_detail_lists_the_activities(personas):
    partner = PartnerFactory(name="Main Organized Crime Department")
    activity = _activity(partner, people=[PersonFactory()], title="Organised-crime investigation workshop")
    body = personas["manager"].get(reverse("counterterrorism:beneficiary_detail", args=[partner.pk])).content.decode()
    assert activity.title in body
    unrelated = PartnerFactory()
    assert (
        personas["manager"].get(reverse("counterterrorism:beneficiary_detail", args=[unrelated.pk])).status_code == 404
    )
