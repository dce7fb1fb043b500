"""The summaries kept on write (programmes.summaries) compared with a fresh count from the raw rows."""

from programmes import summaries
from programmes.indicator_rules import COUNTED_STATUSES, RULES
from programmes.models import Activity, ActivityMonth, IndicatorPeriod, Participation, PeriodFigure


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
            "unrecorded", "partners", "people",
        )
    )  # fmt: skip
    months = [(*row[:-1], set(summaries.people_set([row[-1]]))) for row in months]
    recount = sorted(
        (m.month, m.project_id, m.unit_area, m.location_id, m.participant_mode, m.activities, m.women, m.men,
         m.unrecorded, m.partners, set(summaries.people_set([m.people])))
        for m in summaries._month_rows(Activity.objects.all())
    )  # fmt: skip
    # The sets of people against the rosters themselves, not only against the code that builds them.
    for row in months:
        month, project_id, _, location_id, mode = row[:5]
        roster = Participation.objects.filter(
            activity__project_id=project_id, activity__location_id=location_id, activity__participant_mode=mode,
            activity__status__in=COUNTED_STATUSES, activity__start_date__year=month.year,
            activity__start_date__month=month.month,
        )  # fmt: skip
        assert row[-1] == (set(roster.values_list("person_id", flat=True)) if mode == "roster" else set()), row
    assert months == recount, (months, recount)
    # Not an empty comparison by mistake: months exist whenever a counted activity does.
    assert months or not Activity.objects.filter(status__in=COUNTED_STATUSES).exists()
