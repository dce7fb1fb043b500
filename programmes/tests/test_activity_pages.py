import datetime

import pytest
from django.urls import reverse

from programmes.models import Activity, ActivityPartner
from programmes.tests.factories import (
    ActivityFactory,
    ActivityPartnerFactory,
    LocationFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def _titles(response):
    return [a.title for a in response.context["page"]]


def test_list_shows_only_the_users_units(personas):
    ActivityFactory(unit_area="policing", title="CAG meeting")
    ActivityFactory(unit_area="counterterrorism", title="Cyber workshop")
    assert _titles(personas["staff_same_unit"].get(reverse("activity_list"))) == ["CAG meeting"]
    assert _titles(personas["staff_other_unit"].get(reverse("activity_list"))) == ["Cyber workshop"]
    assert set(_titles(personas["manager"].get(reverse("activity_list")))) == {"CAG meeting", "Cyber workshop"}


def test_list_filters(personas):
    police = PartnerFactory(acronym="MIA")
    kept = ActivityFactory(title="Crime prevention training", status="approved", start_date=datetime.date(2015, 3, 1),
                           end_date=datetime.date(2015, 3, 2))  # fmt: skip
    ActivityPartnerFactory(activity=kept, partner=police)
    ActivityFactory(title="Youth meeting", kind="meeting", status="planned")
    client = personas["manager"]
    url = reverse("activity_list")
    assert _titles(client.get(url, {"q": "crime"})) == ["Crime prevention training"]
    assert _titles(client.get(url, {"status": "approved"})) == ["Crime prevention training"]
    assert _titles(client.get(url, {"kind": "meeting"})) == ["Youth meeting"]
    assert _titles(client.get(url, {"partner": police.pk})) == ["Crime prevention training"]
    assert _titles(client.get(url, {"date_from": "2015-01-01", "date_to": "2015-12-31"})) == [
        "Crime prevention training"
    ]
    assert _titles(client.get(url, {"unit_area": "trafficking"})) == []


def test_list_sorts_and_pages_without_counting(personas, django_assert_max_num_queries):
    for day in range(1, 31):
        ActivityFactory(title=f"Meeting {day:02d}", start_date=datetime.date(2020, 1, day),
                        end_date=datetime.date(2020, 1, day))  # fmt: skip
    client = personas["manager"]
    first = client.get(reverse("activity_list"), {"sort": "start_date"})
    assert _titles(first)[0] == "Meeting 01" and len(_titles(first)) == 25 and first.context["page"].has_next
    second = client.get(reverse("activity_list"), {"sort": "start_date", "page": 2})
    assert _titles(second) == [f"Meeting {d}" for d in range(26, 31)] and not second.context["page"].has_next
    assert client.get(reverse("activity_list"), {"page": "nonsense"}).status_code == 200


def _count_queries(client, url, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_and_detail_query_counts_do_not_grow(personas, django_assert_num_queries):
    client = personas["staff_same_unit"]
    activity = ActivityFactory()
    ActivityPartnerFactory(activity=activity)
    ParticipationFactory(activity=activity)
    client.get(reverse("activity_list"))  # the user's roles and enrolment are cached from here on (user_facts)
    ActivityFactory()  # and a write: both counts below are of freshly rendered fragments
    list_small = _count_queries(client, reverse("activity_list"), django_assert_num_queries)
    detail_small = _count_queries(client, reverse("activity_detail", args=[activity.pk]), django_assert_num_queries)
    for _ in range(20):
        ActivityPartnerFactory(activity=activity)
        ParticipationFactory(activity=activity)
        ActivityFactory()
    assert _count_queries(client, reverse("activity_list"), django_assert_num_queries) == list_small
    assert (
        _count_queries(client, reverse("activity_detail", args=[activity.pk]), django_assert_num_queries)
        == detail_small
    )


def _activity_post(project, location, **overrides):
    data = {
        "project": project.pk, "kind": "training", "title": "Public assembly management training",
        "start_date": "2011-10-06", "end_date": "2011-10-07", "location": location.pk, "venue": "Ganja police academy",
        "participant_mode": "roster", "headcount_women": 0, "headcount_men": 0, "headcount_unrecorded": 0,
        "partners-TOTAL_FORMS": 2, "partners-INITIAL_FORMS": 0, "partners-MIN_NUM_FORMS": 0,
        "partners-MAX_NUM_FORMS": 30,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_create_an_activity_with_two_partners(personas, staff_policing):
    project = ProjectFactory(programme__unit_area="policing")
    mia, osce = PartnerFactory(acronym="MIA"), PartnerFactory(acronym="OSCE")
    data = _activity_post(project, LocationFactory(), **{
        "partners-0-partner": mia.pk, "partners-0-role": "beneficiary",
        "partners-1-partner": osce.pk, "partners-1-role": "organiser", "partners-1-contribution_eur": "1500",
    })  # fmt: skip
    response = personas["staff_same_unit"].post(reverse("activity_create"), data)
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("activity_detail", args=[activity.pk])
    assert activity.created_by == staff_policing and activity.unit_area == "policing"
    assert set(activity.partner_links.values_list("partner__acronym", "role")) == {
        ("MIA", "beneficiary"),
        ("OSCE", "organiser"),
    }


def test_bad_input_is_explained_and_nothing_is_saved(personas):
    project = ProjectFactory(programme__unit_area="policing")
    data = _activity_post(project, LocationFactory(), end_date="2011-10-01", **{
        "partners-0-partner": PartnerFactory().pk, "partners-0-role": "beneficiary",
    })  # fmt: skip
    response = personas["staff_same_unit"].post(reverse("activity_create"), data)
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Activity.objects.exists() and not ActivityPartner.objects.exists()


def test_staff_cannot_create_in_another_units_project(personas):
    project = ProjectFactory(programme__unit_area="counterterrorism")
    response = personas["staff_same_unit"].post(reverse("activity_create"), _activity_post(project, LocationFactory()))
    assert response.status_code == 200 and "project" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_another_units_activity_is_404_everywhere(personas):
    activity = ActivityFactory(unit_area="policing")
    client = personas["staff_other_unit"]
    for name in ("activity_detail", "activity_edit", "activity_history", "participant_add"):
        assert client.get(reverse(name, args=[activity.pk])).status_code == 404
    assert client.post(reverse("activity_transition", args=[activity.pk]), {"action": "complete"}).status_code == 404


@pytest.mark.parametrize("pk", [0, 2**63 - 1, 2**63, 10**20])
def test_an_id_no_activity_has_is_404_never_500(personas, pk):
    """Ids past the signed 64-bit range included: no database takes them as an id."""
    ActivityFactory(unit_area="policing")
    client = personas["manager"]
    for name in ("activity_detail", "activity_edit", "activity_history"):
        assert client.get(reverse(name, args=[pk])).status_code == 404, name


def test_counter_terrorism_defaults_to_headcount(personas):
    from programmes.registry import activity_defaults

    activity_defaults.setdefault("counterterrorism", {}).setdefault("participant_mode", "headcount")
    ProjectFactory(programme__unit_area="counterterrorism")
    form = personas["staff_other_unit"].get(reverse("activity_create")).context["form"]
    assert form.initial.get("participant_mode") == "headcount"
