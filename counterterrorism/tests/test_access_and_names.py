import pytest
from django.urls import reverse

from accounts import access
from accounts.units import UnitArea
from programmes import registry
from programmes.models import ParticipantMode, ParticipationRole
from programmes.tests.factories import ParticipationFactory, PersonFactory

from .factories import ConferenceFactory

pytestmark = pytest.mark.django_db
CT = UnitArea.COUNTERTERRORISM


def test_new_counterterrorism_activities_default_to_headcount():
    assert registry.activity_defaults[CT]["participant_mode"] == ParticipantMode.HEADCOUNT
    assert registry.activity_defaults.get(UnitArea.POLICING, {}).get("participant_mode") != ParticipantMode.HEADCOUNT


def test_names_are_for_the_units_staff_and_managers_only(staff_ct, staff_policing, manager, administrator):
    assert access.can_see_person_names(staff_ct, CT)
    assert access.can_see_person_names(manager, CT)
    assert not access.can_see_person_names(administrator, CT)
    assert not access.can_see_person_names(staff_policing, CT)
    # Other areas are not restricted: their own staff and administrators see names.
    assert access.can_see_person_names(administrator, UnitArea.POLICING)


def test_event_page_withholds_speaker_names_from_administrators(personas):
    conference = ConferenceFactory(participant_mode=ParticipantMode.HEADCOUNT)
    ParticipationFactory(
        activity=conference, role=ParticipationRole.SPEAKER, person=PersonFactory(first_name="Ülvi", last_name="Orucov")
    )
    url = reverse("counterterrorism:event_detail", args=[conference.pk])
    for persona in ("staff_other_unit", "manager"):  # staff_other_unit is counter-terrorism staff
        body = personas[persona].get(url).content.decode()
        assert "Ülvi Orucov" in body
    body = personas["administrator"].get(url).content.decode()
    assert "Ülvi Orucov" not in body and "name withheld" in body
    assert personas["staff_same_unit"].get(url).status_code == 404


@pytest.mark.parametrize(
    "name", ["counterterrorism:index", "counterterrorism:beneficiaries", "counterterrorism:strategy_list"]
)
def test_policing_staff_are_refused(personas, name):
    assert personas["staff_same_unit"].get(reverse(name)).status_code == 403
    assert personas["staff_other_unit"].get(reverse(name)).status_code == 200
