"""Names stay inside their unit through the API too (issue 12 §2)."""

import pytest

from accounts.units import UnitArea
from programmes.models import Participation
from programmes.tests.factories import ActivityFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_api_cannot_attach_a_person_whose_name_the_user_may_not_see(client_for, administrator):
    """Administrators may not see counter-terrorism names: attaching such a person by id to a policing activity
    would show the name to everyone in policing."""
    ct_person = ParticipationFactory(activity=ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM)).person
    activity = ActivityFactory(unit_area=UnitArea.POLICING)
    payload = {"activity": activity.pk, "person": ct_person.pk}
    response = client_for(administrator).post("/api/v1/participations/", payload, format="json")
    assert response.status_code == 400 and "person" in response.json()["errors"]
    assert not Participation.objects.filter(activity=activity).exists()
