"""Every rule computes the right actual on hand-built data, with sex disaggregation and unique-vs-repeat counting."""

import datetime
from decimal import Decimal

import pytest

from programmes import results
from programmes.indicator_rules import RULES
from programmes.models import Sex
from programmes.services import refresh_participant_counts
from programmes.tests.factories import (
    ActivityFactory,
    ActivityPartnerFactory,
    LocationFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
)
from programmes.tests.factories_results import IndicatorFactory, IndicatorPeriodFactory, ResultFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2011, 1, 1), datetime.date(2011, 12, 31)


@pytest.fixture
def world():
    """Two trainings of one project in 2011 with overlapping people, a headcount conference, and noise."""
    result = ResultFactory()
    project = result.project
    patrol, troops = PartnerFactory(acronym="MIA-PP"), PartnerFactory(acronym="MIA-IT")
    aysel = PersonFactory(first_name="Aysel", last_name="Məmmədova", sex=Sex.FEMALE, organisation=patrol)
    elcin = PersonFactory(first_name="Elçin", last_name="Quliyev", sex=Sex.MALE, organisation=patrol)
    rashad = PersonFactory(first_name="Rəşad", last_name="Cəfərov", sex=Sex.MALE, organisation=troops)
    ganja = LocationFactory()
    first = ActivityFactory(project=project, status="approved", start_date=datetime.date(2011, 3, 1),
                            end_date=datetime.date(2011, 3, 2), location=ganja)  # fmt: skip
    second = ActivityFactory(project=project, status="submitted", start_date=datetime.date(2011, 6, 1),
                             end_date=datetime.date(2011, 6, 1))  # fmt: skip
    for activity, people in ((first, [aysel, elcin]), (second, [aysel, elcin, rashad])):
        for person in people:
            ParticipationFactory(activity=activity, person=person)
        refresh_participant_counts(activity=activity)
    conference = ActivityFactory(project=project, kind="conference", status="approved", participant_mode="headcount",
                                 headcount_women=4, headcount_men=6, start_date=datetime.date(2011, 10, 6),
                                 end_date=datetime.date(2011, 10, 6))  # fmt: skip
    ActivityPartnerFactory(activity=conference, partner=troops)
    refresh_participant_counts(activity=conference)
    # Noise: planned, another year, another project.
    ActivityFactory(project=project, status="planned", start_date=datetime.date(2011, 11, 1),
                    end_date=datetime.date(2011, 11, 1))  # fmt: skip
    ParticipationFactory(activity=ActivityFactory(project=project, status="approved"), person=rashad)  # 2011-10-06
    other_year = ActivityFactory(project=project, status="approved", start_date=datetime.date(2012, 1, 5),
                                 end_date=datetime.date(2012, 1, 5))  # fmt: skip
    ParticipationFactory(activity=other_year, person=aysel)
    return {"result": result, "patrol": patrol, "troops": troops, "ganja": ganja, "first": first}


def _compute(indicator):
    return RULES[indicator.rule].compute(indicator, START, END)


def test_activity_count(world):
    indicator = IndicatorFactory(result=world["result"], rule="activity_count")
    assert _compute(indicator).value == 4  # two trainings, the conference, the 6 October training
    indicator.rule_kind = "conference"
    assert _compute(indicator).value == 1


def test_person_trainings_count_every_participation_and_headcounts(world):
    figure = _compute(IndicatorFactory(result=world["result"], rule="person_trainings"))
    # 2 + 3 named + 1 (6 October) + 10 headcount
    assert (figure.value, figure.women, figure.men) == (16, 2 + 4, 4 + 6)


def test_unique_people_count_each_person_once(world):
    figure = _compute(IndicatorFactory(result=world["result"], rule="unique_people"))
    assert (figure.value, figure.women, figure.men) == (3 + 10, 1 + 4, 2 + 6)


def test_people_from_given_institutions(world):
    indicator = IndicatorFactory(result=world["result"], rule="unique_people")
    indicator.rule_partners.set([world["patrol"]])
    assert _compute(indicator) == results.Figure(Decimal(2), 1, 1)
    indicator.rule_partners.set([world["troops"]])
    # Rəşad, plus the conference whose beneficiary is the Internal Troops.
    assert _compute(indicator).value == 1 + 10


def test_location_and_theme_filters(world):
    indicator = IndicatorFactory(result=world["result"], rule="person_trainings", rule_location=world["ganja"])
    # All factory activities are in Ganja except none: the location filter keeps them all.
    assert _compute(indicator).value == 16
    from programmes.models import Theme

    theme = Theme.objects.create(code="use-of-force", name="Proportional use of force")
    world["first"].themes.add(theme)
    indicator.rule_themes.set([theme])
    assert _compute(indicator).value == 2


def test_drill_down_lists_the_activities_behind_the_figure(world):
    indicator = IndicatorFactory(result=world["result"], rule="person_trainings")
    activities = RULES["person_trainings"].activities(indicator, START, END)
    assert sum(a.participants_total for a in activities) == _compute(indicator).value


def test_approval_locks_the_figure(world, staff_policing, manager):
    indicator = IndicatorFactory(result=world["result"], rule="person_trainings")
    period = IndicatorPeriodFactory(indicator=indicator, target=20)
    results.submit_period(period=period, user=staff_policing)
    results.review_period(period=period, user=manager, approve=True)
    ParticipationFactory(activity=world["first"])  # a later change to the data
    period.refresh_from_db()
    assert period.is_locked and results.figure(period).value == 16


def test_off_track_when_a_past_period_missed_its_target(world):
    indicator = IndicatorFactory(result=world["result"], rule="person_trainings")
    missed = IndicatorPeriodFactory(indicator=indicator, target=100)
    met = IndicatorPeriodFactory(indicator=indicator, target=10, label="2011b", start=datetime.date(2011, 1, 2))
    today = datetime.date(2012, 2, 1)
    assert results.progress(missed, today).off_track
    assert not results.progress(met, today).off_track
