"""Writes validated like the forms, and only by those who may edit."""

import datetime

import pytest

from accounts.units import UnitArea
from programmes.models import Activity, ActivityStatus, Participation
from programmes.tests.factories import (
    ActivityFactory,
    LocationFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(programme__unit_area=UnitArea.POLICING)


def _activity_payload(project, **overrides):
    payload = {
        "project": project.pk,
        "kind": "training",
        "title": "Community policing basics",
        "start_date": "2024-03-04",
        "end_date": "2024-03-06",
        "location": LocationFactory().pk,
        "participant_mode": "headcount",
        "headcount_women": 7,
        "headcount_men": 9,
    }
    payload.update(overrides)
    return payload


def test_staff_creates_an_activity_with_partners(client_for, staff_policing, project):
    partner = PartnerFactory()
    payload = _activity_payload(project, partners=[{"partner": partner.pk, "role": "beneficiary"}])
    response = client_for(staff_policing).post("/api/v1/activities/", payload, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    activity = Activity.objects.get(pk=data["id"])
    assert activity.unit_area == UnitArea.POLICING and activity.created_by == staff_policing
    assert data["participants_women"] == 7 and data["participants_men"] == 9  # the summary is kept up to date
    assert data["partners"] == [
        {"partner": partner.pk, "role": "beneficiary", "contribution_eur": None, "contribution_note": ""}
    ]


def test_form_rules_apply_with_field_messages(client_for, staff_policing, project):
    client = client_for(staff_policing)
    response = client.post("/api/v1/activities/", _activity_payload(project, end_date="2024-03-01"), format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["end_date"] == ["The end date cannot be before the start date."]
    assert body["detail"]
    # The project's dates (a rule of ActivityForm.clean, not of the model).
    response = client.post("/api/v1/activities/", _activity_payload(project, start_date="2001-01-01",
                                                                     end_date="2001-01-02"), format="json")  # fmt: skip
    assert "start_date" in response.json()["errors"]
    partner = PartnerFactory()
    twice = [{"partner": partner.pk, "role": "donor"}, {"partner": partner.pk, "role": "donor"}]
    response = client.post("/api/v1/activities/", _activity_payload(project, partners=twice), format="json")
    assert response.json()["errors"]["partners"][1]["partner"]
    assert not Activity.objects.exists()


def test_other_units_project_and_managers_are_refused(client_for, staff_ct, manager, project):
    response = client_for(staff_ct).post("/api/v1/activities/", _activity_payload(project), format="json")
    assert response.status_code == 400
    assert "project" in response.json()["errors"]
    assert client_for(manager).post("/api/v1/activities/", _activity_payload(project), format="json").status_code == 403


def test_update_and_locking(client_for, staff_policing, staff_ct, administrator):
    activity = ActivityFactory()
    client = client_for(staff_policing)
    response = client.patch(f"/api/v1/activities/{activity.pk}/", {"title": "Renamed"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Renamed"
    assert (
        client_for(staff_ct).patch(f"/api/v1/activities/{activity.pk}/", {"title": "x"}, format="json").status_code
        == 404
    )
    Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.SUBMITTED)
    assert client.patch(f"/api/v1/activities/{activity.pk}/", {"title": "x"}, format="json").status_code == 403
    admin = client_for(administrator).patch(f"/api/v1/activities/{activity.pk}/", {"title": "Fixed"}, format="json")
    assert admin.status_code == 200


def test_participation_create_with_duplicate_warning(client_for, staff_policing):
    activity = ActivityFactory(start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 5, 2))
    known = ParticipationFactory(
        activity=ActivityFactory(), person=PersonFactory(first_name="Rəşad", last_name="Əliyev")
    )
    client = client_for(staff_policing)
    new_person = {"first_name": "Rashad", "last_name": "Aliyev", "sex": "male"}
    response = client.post(
        "/api/v1/participations/", {"activity": activity.pk, "new_person": new_person}, format="json"
    )
    assert response.status_code == 400
    assert str(known.person_id) in response.json()["errors"]["new_person"][0]
    response = client.post(
        "/api/v1/participations/",
        {"activity": activity.pk, "person": known.person_id, "days_attended": 3},
        format="json",
    )
    assert response.json()["errors"]["days_attended"] == ["The activity lasted 2 days."]
    response = client.post(
        "/api/v1/participations/",
        {"activity": activity.pk, "person": known.person_id, "days_attended": 2},
        format="json",
    )
    assert response.status_code == 201, response.content
    activity.refresh_from_db()
    assert activity.participants_men + activity.participants_women == 1
    response = client.post(
        "/api/v1/participations/",
        {"activity": activity.pk, "new_person": new_person, "create_anyway": True},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["person_name"] == "Rashad Aliyev"
    assert Participation.objects.filter(activity=activity).count() == 2


def test_participation_rights(client_for, staff_ct, manager, staff_policing):
    activity = ActivityFactory()
    person = ParticipationFactory().person
    payload = {"activity": activity.pk, "person": person.pk}
    assert client_for(staff_ct).post("/api/v1/participations/", payload, format="json").status_code == 400
    assert client_for(manager).post("/api/v1/participations/", payload, format="json").status_code == 403
    participation = ParticipationFactory(activity=activity)
    client = client_for(staff_policing)
    response = client.patch(f"/api/v1/participations/{participation.pk}/", {"post_test_score": 101}, format="json")
    assert response.status_code == 400 and "post_test_score" in response.json()["errors"]
    assert client.delete(f"/api/v1/participations/{participation.pk}/").status_code == 204


def test_activity_list_query_count_does_not_grow(client_for, manager, django_assert_max_num_queries):
    client = client_for(manager)
    for _ in range(3):
        ActivityFactory()
    with django_assert_max_num_queries(15) as small:
        assert len(client.get("/api/v1/activities/").json()["results"]) == 3
    for _ in range(9):
        ActivityFactory()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get("/api/v1/activities/").json()["results"]) == 12
