import datetime

import pytest

from accounts.units import UnitArea
from programmes.indicator_rules import RULES
from programmes.tests.factories_results import IndicatorFactory, ResultFactory

from .factories import MeasureFactory, ThbActivityFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)


@pytest.fixture
def world():
    result = ResultFactory(project__programme__unit_area=UnitArea.TRAFFICKING)

    def activity(day=datetime.date(2022, 5, 1), **kwargs):
        kwargs = {"project": result.project, "status": "approved", **kwargs}
        return ThbActivityFactory(start_date=day, end_date=day, **kwargs)

    first, second, third = MeasureFactory(), MeasureFactory(), MeasureFactory()
    shared, own = activity(), activity(datetime.date(2022, 9, 1))
    first.activities.add(shared, own)
    second.activities.add(shared)
    # Noise: support before the period, planned support, another project's activity, an activity without a measure.
    third.activities.add(activity(datetime.date(2021, 5, 1)), activity(status="planned"))
    third.activities.add(ThbActivityFactory(start_date=START, end_date=START, status="approved"))
    activity()
    return {"result": result, "support": {shared, own}}


def test_measures_supported_in_the_period(world):
    indicator = IndicatorFactory(result=world["result"], rule="nap_measures_supported", by_sex=False)
    rule = RULES["nap_measures_supported"]

    figure = rule.compute(indicator, START, END)

    assert (figure.value, figure.women, figure.men) == (2, None, None)
    activities = set(rule.activities(indicator, START, END))
    assert activities == world["support"]
    assert len({m.pk for a in activities for m in a.thb_measures.all()}) == figure.value
