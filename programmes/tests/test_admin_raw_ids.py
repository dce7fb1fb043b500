"""Found reviewing issue 12 §2: the admin's add page printed a restricted person's name for any id put in the URL
(`participation/add/?person=<id>`, `certificate/add/?participation=<id>`; Django's raw-id widget looks the id up
unscoped) and accepted it, attaching a counter-terrorism participant that administrators may not see elsewhere."""

import pytest
from django.urls import reverse

from accounts.units import UnitArea
from programmes.models import Participation
from programmes.tests.factories import ActivityFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted():
    return ParticipationFactory(
        activity=ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM),
        person=PersonFactory(first_name="Rəşad", last_name="Cəfərov"),
    )


def test_an_id_in_the_url_does_not_print_a_restricted_name(personas, restricted):
    client = personas["administrator"]
    for url in (
        reverse("admin:programmes_participation_add") + f"?person={restricted.person_id}",
        reverse("admin:training_certificate_add") + f"?participation={restricted.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 200 and "Cəfərov" not in response.content.decode(), url
    visible = ParticipationFactory(person=PersonFactory(first_name="Günay", last_name="Hüseynova"))  # control
    page = client.get(reverse("admin:programmes_participation_add") + f"?person={visible.person_id}")
    assert "Hüseynova" in page.content.decode()


def test_a_restricted_person_cannot_be_attached_by_id_in_the_admin(personas, restricted):
    activity = ActivityFactory(unit_area=UnitArea.POLICING)
    data = {"activity": activity.pk, "person": restricted.person_id, "role": "participant"}
    response = personas["administrator"].post(reverse("admin:programmes_participation_add"), data)
    assert response.status_code == 200 and "Cəfərov" not in response.content.decode()
    assert response.context["adminform"].form.errors["person"]
    assert not Participation.objects.filter(activity=activity).exists()
