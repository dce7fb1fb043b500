"""The summaries kept on write (programmes.summaries) compared with a fresh count from the raw rows."""

from programmes import summaries
from programmes.indicator_rules import RULES
from programmes.models import Activity, ActivityMonth, IndicatorPeriod, PeriodFigure


def assert_summaries_match_recount():
    """Every period of a summarised rule has a stored figure equal to the rule's own count from the raw rows, and
    no other period has one."""
    summarised = set(summaries.summarised_rules())
    checked = 0
    for period in IndicatorPeriod.objects.select_related("indicator__result", "summary"):
        stored = PeriodFigure.objects.filter(period=period).first()
        if period.indicator.rule not in summarised:
            assert stored is None, period
            continue
        recount = RULES[period.indicator.rule].compute(period.indicator, period.start, period.end)
        assert stored is not None, period
        assert (stored.value, stored.women, stored.men) == (recount.value, recount.women, recount.men), period
        checked += 1
    assert checked
    months = sorted(
        tuple(row.values())
        for row in ActivityMonth.objects.values(
            "month", "project_id", "unit_area", "location_id", "participant_mode", "activities", "women", "men",
            "unrecorded", "partners",
        )
    )  # fmt: skip
    recount = sorted(
        (m.month, m.project_id, m.unit_area, m.location_id, m.participant_mode, m.activities, m.women, m.men,
         m.unrecorded, m.partners)
        for m in summaries._month_rows(Activity.objects.all())
    )  # fmt: skip
    assert months == recount
    assert months
