"""National Action Plans on the portal's record pages; history tabs of measures."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea
from trafficking.models import NationalActionPlan

from .factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thb_staff():
    client = Client()
    client.force_login(UserFactory(username="aysel.staff", role=Role.STAFF, unit_areas=[UnitArea.TRAFFICKING]))
    return client


def test_staff_create_and_edit_a_plan_in_azerbaijani(thb_staff):
    data = {"title": "Milli Fəaliyyət Planı", "start_year": 2020, "end_year": 2024, "adopted_on": ""}
    response = thb_staff.post(reverse("trafficking:plans_create"), data, HTTP_ACCEPT_LANGUAGE="az")
    assert response.status_code == 302
    plan = NationalActionPlan.objects.get()
    response = thb_staff.post(reverse("trafficking:plans_edit", args=[plan.pk]), {**data, "end_year": 2025})
    assert response.status_code == 302
    changes = thb_staff.get(reverse("trafficking:plans_history", args=[plan.pk])).context["changes"]
    assert [d["new"] for d in changes[0]["diffs"]] == [2025]


def test_a_plan_cannot_end_before_it_starts(thb_staff):
    data = {"title": "Plan", "start_year": 2024, "end_year": 2020, "adopted_on": ""}
    response = thb_staff.post(reverse("trafficking:plans_create"), data)
    assert response.status_code == 200 and "end_year" in response.context["form"].errors
    assert not NationalActionPlan.objects.exists()


def test_measure_history_is_for_the_unit_only(thb_staff, personas):
    measure = MeasureFactory()
    url = reverse("trafficking:measures_history", args=[measure.pk])
    assert thb_staff.get(url).status_code == 200
    assert personas["staff_same_unit"].get(url).status_code == 404
