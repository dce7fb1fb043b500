"""Names stay inside their unit (issue 12 §2): matching, warnings, search and the admin consider only the people
whose names the user may see (`Person.objects.named_for`, from `accounts.access.can_see_person_names`)."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.units import UnitArea
from programmes.models import Participation, Person
from programmes.tests.factories import ActivityFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _sheet(first, last):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["First name", "Last name", "Sex"], [first, last, "M"]])
    return SimpleUploadedFile("sheet.csv", buffer.getvalue().encode())


@pytest.fixture
def ct_person():
    """A counter-terrorism participant: only that unit's staff and managers may see the name."""
    person = PersonFactory(first_name="Rəşad", last_name="Cəfərov", position="Major")
    ParticipationFactory(activity=ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM), person=person)
    return person


def _preview_text(response, first, last):
    """The preview as the uploader reads it, with the name typed and the form's one-time token taken out."""
    html = response.content.decode()
    start = html.index('data-testid="import-preview"')
    html = html[start : html.index("</table>", start)]
    return re.sub(r"\s+", " ", html.replace(first, "FIRST").replace(last, "LAST"))


@pytest.mark.parametrize("persona", ["staff_same_unit", "administrator"])
def test_import_does_not_reveal_or_attach_another_units_participant(personas, ct_person, persona):
    activity = ActivityFactory(unit_area=UnitArea.POLICING)
    url = reverse("participant_import", args=[activity.pk])
    client = personas[persona]
    known = client.post(url, {"file": _sheet("Rəşad", "Cəfərov")})
    invented = client.post(url, {"file": _sheet("Zəfər", "Nəbiyev")})
    assert known.context["preview"].counts == {"create": 1, "match": 0, "skip": 0}
    assert _preview_text(known, "Rəşad", "Cəfərov") == _preview_text(invented, "Zəfər", "Nəbiyev")
    client.post(url, {"token": known.context["token"]})
    added = Participation.objects.get(activity=activity)
    assert added.person != ct_person and added.person.position == ""
    assert not ct_person.participations.filter(activity=activity).exists()


def test_import_still_matches_people_the_uploader_may_see(personas, staff_ct, ct_person):
    activity = ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM)
    response = personas["staff_other_unit"].post(
        reverse("participant_import", args=[activity.pk]), {"file": _sheet("Rashad", "Jafarov")}
    )
    assert response.context["preview"].counts == {"create": 0, "match": 1, "skip": 0}
    personas["staff_other_unit"].post(
        reverse("participant_import", args=[activity.pk]), {"token": response.context["token"]}
    )
    assert Participation.objects.get(activity=activity).person == ct_person


def test_duplicate_warning_hides_restricted_names_from_administrators(personas, ct_person):
    activity = ActivityFactory(unit_area=UnitArea.POLICING)
    response = personas["administrator"].post(
        reverse("participant_add", args=[activity.pk]),
        {
            "person-first_name": "Rashad", "person-last_name": "Jafarov", "person-sex": "male",
            "participation-role": "participant",
        },
    )  # fmt: skip
    assert response.status_code == 302 and Person.objects.count() == 2


def test_a_restricted_person_cannot_be_picked_by_id(personas, ct_person):
    activity = ActivityFactory(unit_area=UnitArea.POLICING)
    response = personas["staff_same_unit"].post(
        reverse("participant_add", args=[activity.pk]), {"person": ct_person.pk, "participation-role": "participant"}
    )
    assert response.status_code == 404 and not activity.participations.exists()


SPELLINGS = ["Məmmədova", "Mammadova", "Мамедова", "mamedova", "Aysel Mammadova", "Айсель Мамедова"]


@pytest.mark.parametrize("typed", SPELLINGS)
def test_people_search_folds_spellings(personas, typed):
    person = PersonFactory(first_name="Aysel", last_name="Məmmədova")
    ParticipationFactory(activity=ActivityFactory(), person=person)
    ParticipationFactory(activity=ActivityFactory(), person=PersonFactory(first_name="Aysel", last_name="Quliyeva"))
    activity = ActivityFactory()
    response = personas["staff_same_unit"].post(reverse("people_search", args=[activity.pk]), {"q": typed})
    assert response.context["results"] == [person]


@pytest.mark.parametrize("persona", ["staff_same_unit", "administrator"])
def test_people_search_stays_inside_the_users_names(personas, ct_person, persona):
    activity = ActivityFactory(unit_area=UnitArea.POLICING)
    url = reverse("people_search", args=[activity.pk])
    for typed in ("Cəfərov", "Jafarov", "Джафаров", "Rəşad Cəfərov"):
        assert personas[persona].post(url, {"q": typed}).context["results"] == []


def test_managers_search_finds_restricted_names(personas, ct_person):
    activity = ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM)
    response = personas["staff_other_unit"].post(reverse("people_search", args=[activity.pk]), {"q": "Джафаров"})
    assert response.context["results"] == [ct_person]


def test_people_search_query_count_does_not_grow(personas, django_assert_max_num_queries):
    activity = ActivityFactory()
    url = reverse("people_search", args=[activity.pk])
    client = personas["staff_same_unit"]
    ParticipationFactory(activity=activity, person=PersonFactory(first_name="Aysel", last_name="Məmmədova"))
    with django_assert_max_num_queries(20) as few:
        client.post(url, {"q": "Mammadova"})
    for _ in range(30):
        ParticipationFactory(activity=activity, person=PersonFactory(first_name="Aysel", last_name="Məmmədova"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.post(url, {"q": "Mammadova"})
    assert len(response.context["results"]) == 10
