"""Courses, modules, reach targets, publications and distributions in the portal's record pages."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea
from programmes.tests.factories import LocationFactory, PartnerFactory
from training.models import CourseModule, Distribution

from .factories import CourseFactory, CourseModuleFactory, PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training_staff():
    client = Client()
    client.force_login(UserFactory(username="farid.staff", role=Role.STAFF, unit_areas=[UnitArea.ASSEMBLY]))
    return client


def test_staff_add_a_module_in_russian(training_staff):
    course = CourseFactory()
    url = reverse("training:modules_create", args=[course.pk])
    response = training_staff.post(url, {"order": 2, "title": "Переговоры с толпой", "hours": "4.5"},
                                   HTTP_ACCEPT_LANGUAGE="ru")  # fmt: skip
    assert response.status_code == 302
    assert list(course.modules.values_list("title", flat=True)) == ["Переговоры с толпой"]


def test_a_module_title_used_twice_in_a_course_is_a_message_not_a_500(training_staff):
    """The course is not a form field, so its uniqueness rule must still be checked by the form."""
    module = CourseModuleFactory(title="Crowd dynamics")
    url = reverse("training:modules_create", args=[module.course_id])
    response = training_staff.post(url, {"order": 2, "title": "Crowd dynamics", "hours": ""})
    assert response.status_code == 200 and response.context["form"].errors
    assert CourseModule.objects.count() == 1
    # The same title in another course is fine.
    other = CourseFactory()
    response = training_staff.post(reverse("training:modules_create", args=[other.pk]),
                                   {"order": 1, "title": "Crowd dynamics", "hours": ""})  # fmt: skip
    assert response.status_code == 302


def test_more_copies_than_printed_are_refused_at_the_field(training_staff):
    publication = PublicationFactory(copies_printed=100)
    partner = PartnerFactory()
    url = reverse("training:distributions_create", args=[publication.pk])
    data = {"partner": partner.pk, "copies": 150, "distributed_on": "2016-05-01"}
    response = training_staff.post(url, data)
    assert response.status_code == 200 and "copies" in response.context["form"].errors
    assert not Distribution.objects.exists()


def test_other_units_staff_get_404_and_managers_403(personas):
    """Attack: policing staff and a manager post the module form of a training course directly."""
    module = CourseModuleFactory(title="Original")
    url = reverse("training:modules_edit", args=[module.pk])
    data = {"order": 1, "title": "Changed", "hours": ""}
    assert personas["staff_same_unit"].post(url, data).status_code == 404
    assert personas["manager"].post(url, data).status_code == 403
    module.refresh_from_db()
    assert module.title == "Original"


def test_record_list_query_count_does_not_grow(training_staff, django_assert_max_num_queries):
    from .factories import ReachTargetFactory

    ReachTargetFactory()
    url = reverse("training:targets_list")
    with django_assert_max_num_queries(12) as few:
        training_staff.get(url)
    for _ in range(5):
        ReachTargetFactory(target_group=PartnerFactory(), location=LocationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        training_staff.get(url)
