import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.units import UnitArea
from programmes.models import ActivityStatus, ParticipationRole, Sex
from programmes.tests.factories import LocationFactory, ParticipationFactory, PartnerFactory, PersonFactory

from ..selectors import reach
from .factories import ReachTargetFactory, TrainingDetailFactory

pytestmark = pytest.mark.django_db


def _training(location=None, **kwargs):
    location = location or LocationFactory()
    return TrainingDetailFactory(activity__unit_area=UnitArea.ASSEMBLY, activity__location=location, **kwargs).activity


def test_unique_people_versus_person_trainings(manager):
    patrol, troops = PartnerFactory(acronym="MIA-PP"), PartnerFactory(acronym="MIA-IT")
    baku = LocationFactory(code="AZ-BA", name="Baku")
    ganja = LocationFactory()
    aysel = PersonFactory(sex=Sex.FEMALE, organisation=patrol)
    elcin = PersonFactory(sex=Sex.MALE, organisation=patrol)
    rashad = PersonFactory(sex=Sex.MALE, organisation=troops)
    first, second, third = _training(baku), _training(baku), _training(ganja)
    for activity, people in ((first, [aysel, elcin, rashad]), (second, [aysel, elcin]), (third, [aysel])):
        for person in people:
            ParticipationFactory(activity=activity, person=person)
    ParticipationFactory(activity=first, role=ParticipationRole.TRAINER)  # trainers are not trainees
    planned = _training(baku, activity__status=ActivityStatus.PLANNED)
    ParticipationFactory(activity=planned, person=rashad)  # not held yet
    ReachTargetFactory(target_group=patrol, location=baku, people=4)
    ReachTargetFactory(people=10)

    data = reach(manager)

    assert (data["totals"]["unique_people"], data["totals"]["person_trainings"]) == (3, 6)
    assert (data["totals"]["unique_women"], data["totals"]["trainings_women"]) == (1, 3)
    groups = {row["person__organisation"]: row for row in data["by_group"]}
    assert (groups[patrol.pk]["unique_people"], groups[patrol.pk]["person_trainings"]) == (2, 5)
    assert (groups[troops.pk]["unique_people"], groups[troops.pk]["person_trainings"]) == (1, 1)
    cities = {row["activity__location"]: row for row in data["by_city"]}
    assert (cities[baku.pk]["unique_people"], cities[baku.pk]["person_trainings"]) == (3, 5)
    assert (cities[ganja.pk]["unique_people"], cities[ganja.pk]["person_trainings"]) == (1, 1)
    targets = {(t.target_group_id, t.location_id): t for t in data["targets"]}
    assert (targets[(patrol.pk, baku.pk)].reached, targets[(patrol.pk, baku.pk)].percent) == (2, 50)
    assert targets[(None, None)].reached == 3


def test_only_visible_trainings_count_for_staff():
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    staff = UserFactory(role=Role.STAFF, unit_areas=[UnitArea.ASSEMBLY])
    ParticipationFactory(activity=_training())
    ParticipationFactory(activity=TrainingDetailFactory(activity__unit_area=UnitArea.COUNTERTERRORISM).activity)
    assert reach(staff)["totals"]["unique_people"] == 1


@pytest.mark.parametrize("name", ["training:reach", "training:learning", "training:index"])
def test_summary_query_counts_do_not_grow(personas, django_assert_num_queries, name):
    def build(n):
        for _ in range(n):
            activity = _training()
            ReachTargetFactory(target_group=PartnerFactory(), people=5)
            for _ in range(3):
                ParticipationFactory(activity=activity, pre_test_score=40, post_test_score=70)

    client = personas["manager"]
    build(2)
    with CaptureQueriesContext(connection) as baseline_queries:
        assert client.get(reverse(name)).status_code == 200
    baseline = len(baseline_queries)
    build(6)
    with django_assert_num_queries(baseline):
        client.get(reverse(name))
