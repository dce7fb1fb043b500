import datetime

import pytest
from django.urls import reverse

from programmes.models import ActivityStatus

from ..models import CagStatus
from ..selectors import quarter_start, rollout, shift_quarters
from .factories import CagFactory, CagMeetingFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 5, 10)  # 2024 Q2: the two quarters before are 2023 Q4 and 2024 Q1


def test_quarter_arithmetic():
    assert quarter_start(TODAY) == datetime.date(2024, 4, 1)
    assert shift_quarters(datetime.date(2024, 4, 1), -2) == datetime.date(2023, 10, 1)
    assert shift_quarters(datetime.date(2024, 1, 1), -1) == datetime.date(2023, 10, 1)
    assert shift_quarters(datetime.date(2023, 10, 1), 1) == datetime.date(2024, 1, 1)


def test_groups_without_a_meeting_for_two_quarters(manager):
    met = CagFactory(police_department="Met recently")
    CagMeetingFactory(cag=met, activity__start_date=datetime.date(2023, 11, 2))
    quiet = CagFactory(police_department="Quiet")
    CagMeetingFactory(cag=quiet, activity__start_date=datetime.date(2023, 9, 28))
    cancelled_only = CagFactory(police_department="Cancelled only")
    CagMeetingFactory(
        cag=cancelled_only, activity__start_date=datetime.date(2024, 2, 1), activity__status=ActivityStatus.CANCELLED
    )
    CagFactory(police_department="Never met")
    CagFactory(police_department="Too new", established_on=datetime.date(2024, 1, 15))
    CagFactory(police_department="Dormant", status=CagStatus.DORMANT)
    CagFactory(police_department="Planned", status=CagStatus.PLANNED, established_on=None)

    data = rollout(manager, today=TODAY)

    assert sorted(g.police_department for g in data["silent"]) == ["Cancelled only", "Never met", "Quiet"]
    assert data["quarters"][-1] == "2024 Q2" and len(data["quarters"]) == 8
    by_name = {g.police_department: g for g in data["groups"]}
    assert by_name["Met recently"].per_quarter[-3] == 1  # 2023 Q4
    assert by_name["Met recently"].attendance_rate == round(100 * 4 / 6)
    assert [g.police_department for g in data["timeline"]][-1] == "Too new"


def test_rollout_page_has_the_map_data_and_tables(personas):
    CagFactory(police_department="Ganja City Police Department")
    response = personas["staff_same_unit"].get(reverse("policing:rollout"))
    assert 'id="cag-data"' in response.text and "Ganja City Police Department" in response.text
    assert "vendor/leaflet/leaflet.js" in response.text and "tile" not in response.text.lower()
    point = response.context["map_data"]["points"][0]
    assert point["lat"] == pytest.approx(40.6828) and point["status"] == "active"
