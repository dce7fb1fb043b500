"""Names of people only where accounts.access.can_see_person_names allows (counter-terrorism: its own staff and
managers, not administrators or other staff)."""

import pytest

from accounts.units import UnitArea
from audit.models import AccessLog
from programmes.tests.factories import ActivityFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ct_participation():
    return ParticipationFactory(activity=ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM))


@pytest.mark.parametrize(("persona", "named"), [("staff_ct", True), ("manager", True), ("administrator", False)])
def test_names_of_restricted_unit(request, client_for, ct_participation, persona, named):
    client = client_for(request.getfixturevalue(persona))
    row = client.get("/api/v1/participations/").json()["results"][0]
    assert (row["person_name"] is not None) is named
    assert row["person_sex"] == ct_participation.person.sex
    person = client.get(f"/api/v1/people/{ct_participation.person_id}/").json()
    assert (person["last_name"] == ct_participation.person.last_name) is named
    if not named:
        assert person["first_name"] is None and person["last_name"] is None
    listed = client.get("/api/v1/people/").json()["results"][0]
    assert (listed["first_name"] is not None) is named


def test_policing_names_visible_to_its_staff_and_logged(client_for, staff_policing):
    participation = ParticipationFactory()
    row = client_for(staff_policing).get("/api/v1/participations/").json()["results"][0]
    assert row["person_name"] == participation.person.full_name
    assert AccessLog.objects.filter(action="view_personal", detail="api participations").exists()


def test_people_list_query_count_does_not_grow(client_for, administrator, django_assert_max_num_queries):
    client = client_for(administrator)
    for _ in range(3):
        ParticipationFactory(activity=ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM))
    with django_assert_max_num_queries(12) as small:
        client.get("/api/v1/people/")
    for _ in range(9):
        ParticipationFactory(activity=ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/api/v1/people/")
