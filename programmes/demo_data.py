"""Realistic demo data for the portal: projects, activities over the years, people with Azerbaijani names.

Bulk inserts throughout, so `--scale 200` (about a million participations) finishes in minutes. History rows are
not written for bulk-created demo rows; every later change through the portal is recorded as usual.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.units import UnitArea

from . import registry
from .demo_results import create_demo_results
from .models import (
    Activity,
    ActivityKind,
    ActivityPartner,
    ActivityStatus,
    FundingSource,
    Location,
    ParticipantMode,
    Participation,
    ParticipationRole,
    Partner,
    PartnerRole,
    Person,
    Programme,
    Project,
    Sex,
    Theme,
)
from .names import person_name_key

DEMO_PASSWORD = "baku-demo-2011"
# The users of no unit area; each area's staff user comes with its plan (AreaPlan.staff).
DEMO_USERS = [
    ("admin", Role.ADMINISTRATOR, "Leyla", "Administrator"),
    ("manager", Role.MANAGER, "Kamran", "Manager"),
]

FEMALE_FIRST = [
    "Aysel",
    "Günay",
    "Ləman",
    "Nərgiz",
    "Şəbnəm",
    "Gülnar",
    "Ülviyyə",
    "Səbinə",
    "Könül",
    "Aygün",
    "Türkan",
    "Xədicə",
    "Sevinc",
    "Aynur",
    "Nigar",
    "Fidan",
    "Çiçək",
    "Gülər",
    "İradə",
    "Zərifə",
]
MALE_FIRST = [
    "Elçin",
    "Rəşad",
    "Tural",
    "Orxan",
    "İlqar",
    "Vüqar",
    "Şahin",
    "Əli",
    "Cavid",
    "Fərid",
    "Ramil",
    "Kənan",
    "Elşən",
    "Nicat",
    "Ülvi",
    "Anar",
    "Murad",
    "Zaur",
    "Rüstəm",
    "Ağa",
]
FAMILY = [
    "Məmmədov",
    "Əliyev",
    "Hüseynov",
    "Həsənov",
    "Quliyev",
    "İsmayılov",
    "Abbasov",
    "Cəfərov",
    "Rəhimov",
    "Süleymanov",
    "Bağırov",
    "Qasımov",
    "Nəsirov",
    "Kərimov",
    "Şükürov",
    "Xəlilov",
    "Orucov",
    "Ağayev",
    "Novruzov",
    "Qurbanov",
    "Çələbiyev",
    "Musayev",
    "Zeynalov",
    "Əhmədov",
    "Mirzəyev",
]


@dataclass(frozen=True)
class Landmark:
    """A real event from a unit's description that demo users will look for: approved, with a headcount."""

    kind: str
    title: str
    day: datetime.date
    location: str  # location code
    venue: str
    description: str


@dataclass(frozen=True)
class AreaPlan:
    """What the core demo data builds for one unit area. A unit app registers its own plan from its AppConfig
    (`programmes.registry.register_demo_plan`; areas without an app: programmes.area_defaults), so the builder below
    never asks which area it is building."""

    staff: tuple  # the area's demo staff user: (username, first name, last name)
    activities: list  # (kind, title): a title always goes with the kind it names; repeat a pair to weight it
    locations: list  # location codes
    beneficiaries: list  # partner acronyms
    headcount_share: float  # share of activities whose participants are counted, not named
    co_sponsors: list = field(default_factory=list)  # partner acronyms
    funding: str = FundingSource.UNIFIED_BUDGET  # of the area's demo projects
    donors: list = field(default_factory=list)  # partner acronyms, donors of every demo project of the area
    # A beneficiary replaced by a successor institution: acronym -> (first year of the successor, its acronym).
    successors: dict = field(default_factory=dict)
    landmarks: list = field(default_factory=list)  # Landmark events added to the random ones


def demo_plans() -> dict:
    """Every area's plan, in the order of UnitArea: the random draw, and so the demo, do not depend on app order."""
    return {area: registry.demo_plans[area] for area in UnitArea if area in registry.demo_plans}


FIRST_YEAR = 2011
BATCH = 5000


def demo_data_present() -> bool:
    return Project.objects.filter(code__startswith="DEMO-").exists()


