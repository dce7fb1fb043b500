"""Linking a training to a course (issue 17 §2): from the course's page, by the staff who may edit the training;
bad input is a message at the field; managers read; every link, move and removal is on the course's history tab,
for the trainings the viewer may see."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea
from programmes.tests.factories import ActivityFactory
from training import services
from training.models import TrainingDetail

from .factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assembly_staff():
    user = UserFactory(username="farid.staff", first_name="Farid", last_name="Aliyev", role=Role.STAFF,
                       unit_areas=[UnitArea.ASSEMBLY])  # fmt: skip
    client = Client()
    client.force_login(user)
    return client


def _training(**kwargs):
    return ActivityFactory(unit_area=UnitArea.ASSEMBLY, status="completed", **kwargs)


def _link(client, course, activity_pk):
    return client.post(reverse("training:course_detail", args=[course.pk]), {"activity": activity_pk})


def _history(client, course):
    response = client.get(reverse("training:courses_history", args=[course.pk]))
    assert response.status_code == 200
    return response


def test_staff_link_a_training_and_the_course_history_says_who(assembly_staff):
    course, training = CourseFactory(), _training(title="Crowd safety in Sumqayit")
    response = _link(assembly_staff, course, training.pk)
    assert response.status_code == 302
    assert TrainingDetail.objects.get(activity=training).course == course
    history = _history(assembly_staff, course)
    [event] = history.context["extra"]["context"]["links"]
    assert event["linked"] and event["activity"] == training and event["record"].history_user.username == "farid.staff"
    page = history.content.decode()
    assert 'data-testid="link-changes"' in page and "Farid Aliyev" in page
    assert reverse("activity_detail", args=[training.pk]) in page


def test_moving_a_training_shows_on_both_courses(assembly_staff):
    first, second, training = CourseFactory(), CourseFactory(title="Negotiation"), _training()
    _link(assembly_staff, first, training.pk)
    _link(assembly_staff, second, training.pk)
    moved = _history(assembly_staff, first).context["extra"]["context"]["links"]
    assert [(e["linked"], e["moved_to"]) for e in moved] == [(False, second), (True, None)]
    assert "Moved to Negotiation" in _history(assembly_staff, first).content.decode()
    linked = _history(assembly_staff, second).context["extra"]["context"]["links"]
    assert [(e["linked"], e["moved_to"]) for e in linked] == [(True, None)]
    TrainingDetail.objects.get(activity=training).delete()
    removed = _history(assembly_staff, second).context["extra"]["context"]["links"]
    assert [(e["linked"], e["moved_to"]) for e in removed] == [(False, None), (True, None)]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: _training(kind="workshop"), "Only a training activity can be linked to a course."),
        (lambda: ActivityFactory(unit_area=UnitArea.TRAFFICKING, status="completed"),
         "No activity with this number that you may edit."),
    ],
    ids=["not-a-training", "another-units-training"],
)  # fmt: skip
def test_bad_input_is_a_message_at_the_field_and_nothing_is_linked(assembly_staff, make, message):
    course = CourseFactory()
    response = _link(assembly_staff, course, make().pk)
    assert response.status_code == 200
    assert response.context["form"].errors["activity"] == [message]
    assert not TrainingDetail.objects.exists()


def test_managers_read_the_links_but_cannot_link(personas):
    course, training = CourseFactory(), _training()
    assert _link(personas["manager"], course, training.pk).status_code == 403
    assert not TrainingDetail.objects.exists()
    services.link_training(activity=training, course=course)
    assert len(_history(personas["manager"], course).context["extra"]["context"]["links"]) == 1


def test_the_history_shows_only_trainings_the_viewer_may_see(assembly_staff, personas):
    course = CourseFactory()
    services.link_training(activity=_training(title="Assembly training"), course=course)
    services.link_training(activity=ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM, title="CT course run"),
                           course=course)  # fmt: skip
    assembly_page = _history(assembly_staff, course).content.decode()
    assert "Assembly training" in assembly_page and "CT course run" not in assembly_page
    assert "CT course run" in _history(personas["manager"], course).content.decode()


def test_the_history_tab_costs_the_same_however_many_trainings(assembly_staff):
    course = CourseFactory()

    def count():
        with CaptureQueriesContext(connection) as queries:
            _history(assembly_staff, course)
        return len(queries.captured_queries)

    services.link_training(activity=_training(), course=course)
    count()  # warm-up: the first request of a session also caches the user's roles (accounts.user_facts)
    small = count()
    for _ in range(5):
        services.link_training(activity=_training(), course=course)
    assert count() == small
