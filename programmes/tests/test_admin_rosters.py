"""A roster changed in the Django admin counts like one changed on the activity's page: the activity's participant
counts and the monthly summaries the dashboards read (people included) follow every add, move and delete there."""

import pytest
from django.urls import reverse

from programmes import summaries
from programmes.models import Activity, ActivityMonth, Participation, Sex
from programmes.tests.factories import ActivityFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _form(activity, person):
    return {"activity": activity.pk, "person": person.pk, "role": "participant", "days_attended": "",
            "pre_test_score": "", "post_test_score": ""}  # fmt: skip


def _women(activity) -> int:
    return Activity.objects.get(pk=activity.pk).participants_women


def _people(activity) -> set:
    months = ActivityMonth.objects.filter(project=activity.project_id, location=activity.location_id)
    return set(summaries.people_set(months.values_list("people", flat=True)))


def _month_facts(months) -> list:
    return sorted(
        (
            m.month,
            m.project_id,
            m.location_id,
            m.participant_mode,
            m.women,
            m.men,
            set(summaries.people_set([m.people])),
        )
        for m in months
    )


def _months_match_a_recount():
    stored = _month_facts(ActivityMonth.objects.all())
    assert stored == _month_facts(summaries._month_rows(Activity.objects.all())) and stored


def test_adding_moving_and_deleting_participants_in_the_admin(personas):
    client = personas["administrator"]
    first, second = ActivityFactory(status="completed"), ActivityFactory(status="completed")
    aysel = PersonFactory(sex=Sex.FEMALE)

    assert client.post(reverse("admin:programmes_participation_add"), _form(first, aysel)).status_code == 302
    participation = Participation.objects.get(activity=first, person=aysel)
    assert (_women(first), _people(first)) == (1, {aysel.pk})
    _months_match_a_recount()

    change = reverse("admin:programmes_participation_change", args=[participation.pk])
    assert client.post(change, _form(second, aysel)).status_code == 302  # moved to the other activity
    assert (_women(first), _people(first), _women(second), _people(second)) == (0, set(), 1, {aysel.pk})
    _months_match_a_recount()

    delete = reverse("admin:programmes_participation_delete", args=[participation.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert (_women(second), _people(second)) == (0, set())

    others = [ParticipationFactory(activity=second, person=PersonFactory(sex=Sex.FEMALE)) for _ in range(2)]
    assert _women(second) == 2
    changelist = reverse("admin:programmes_participation_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [p.pk for p in others], "post": "yes"}
    assert client.post(changelist, bulk).status_code == 302
    assert (_women(second), _people(second)) == (0, set())
    _months_match_a_recount()