def create_demo_users() -> None:
    users = [(username, role, [], first, last) for username, role, first, last in DEMO_USERS]
    for area, plan in demo_plans().items():
        username, first, last = plan.staff
        users.append((username, Role.STAFF, [area], first, last))
    for username, role, units, first, last in users:
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        user.unit_areas = [str(u) for u in units]
        user.email = f"{username}@pmu.example.org"
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role.value)])


class DemoBuilder:
    def __init__(self, scale: int, seed: int = 2011, today: datetime.date | None = None):
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.locations = {loc.code: loc for loc in Location.objects.all()}
        self.partners = {p.acronym: p for p in Partner.objects.exclude(acronym=None)}
        self.themes_by_area = {area: list(Theme.objects.filter(unit_area__in=[area, ""])) for area in UnitArea}
        self.plans = demo_plans()

    @transaction.atomic
    def build(self, stdout=None) -> dict:
        projects = self.create_projects()
        people = self.create_people()
        activities = self.create_activities(projects)
        participations = self.create_participations(activities, people)
        indicators = create_demo_results(today=self.today)
        return {
            "indicators": indicators,
            "projects": sum(map(len, projects.values())),
            "people": sum(map(len, people.values())),
            "activities": len(activities),
            "participations": participations,
        }

    def create_projects(self) -> dict:
        projects = {}
        for programme in Programme.objects.all():
            area = programme.unit_area
            plan = self.plans.get(area)
            years = [(2011, 2015), (2016, 2020), (2021, 2027)]
            for n, (start, end) in enumerate(years, 1):
                project = Project.objects.create(
                    programme=programme,
                    code=f"DEMO-{area[:4].upper()}-{n}",
                    title=f"{programme.title} {start}-{end}",
                    title_az=f"{programme.title_az} {start}-{end}" if programme.title_az else "",
                    title_ru=f"{programme.title_ru} {start}-{end}" if programme.title_ru else "",
                    funding=plan.funding if plan else FundingSource.UNIFIED_BUDGET,
                    budget_eur=Decimal(self.rng.randrange(80, 400) * 1000),
                    start_date=datetime.date(start, 1, 1),
                    end_date=datetime.date(end, 12, 31),
                    gender_marker=self.rng.choice([1, 1, 2]),
                )
                if plan and plan.donors:
                    project.donors.add(*(self.partners[acronym] for acronym in plan.donors))
                projects.setdefault(area, []).append(project)
        return projects

    def create_people(self) -> dict:
        per_area = 400 * self.scale
        people = {}
        for area, plan in self.plans.items():
            batch = []
            for _ in range(per_area):
                sex = self.rng.choice([Sex.FEMALE, Sex.MALE, Sex.MALE])
                first = self.rng.choice(FEMALE_FIRST if sex == Sex.FEMALE else MALE_FIRST)
                last = self.rng.choice(FAMILY) + ("a" if sex == Sex.FEMALE else "")
                batch.append(
                    Person(
                        first_name=first,
                        last_name=last,
                        sex=sex,
                        name_key=person_name_key(first, last),
                        organisation=self.partners[self.rng.choice(plan.beneficiaries)],
                    )
                )
            people[area] = [(p.pk, p.sex) for p in Person.objects.bulk_create(batch, batch_size=BATCH)]
        return people

    def _project_for(self, projects, day):
        return next(p for p in projects if p.start_date <= day <= p.end_date)

    def create_activities(self, projects) -> list:
        per_area = 75 * self.scale
        span = (datetime.date(2027, 3, 31) - datetime.date(FIRST_YEAR, 1, 1)).days
        rows = []
        for area, plan in self.plans.items():
            for _ in range(per_area):
                start = datetime.date(FIRST_YEAR, 1, 1) + datetime.timedelta(days=self.rng.randrange(span))
                kind, title = self.rng.choice(plan.activities)
                location = self.locations[self.rng.choice(plan.locations)]
                rows.append(
                    (
                        area,
                        plan,
                        Activity(
                            project=self._project_for(projects[area], start),
                            unit_area=area,
                            kind=kind,
                            title=title,
                            start_date=start,
                            end_date=start
                            + datetime.timedelta(days=0 if kind == ActivityKind.MEETING else self.rng.randrange(3)),
                            location=location,
                            venue=self.rng.choice(
                                ["Police department", "Training centre", "Hotel conference room", ""]
                            ),
                            status=self._status_for(start),
                            cost_eur=Decimal(self.rng.randrange(5, 250) * 100),
                            participant_mode=(
                                ParticipantMode.HEADCOUNT
                                if self.rng.random() < plan.headcount_share
                                else ParticipantMode.ROSTER
                            ),
                            description=f"{title} in {location.name}.",
                        ),
                    )
                )
        rows.extend(self._landmark_activities(projects))
        created = Activity.objects.bulk_create([a for _, _, a in rows], batch_size=BATCH)
        self._link_partners_and_themes(rows)
        return [(area, plan, activity) for (area, plan, _), activity in zip(rows, created, strict=False)]

    def _landmark_activities(self, projects):
        return [
            (
                area,
                plan,
                Activity(
                    project=self._project_for(projects[area], landmark.day),
                    unit_area=area,
                    kind=landmark.kind,
                    title=landmark.title,
                    start_date=landmark.day,
                    end_date=landmark.day,
                    location=self.locations[landmark.location],
                    venue=landmark.venue,
                    status=ActivityStatus.APPROVED,
                    participant_mode=ParticipantMode.HEADCOUNT,
                    description=landmark.description,
                ),
            )
            for area, plan in self.plans.items()
            for landmark in plan.landmarks
        ]

    def _status_for(self, start):
        if start > self.today:
            return ActivityStatus.PLANNED
        if (self.today - start).days < 60:
            return self.rng.choice([ActivityStatus.COMPLETED, ActivityStatus.SUBMITTED, ActivityStatus.RETURNED])
        return self.rng.choice([ActivityStatus.APPROVED] * 9 + [ActivityStatus.CANCELLED])

    def _link_partners_and_themes(self, rows):
        links, theme_links = [], []
        through = Activity.themes.through
        for area, plan, activity in rows:
            beneficiary = self.rng.choice(plan.beneficiaries)
            first_year, successor = plan.successors.get(beneficiary, (None, None))
            if successor and activity.start_date.year >= first_year:
                beneficiary = successor
            links.append(
                ActivityPartner(activity=activity, partner=self.partners[beneficiary], role=PartnerRole.BENEFICIARY)
            )
            if plan.co_sponsors and self.rng.random() < 0.6:
                links.append(
                    ActivityPartner(
                        activity=activity,
                        partner=self.partners[self.rng.choice(plan.co_sponsors)],
                        role=PartnerRole.CO_SPONSOR,
                        contribution_eur=Decimal(self.rng.randrange(10, 60) * 100),
                    )
                )
            for theme in self.rng.sample(self.themes_by_area[area], 2):
                theme_links.append(through(activity=activity, theme=theme))
        ActivityPartner.objects.bulk_create(links, batch_size=BATCH)
        through.objects.bulk_create(theme_links, batch_size=BATCH)

    def create_participations(self, activities, people) -> int:
        total = 0
        batch = []
        for area, _plan, activity in activities:
            if activity.status in (ActivityStatus.PLANNED, ActivityStatus.CANCELLED):
                continue
            size = self.rng.randrange(11, 43)
            if activity.is_headcount:
                women = self.rng.randrange(size // 3 + 1)
                Activity.objects.filter(pk=activity.pk).update(
                    headcount_women=women,
                    headcount_men=size - women,
                    participants_women=women,
                    participants_men=size - women,
                )
                continue
            pool = people[area]
            chosen = [pool[i] for i in self.rng.sample(range(len(pool)), min(size, len(pool)))]
            women = sum(1 for _, sex in chosen if sex == Sex.FEMALE)
            activity.participants_women, activity.participants_men = women, len(chosen) - women
            for n, (person_id, _sex) in enumerate(chosen):
                pre = self.rng.randrange(30, 80) if activity.kind == ActivityKind.TRAINING else None
                batch.append(
                    Participation(
                        activity_id=activity.pk,
                        person_id=person_id,
                        role=ParticipationRole.TRAINER if n == 0 else ParticipationRole.PARTICIPANT,
                        days_attended=activity.duration_days,
                        pre_test_score=pre,
                        post_test_score=min(100, pre + self.rng.randrange(0, 35)) if pre else None,
                        certificate_issued=activity.status == ActivityStatus.APPROVED and n > 0,
                    )
                )
            if len(batch) >= BATCH:
                total += len(Participation.objects.bulk_create(batch))
                batch = []
        total += len(Participation.objects.bulk_create(batch))
        roster = [a for _, _, a in activities if not a.is_headcount and a.participants_women + a.participants_men]
        Activity.objects.bulk_update(roster, ["participants_women", "participants_men"], batch_size=BATCH)
        return total
