"""A results framework for each demo project, with yearly targets that some years meet and others miss."""

import datetime
import math
import random
from decimal import Decimal

from django.utils import timezone

from .indicator_rules import RULES
from .models import Indicator, IndicatorPeriod, PeriodStatus, Project, Result

INDICATORS = [
    # code, title, rule
    ("1", "Number of trainings, workshops and meetings held", "activity_count"),
    ("2", "Person-trainings delivered (women and men)", "person_trainings"),
    ("3", "Unique people reached", "unique_people"),
]


def yearly_periods(indicator, *, project, today: datetime.date, rng) -> list:
    """A period per project year with a target on the scale of the indicator's own figures: each year's figure
    from its rule, times 0.7 to 1.4, so some years meet their target and others miss it. Years still ahead (no
    figure yet) get a target near the mean of the years with one. Years ended a quarter ago are approved."""
    rule = RULES[indicator.rule]
    years = range(project.start_date.year, project.end_date.year + 1)
    figures = {}
    for year in years:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if start <= today:
            figures[year] = rule.compute(indicator, start, end).value
    known = [value for value in figures.values() if value]
    typical = sum(known) / len(known) if known else Decimal(10)
    periods = []
    for year in years:
        basis = figures.get(year) or typical
        # Kept within 70-140% after rounding too, so small counts do not jump to twice their target.
        low, high = math.ceil(basis * Decimal("0.7")), math.floor(basis * Decimal("1.4"))
        target = Decimal(max(1, min(high, max(low, round(basis * Decimal(rng.uniform(0.7, 1.4)))))))
        done = datetime.date(year, 12, 31) < today - datetime.timedelta(days=90)
        periods.append(IndicatorPeriod(
            indicator=indicator, label=str(year), start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31),
            target=target, target_women=(target * 3 / 10).quantize(1) if indicator.by_sex else None,
            status=PeriodStatus.APPROVED if done else PeriodStatus.OPEN,
            actual=figures.get(year, 0) if done else None,
        ))  # fmt: skip
    return periods


def create_demo_results(*, today: datetime.date, seed: int = 2011) -> int:
    rng = random.Random(seed)
    created = 0
    for project in Project.objects.filter(code__startswith="DEMO-").select_related("programme"):
        outcome = Result.objects.create(
            project=project, level=Result.Level.OUTCOME, code="1",
            title=f"Partners apply international standards in {project.programme.title.lower()}",
        )  # fmt: skip
        output = Result.objects.create(
            project=project, level=Result.Level.OUTPUT, code="1.1", parent=outcome,
            title="Officials trained and supported by the OSCE Office in Baku",
        )  # fmt: skip
        for code, title, rule in INDICATORS:
            indicator = Indicator.objects.create(
                result=output, code=f"1.1.{code}", title=title, rule=rule, by_sex=rule != "activity_count",
                unit="activities" if rule == "activity_count" else "people", baseline_year=project.start_date.year,
            )  # fmt: skip
            IndicatorPeriod.objects.bulk_create(yearly_periods(indicator, project=project, today=today, rng=rng))
            created += 1
        manual = Indicator.objects.create(
            result=outcome, code="1.A", title="Recommendations of the unit reflected in national documents",
            rule="manual", by_sex=False, unit="documents", baseline_year=project.start_date.year,
        )  # fmt: skip
        IndicatorPeriod.objects.bulk_create(
            IndicatorPeriod(
                indicator=manual,
                label=str(year),
                start=datetime.date(year, 1, 1),
                end=datetime.date(year, 12, 31),
                target=2,
                actual=rng.choice([1, 2, 3]) if year < today.year else None,
                narrative="Reflected in the annual action plan of the partner ministry." if year < today.year else "",
                status=PeriodStatus.APPROVED if year < today.year else PeriodStatus.OPEN,
            )
            for year in range(project.start_date.year, project.end_date.year + 1)
        )
        created += 1
    return created


def add_rule_indicator(*, project_prefix: str, code: str, title: str, rule: str, unit: str = "people",
                       by_sex: bool = False, **rule_fields) -> int:  # fmt: skip
    """For unit apps' demo seeders: one more computed indicator on each demo project's output "1.1", with yearly
    targets on the scale of its own figures (as the core indicators')."""
    rng = random.Random(f"{project_prefix}{code}")
    today = timezone.localdate()
    created = 0
    for output in Result.objects.filter(project__code__startswith=project_prefix, code="1.1").select_related("project"):
        indicator = Indicator.objects.create(
            result=output, code=f"1.1.{code}", title=title, rule=rule, unit=unit, by_sex=by_sex, **rule_fields
        )
        if rule in RULES:
            periods = yearly_periods(indicator, project=output.project, today=today, rng=rng)
            for period in periods:  # a unit's rule is computed live: no stored actual, open periods
                period.actual, period.status = None, PeriodStatus.OPEN
            IndicatorPeriod.objects.bulk_create(periods)
        created += 1
    return created
