import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.units import UnitArea
from programmes.models import ParticipantMode, PartnerRole
from programmes.services import refresh_participant_counts
from programmes.tests.factories import ActivityPartnerFactory, LocationFactory, ParticipationFactory, PartnerFactory

from ..dashboard_panels import beneficiaries_panel, milestones_panel
from .factories import CtActivityFactory, MilestoneFactory, StrategyFactory

pytestmark = pytest.mark.django_db

FILTERS = {
    "date_from": datetime.date(2013, 1, 1),
    "date_to": datetime.date(2013, 12, 31),
    "unit_area": UnitArea.COUNTERTERRORISM,
    "programme": None,
    "project": None,
    "location": None,
    "partner": None,
}


def _activity(partner, day=datetime.date(2013, 5, 1), *, women=0, men=0, **kwargs):
    activity = CtActivityFactory(
        start_date=day, end_date=day, participant_mode=ParticipantMode.HEADCOUNT,
        headcount_women=women, headcount_men=men, **{"status": "approved", **kwargs},
    )  # fmt: skip
    ActivityPartnerFactory(activity=activity, partner=partner, role=PartnerRole.BENEFICIARY)
    refresh_participant_counts(activity=activity)
    return activity


def test_top_beneficiaries_in_the_period(manager):
    sbs, mns = PartnerFactory(acronym="SBS"), PartnerFactory(acronym="MNS")
    _activity(sbs, women=2, men=10)
    roster = CtActivityFactory(status="approved", start_date=datetime.date(2013, 6, 1),
                               end_date=datetime.date(2013, 6, 1))  # fmt: skip
    ActivityPartnerFactory(activity=roster, partner=sbs, role=PartnerRole.BENEFICIARY)
    ParticipationFactory(activity=roster)
    refresh_participant_counts(activity=roster)
    _activity(mns, women=1, men=3)
    _activity(mns, datetime.date(2012, 5, 1), men=50)  # before the period
    _activity(mns, status="planned", men=40)  # not held

    rows = beneficiaries_panel(manager, FILTERS)["rows"]

    assert [(r["partner__acronym"], r["activities"], r["person_trainings"], r["unique_people"]) for r in rows] == [
        ("SBS", 2, 13, 1),
        ("MNS", 1, 4, 0),
    ]


def test_top_beneficiaries_follow_the_location_filter_and_limit(manager):
    baku = LocationFactory(code="AZ-BA", name="Baku")
    for n in range(12):
        _activity(PartnerFactory(), men=n + 1, location=baku if n % 2 else LocationFactory())
    assert len(beneficiaries_panel(manager, FILTERS)["rows"]) == 10
    rows = beneficiaries_panel(manager, {**FILTERS, "location": baku.pk})["rows"]
    assert [r["person_trainings"] for r in rows] == [12, 10, 8, 6, 4, 2]


def test_overdue_milestones_as_of_the_period_end(manager):
    strategy = StrategyFactory(title="Integrated Border Management")
    late = MilestoneFactory(strategy=strategy, due_date=datetime.date(2013, 6, 30), status="delayed")
    MilestoneFactory(strategy=strategy, due_date=datetime.date(2014, 3, 1))  # due after the period end
    MilestoneFactory(strategy=strategy, due_date=datetime.date(2013, 3, 1), status="done",
                     completed_on=datetime.date(2013, 3, 1))  # fmt: skip
    MilestoneFactory(strategy=strategy, due_date=datetime.date(2013, 3, 1), status="dropped")

    panel = milestones_panel(manager, FILTERS)

    assert panel["count"] == 1 and panel["milestones"] == [late]


def test_other_units_staff_see_nothing(staff_policing):
    _activity(PartnerFactory(), men=5)
    MilestoneFactory()
    assert beneficiaries_panel(staff_policing, FILTERS)["rows"] == []
    assert milestones_panel(staff_policing, FILTERS)["count"] == 0


def test_unit_dashboard_shows_the_panels_with_links(personas):
    sbs = PartnerFactory(acronym="SBS")
    _activity(sbs, men=5)
    milestone = MilestoneFactory(due_date=datetime.date(2013, 6, 30))
    url = reverse("unit_dashboard", args=[UnitArea.COUNTERTERRORISM])

    text = personas["staff_other_unit"].get(url, {"date_from": "2013-01-01", "date_to": "2013-12-31"}).text

    assert 'data-testid="panel-ct-beneficiaries"' in text and 'data-testid="panel-ct-milestones"' in text
    for link in (
        reverse("counterterrorism:beneficiary_detail", args=[sbs.pk]),
        reverse("counterterrorism:beneficiaries"),
        reverse("counterterrorism:strategy_detail", args=[milestone.strategy_id]),
        reverse("counterterrorism:strategy_list"),
    ):
        assert link in text


def _build(n):
    for _ in range(n):
        _activity(PartnerFactory(), men=3)
        MilestoneFactory(due_date=datetime.date(2013, 2, 1))


def _queries(user):
    beneficiaries_panel(user, FILTERS)  # the user's roles are looked up once and cached on the user
    with CaptureQueriesContext(connection) as context:
        beneficiaries_panel(user, FILTERS)
        milestones_panel(user, FILTERS)
    return len(context)


def test_query_count_does_not_grow_with_the_data(manager):
    _build(2)
    small = _queries(manager)
    _build(4)
    assert _queries(manager) == small
    assert milestones_panel(manager, FILTERS)["count"] == 6
