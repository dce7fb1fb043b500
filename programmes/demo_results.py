"""A results framework for each demo project, with yearly targets that some years meet and others miss."""

import datetime
import random
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractYear

from .indicator_rules import COUNTED_STATUSES
from .models import Activity, Indicator, IndicatorPeriod, PeriodStatus, Project, Result

INDICATORS = [
    # code, title, rule, field of the yearly figure used to set a plausible target
    ("1", "Number of trainings, workshops and meetings held", "activity_count", "activities"),
    ("2", "Person-trainings delivered (women and men)", "person_trainings", "people"),
    ("3", "Unique people reached", "unique_people", "people"),
]


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
        yearly = {
            row["year"]: row
            for row in Activity.objects.filter(project=project, status__in=COUNTED_STATUSES)
            .annotate(year=ExtractYear("start_date"))
            .values("year")
            .annotate(activities=Count("id"), people=Sum(F("participants_women") + F("participants_men")))
        }
        for code, title, rule, basis in INDICATORS:
            indicator = Indicator.objects.create(
                result=output, code=f"1.1.{code}", title=title, rule=rule, by_sex=rule != "activity_count",
                unit="activities" if rule == "activity_count" else "people", baseline_year=project.start_date.year,
            )  # fmt: skip
            periods = []
            for year in range(project.start_date.year, project.end_date.year + 1):
                expected = (yearly.get(year) or {}).get(basis) or 10
                # Targets from 70% to 140% of what happened: some years meet them, others fall short.
                target = Decimal(max(1, round(expected * rng.uniform(0.7, 1.4))))
                done = datetime.date(year, 12, 31) < today - datetime.timedelta(days=90)
                periods.append(IndicatorPeriod(
                    indicator=indicator, label=str(year), start=datetime.date(year, 1, 1),
                    end=datetime.date(year, 12, 31), target=target, target_women=(target * 3 / 10).quantize(1),
                    status=PeriodStatus.OPEN if not done else PeriodStatus.APPROVED,
                    actual=(yearly.get(year) or {}).get(basis, 0) if done else None,
                ))  # fmt: skip
            IndicatorPeriod.objects.bulk_create(periods)
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
    """For unit apps' demo seeders: one more computed indicator on each demo project's output "1.1", with the
    same yearly periods as the core indicators (targets copied from the first core indicator, scaled by 1)."""
    created = 0
    for output in Result.objects.filter(project__code__startswith=project_prefix, code="1.1"):
        indicator = Indicator.objects.create(
            result=output, code=f"1.1.{code}", title=title, rule=rule, unit=unit, by_sex=by_sex, **rule_fields
        )
        template = Indicator.objects.filter(result=output, code="1.1.1").first()
        if template is not None:
            IndicatorPeriod.objects.bulk_create(
                IndicatorPeriod(indicator=indicator, label=p.label, start=p.start, end=p.end, target=p.target)
                for p in template.periods.all()
            )
        created += 1
    return created
