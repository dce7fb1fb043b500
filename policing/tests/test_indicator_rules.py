import datetime

import pytest

from programmes.indicator_rules import RULES
from programmes.tests.factories import LocationFactory
from programmes.tests.factories_results import IndicatorFactory

from ..models import CagStatus
from .factories import CagFactory, CagMeetingFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2012, 1, 1), datetime.date(2012, 12, 31)


def _meeting(cag, day, **kwargs):
    return CagMeetingFactory(cag=cag, activity__start_date=day, activity__end_date=day, **kwargs).activity


@pytest.fixture
def world():
    ganja, shirvan = LocationFactory(), LocationFactory(code="AZ-SR", name="Shirvan")
    old = CagFactory(location=ganja, established_on=datetime.date(2009, 9, 15))
    new = CagFactory(location=shirvan, established_on=datetime.date(2012, 11, 1))
    CagFactory(location=ganja, established_on=datetime.date(2013, 1, 5))  # after the period end
    CagFactory(location=ganja, status=CagStatus.DORMANT)
    CagFactory(location=ganja, status=CagStatus.PLANNED, established_on=None)
    dormant_meeting = _meeting(CagFactory(location=shirvan, status=CagStatus.DORMANT), datetime.date(2012, 3, 1))
    return {
        "ganja": ganja,
        "meetings": {
            "old": _meeting(old, datetime.date(2012, 3, 1)),
            "new": _meeting(new, datetime.date(2012, 11, 20)),
            "planned": _meeting(old, datetime.date(2012, 12, 1), activity__status="planned"),
            "other_year": _meeting(old, datetime.date(2013, 2, 1)),
            "dormant": dormant_meeting,
        },
    }


def test_cags_active_at_the_period_end(world):
    indicator = IndicatorFactory(rule="cags_active", by_sex=False)
    rule = RULES["cags_active"]

    figure = rule.compute(indicator, START, END)

    assert (figure.value, figure.women, figure.men) == (2, None, None)
    meetings = set(rule.activities(indicator, START, END))
    assert meetings == {world["meetings"]["old"], world["meetings"]["new"]}
    # Both counted groups met in the period: the drill-down shows one group per counted group.
    assert len({a.cag_meeting.cag_id for a in meetings}) == figure.value


def test_cags_active_limited_to_the_indicator_location(world):
    indicator = IndicatorFactory(rule="cags_active", by_sex=False, rule_location=world["ganja"])
    rule = RULES["cags_active"]

    assert rule.compute(indicator, START, END).value == 1
    assert list(rule.activities(indicator, START, END)) == [world["meetings"]["old"]]
