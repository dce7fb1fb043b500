"""Demo data for the trafficking unit, added by seed_demo after the core demo data (programmes.registry)."""

import datetime
import itertools
import random

from django.utils import timezone

from programmes.demo_data import AreaPlan
from programmes.demo_results import add_rule_indicator
from programmes.models import Activity, ActivityKind, FundingSource, Partner

from .models import (
    UNIT,
    AgeBand,
    Exploitation,
    Measure,
    MeasureStatus,
    NationalActionPlan,
    Nationality,
    NrmStatistic,
    ProgressUpdate,
    Sex,
    Stage,
)

# The core demo's anti-trafficking activities (registered in apps.py): extra-budgetary projects funded by the EU,
# co-sponsored by international organisations.
PLAN = AreaPlan(
    staff=("staff.thb", "Sevda", "Anti-trafficking"),
    activities=[
        (ActivityKind.TRAINING, "Victim identification training"),
        (ActivityKind.WORKSHOP, "Workshop on the National Referral Mechanism"),
        (ActivityKind.TRAINING, "Forced labour investigation training for labour inspectors"),
        (ActivityKind.STUDY_VISIT, "Study visit on victim protection"),
        (ActivityKind.ROUND_TABLE, "Round table on the National Action Plan"),
    ],
    locations=["AZ-BA", "AZ-GA", "AZ-SR"],
    beneficiaries=["MIA-THB", "MLSPP", "SMS", "GPO"],
    headcount_share=0.2,
    co_sponsors=["ILO", "IOM", "ICMPD"],
    funding=FundingSource.EXTRA_BUDGETARY,
    donors=["EU"],
)
# number, text, responsible acronyms, indicator
MEASURES = [
    ("1.1", "Train police, prosecutors and judges on identifying victims of trafficking", ["MIA-THB", "GPO"],
     "Number of officials trained, by sex"),
    ("1.2", "Strengthen the National Referral Mechanism and its co-ordination meetings", ["MIA-THB", "MLSPP"],
     "NRM meetings held; referrals made"),
    ("2.1", "Train labour inspectors to detect forced labour", ["MLSPP"], "Inspections with forced-labour indicators"),
    ("2.2", "Screen migrant workers for signs of trafficking", ["SMS"], "Migrants screened"),
    ("3.1", "Provide shelter and rehabilitation to identified victims", ["MLSPP"], "Victims assisted"),
    ("3.2", "Prosecute trafficking cases with a victim-centred approach", ["GPO"], "Prosecutions and convictions"),
    ("4.1", "Raise awareness among young people and job seekers", ["MIA-THB", "SMS"], "Awareness events held"),
    ("4.2", "Co-operate with countries of destination on returns", ["MIA-THB", "SMS"], "Joint cases handled"),
]  # fmt: skip
ACTION_PLANS = [("National Action Plan on combating trafficking in human beings", 2014, 2018),
         ("National Action Plan on combating trafficking in human beings", 2020, 2024)]  # fmt: skip
NRM_YEARS = range(2014, 2025)


def seed_demo(scale, stdout=None):
    rng = random.Random(2014)
    partners = {p.acronym: p for p in Partner.objects.exclude(acronym=None)}
    activities = list(Activity.objects.filter(unit_area=UNIT).values_list("pk", "start_date").order_by("start_date"))
    responsible_through, activity_through = Measure.responsible.through, Measure.activities.through
    responsible_links, activity_links, updates = [], [], []
    for title, first, last in ACTION_PLANS:
        plan = NationalActionPlan.objects.create(
            title=title, start_year=first, end_year=last, adopted_on=datetime.date(first, 2, 1)
        )
        measures = Measure.objects.bulk_create(
            Measure(
                plan=plan,
                number=number,
                text=text,
                indicator=indicator,
                deadline=datetime.date(rng.randrange(first, last + 1), 12, 31),
            )
            for number, text, _resp, indicator in MEASURES
        )
        in_period = [pk for pk, day in activities if first <= day.year <= last]
        for measure, (_n, _t, responsible, _i) in zip(measures, MEASURES, strict=True):
            responsible_links += [
                responsible_through(measure=measure, partner=partners[a]) for a in responsible if a in partners
            ]
            # Some measures get no support at all, so the coverage matrix has gaps to show.
            if in_period and rng.random() < 0.75:
                for pk in rng.sample(in_period, min(len(in_period), rng.randrange(1, 6))):
                    activity_links.append(activity_through(measure=measure, activity_id=pk))
            for year in range(first, min(last, timezone.localdate().year) + 1):
                if rng.random() < 0.6:
                    status = (
                        MeasureStatus.COMPLETED
                        if year >= measure.deadline.year and rng.random() < 0.6
                        else (rng.choice([MeasureStatus.IN_PROGRESS, MeasureStatus.IN_PROGRESS, MeasureStatus.DELAYED]))
                    )
                    updates.append(
                        ProgressUpdate(
                            measure=measure,
                            reported_on=datetime.date(year, 12, 15),
                            status=status,
                            note=f"Annual report {year}.",
                        )
                    )
    responsible_through.objects.bulk_create(responsible_links)
    activity_through.objects.bulk_create(activity_links, ignore_conflicts=True)
    ProgressUpdate.objects.bulk_create(updates)
    NrmStatistic.objects.bulk_create(_nrm_rows(rng))
    add_rule_indicator(project_prefix="DEMO-TRAF", code="4", title="National Action Plan measures supported",
                       rule="nap_measures_supported", unit="measures")  # fmt: skip
    if stdout:
        stdout.write(f"trafficking: {len(ACTION_PLANS)} action plans, {len(updates)} progress updates")


STAGE_SCALE = {
    Stage.PRESUMED: 1.0,
    Stage.IDENTIFIED: 0.7,
    Stage.REFERRED: 0.6,
    Stage.ASSISTED: 0.5,
    Stage.INVESTIGATIONS: 0.4,
    Stage.PROSECUTIONS: 0.25,
    Stage.CONVICTIONS: 0.2,
}
EXPLOITATION_BASE = {Exploitation.SEXUAL: 14, Exploitation.LABOUR: 10, Exploitation.BEGGING: 2}


def _nrm_rows(rng):
    """Whole-year aggregates with realistic small cells (children, foreign nationals) that must be suppressed."""
    rows = []
    for year, sex, age, (exploitation, base), nationality in itertools.product(
        NRM_YEARS, [Sex.FEMALE, Sex.MALE], [AgeBand.ADULT, AgeBand.CHILD], EXPLOITATION_BASE.items(),
        [Nationality.NATIONAL, Nationality.FOREIGN],
    ):  # fmt: skip
        size = base * (1.5 if sex == Sex.FEMALE and exploitation == Exploitation.SEXUAL else 1)
        size *= 0.15 if age == AgeBand.CHILD else 1
        size *= 0.3 if nationality == Nationality.FOREIGN else 1
        for stage, factor in STAGE_SCALE.items():
            count = max(0, round(size * factor * rng.uniform(0.6, 1.4)))
            rows.append(
                NrmStatistic(
                    year=year,
                    sex=sex,
                    age_band=age,
                    exploitation=exploitation,
                    nationality=nationality,
                    stage=stage,
                    count=count,
                )  # fmt: skip
            )
    return rows
