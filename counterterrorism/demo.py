"""Demo data for the counter-terrorism unit, added by seed_demo after the core demo data (programmes.registry)."""

import datetime

from programmes.demo_data import AreaPlan, Landmark
from programmes.demo_results import add_rule_indicator
from programmes.models import Activity, ActivityKind, Participation, ParticipationRole, Partner, Person, Sex, Theme
from programmes.names import person_name_key

from .models import UNIT, EventDetail, Milestone, MilestoneStatus, Strategy

CONFERENCE_TITLE = "National expert conference on tackling cybercrime"
CONFERENCE_DAY = datetime.date(2011, 10, 6)

# The core demo's counter-terrorism activities (registered in apps.py). Most are counted, not named: the
# participants come from security services.
PLAN = AreaPlan(
    staff=("staff.ct", "Samir", "Counter-terrorism"),
    activities=[
        (ActivityKind.TRAINING, "Terrorism risk assessment training"),
        (ActivityKind.WORKSHOP, "Organised-crime investigation workshop"),
        (ActivityKind.TRAINING, "Integrated border management training"),
        (ActivityKind.WORKSHOP, "Workshop for cyber-crime investigators"),
        (ActivityKind.TRAINING, "Drug smuggling interdiction course"),
        (ActivityKind.CONFERENCE, "Regional conference on countering violent extremism"),
        (ActivityKind.EXPERT_ADVICE, "Expert advice on terrorist-financing legislation"),
    ],
    locations=["AZ-BA", "AZ-GA"],
    beneficiaries=["MIA-OCD", "MNS-SIU", "SBS", "SCC"],
    headcount_share=0.7,
    # The Ministry of National Security's unit belongs to the State Security Service from 2016.
    successors={"MNS-SIU": (2016, "DTX")},
    # The conference that started the national cyber security strategy; _seed_conference adds its details.
    landmarks=[
        Landmark(
            kind=ActivityKind.CONFERENCE,
            title=CONFERENCE_TITLE,
            day=CONFERENCE_DAY,
            location="AZ-BA",
            venue="Baku",
            description="National expert conference for cyber-crime investigators, prosecutors and experts.",
        )
    ],
)

# title, kind, lead partner acronym, start, end, theme whose activities are linked, milestones (title, due, status)
STRATEGIES = [
    (
        "Integrated Border Management strategy",
        Strategy.Kind.STRATEGY,
        "SBS",
        datetime.date(2012, 1, 1),
        datetime.date(2025, 12, 31),
        "border-management",
        [
            ("Inter-agency working group set up", datetime.date(2012, 6, 30), MilestoneStatus.DONE),
            ("Draft strategy submitted to the Cabinet of Ministers", datetime.date(2013, 12, 31), MilestoneStatus.DONE),
            ("Risk-analysis unit at the State Border Service", datetime.date(2016, 6, 30), MilestoneStatus.DONE),
            ("Joint training curriculum for border and customs officers", datetime.date(2019, 12, 31), "in_progress"),
            ("Mid-term review of the action plan", datetime.date(2024, 6, 30), MilestoneStatus.DELAYED),
        ],
    ),
    (
        "Membership of the International Bomb Data Center Working Group",
        Strategy.Kind.MEMBERSHIP,
        "MIA-OCD",
        datetime.date(2013, 1, 1),
        None,
        "explosives",
        [
            ("Application for membership", datetime.date(2013, 9, 30), MilestoneStatus.DONE),
            ("National bomb data centre designated", datetime.date(2015, 3, 31), MilestoneStatus.DONE),
            ("First national report to the Working Group", datetime.date(2016, 10, 31), MilestoneStatus.DONE),
            ("Hosting of a regional meeting", datetime.date(2027, 5, 31), MilestoneStatus.PLANNED),
        ],
    ),
    (
        "National cyber security strategy",
        Strategy.Kind.STRATEGY,
        "MNS",
        datetime.date(2011, 10, 6),
        datetime.date(2030, 12, 31),
        "cyber-crime",
        [
            ("Recommendations of the national expert conference", datetime.date(2011, 12, 31), MilestoneStatus.DONE),
            ("Cyber-crime unit training needs assessment", datetime.date(2014, 6, 30), MilestoneStatus.DONE),
            ("Accession to the Budapest Convention follow-up", datetime.date(2026, 12, 31), "in_progress"),
        ],
    ),
]

CONTRIBUTORS = [
    ("Elçin", "Məmmədov", Sex.MALE, "MNS", ParticipationRole.MODERATOR),
    ("Günay", "Hüseynova", Sex.FEMALE, "GPO", ParticipationRole.SPEAKER),
    ("Rəşad", "Quliyev", Sex.MALE, "MIA-OCD", ParticipationRole.SPEAKER),
]


def seed_demo(scale, stdout=None):
    partners = {p.acronym: p for p in Partner.objects.exclude(acronym=None)}
    themes = {t.code: t for t in Theme.objects.filter(unit_area=UNIT)}
    through = Strategy.activities.through
    links, milestones = [], []
    for title, kind, lead, start, end, theme_code, steps in STRATEGIES:
        strategy = Strategy.objects.create(
            title=title, kind=kind, lead_partner=partners.get(lead), start_date=start, end_date=end
        )
        for step, due, status in steps:
            done = status == MilestoneStatus.DONE
            milestones.append(
                Milestone(
                    strategy=strategy, title=step, due_date=due, status=status, completed_on=due if done else None
                )
            )
        # A bounded sample: demo pages stay readable at any --scale.
        activity_ids = (
            Activity.objects.filter(unit_area=UNIT, themes=themes.get(theme_code), start_date__gte=start)
            .order_by("start_date", "id")
            .values_list("pk", flat=True)[:12]
        )
        links += [through(strategy=strategy, activity_id=pk) for pk in activity_ids]
    Milestone.objects.bulk_create(milestones)
    through.objects.bulk_create(links)
    _seed_conference(partners)
    add_rule_indicator(project_prefix="DEMO-COUN", code="4", title="Person-trainings for beneficiary institutions",
                       rule="beneficiary_trainings", by_sex=True)  # fmt: skip
    if stdout:
        stdout.write(f"counter-terrorism: {len(STRATEGIES)} strategies, {len(milestones)} milestones")


def _seed_conference(partners):
    conference = Activity.objects.filter(unit_area=UNIT, title=CONFERENCE_TITLE, start_date=CONFERENCE_DAY).first()
    if conference is None:
        return
    EventDetail.objects.update_or_create(
        activity=conference,
        defaults={
            "scope": EventDetail.Scope.NATIONAL,
            "target_audience": "Cyber-crime investigators, prosecutors, judges and IT experts",
            "agenda": "Legal framework on cyber crime; the Budapest Convention; electronic evidence; "
            "international co-operation.",
            "conclusions": "A national cyber security strategy and specialised training for investigators.",
        },
    )
    people = Person.objects.bulk_create(
        Person(
            first_name=first,
            last_name=last,
            sex=sex,
            organisation=partners.get(org),
            name_key=person_name_key(first, last),
        )
        for first, last, sex, org, _role in CONTRIBUTORS
    )
    Participation.objects.bulk_create(
        Participation(activity=conference, person=person, role=role)
        for person, (*_rest, role) in zip(people, CONTRIBUTORS, strict=True)
    )
