import pytest
from django.urls import reverse

from programmes.models import Activity, Participation, Person
from programmes.tests.factories import ActivityFactory, ParticipationFactory, PartnerFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _new_person(**overrides):
    data = {
        "person-first_name": "Elçin", "person-last_name": "Məmmədov", "person-sex": "male",
        "participation-role": "participant", "participation-days_attended": "2",
        "participation-pre_test_score": "45", "participation-post_test_score": "80",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_add_a_new_participant_updates_the_summary(personas):
    activity = ActivityFactory()
    response = personas["staff_same_unit"].post(reverse("participant_add", args=[activity.pk]), _new_person())
    assert response.status_code == 302
    participation = Participation.objects.get()
    assert participation.person.full_name == "Elçin Məmmədov" and participation.post_test_score == 80
    assert Activity.objects.get(pk=activity.pk).participants_men == 1


def test_a_likely_duplicate_is_flagged_with_azerbaijani_spellings(personas):
    mia = PartnerFactory(acronym="MIA")
    known = ParticipationFactory(
        activity=ActivityFactory(), person=PersonFactory(first_name="Elçin", last_name="Məmmədov", organisation=mia)
    ).person
    activity = ActivityFactory()
    url = reverse("participant_add", args=[activity.pk])
    client = personas["staff_same_unit"]
    response = client.post(url, _new_person(**{
        "person-first_name": "Elchin", "person-last_name": "Mamedov", "person-organisation": mia.pk,
    }))  # fmt: skip
    assert response.status_code == 200 and response.context["duplicates"] == [known]
    assert "may already be in the portal" in response.content.decode()
    assert not activity.participations.exists()
    # The user picks the existing person: no new record.
    client.post(url, _new_person(person=known.pk))
    assert list(activity.participations.values_list("person", flat=True)) == [known.pk]
    assert Person.objects.count() == 1


def test_create_anyway_makes_a_second_person(personas):
    ParticipationFactory(activity=ActivityFactory(), person=PersonFactory(first_name="Aysel", last_name="Əliyeva"))
    activity = ActivityFactory()
    data = _new_person(**{"person-first_name": "Aysel", "person-last_name": "Aliyeva", "person-sex": "female"})
    personas["staff_same_unit"].post(reverse("participant_add", args=[activity.pk]), {**data, "create_anyway": "1"})
    assert Person.objects.count() == 2 and activity.participations.count() == 1


def test_duplicate_warning_never_shows_another_units_people(personas):
    other = ActivityFactory(unit_area="counterterrorism")
    ParticipationFactory(activity=other, person=PersonFactory(first_name="Rəşad", last_name="Cəfərov"))
    activity = ActivityFactory(unit_area="policing")
    response = personas["staff_same_unit"].post(
        reverse("participant_add", args=[activity.pk]),
        _new_person(**{"person-first_name": "Rashad", "person-last_name": "Jafarov"}),
    )
    assert response.status_code == 302 and Person.objects.count() == 2


def test_search_as_you_type_finds_people_by_name_and_organisation(personas):
    mia = PartnerFactory(acronym="MIA-PP", name="Patrol Police")
    person = PersonFactory(first_name="Günay", last_name="Hüseynova", organisation=mia)
    ParticipationFactory(activity=ActivityFactory(), person=person)
    activity = ActivityFactory()
    client = personas["staff_same_unit"]
    url = reverse("people_search", args=[activity.pk])
    assert client.post(url, {"q": "hüsey"}).context["results"] == [person]
    assert client.post(url, {"q": "patrol"}).context["results"] == [person]
    assert client.post(url, {"q": "Gunay Guseynova"}).context["results"] == [person]
    assert personas["staff_other_unit"].post(url, {"q": "hüsey"}).status_code == 404
    assert client.get(url, {"q": "hüsey"}).status_code == 405  # names never travel in a URL


def test_bad_scores_and_days_are_explained(personas):
    activity = ActivityFactory()  # two days
    response = personas["staff_same_unit"].post(
        reverse("participant_add", args=[activity.pk]),
        _new_person(**{"participation-post_test_score": "120", "participation-days_attended": "5"}),
    )
    body = response.content.decode()
    assert response.status_code == 200 and "between 0 and 100" in body and "lasted 2 days" in body
    assert not Person.objects.exists()


def test_headcount_mode_counts_without_names(personas):
    activity = ActivityFactory()
    client = personas["staff_same_unit"]
    data = {
        "project": activity.project.pk, "kind": "conference", "title": activity.title, "start_date": "2011-10-06",
        "end_date": "2011-10-06", "participant_mode": "headcount", "headcount_women": 12, "headcount_men": 30,
        "headcount_unrecorded": 3, "partners-TOTAL_FORMS": 0, "partners-INITIAL_FORMS": 0,
        "partners-MIN_NUM_FORMS": 0, "partners-MAX_NUM_FORMS": 30,
    }  # fmt: skip
    assert client.post(reverse("activity_edit", args=[activity.pk]), data).status_code == 302
    activity.refresh_from_db()
    assert (activity.participants_women, activity.participants_men, activity.participants_total) == (12, 30, 45)


def test_edit_and_remove_a_participation(personas):
    participation = ParticipationFactory()
    activity = participation.activity
    client = personas["staff_same_unit"]
    client.post(reverse("participant_edit", args=[activity.pk, participation.pk]),
                {"role": "trainer", "days_attended": "1", "certificate_issued": "on"})  # fmt: skip
    participation.refresh_from_db()
    assert participation.role == "trainer" and participation.certificate_issued
    client.post(reverse("participant_remove", args=[activity.pk, participation.pk]))
    assert not Participation.objects.exists()
    assert Activity.objects.get(pk=activity.pk).participants_total == 0
