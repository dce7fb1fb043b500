"""Demo courses with modules, every demo assembly training linked to a course, reach targets, certificates for the
participations the core demo data marks as certified, and the Azerbaijani-language publications. Bulk inserts only.
"""

import datetime
from decimal import Decimal

from programmes.demo_data import AreaPlan
from programmes.demo_results import add_rule_indicator
from programmes.models import Activity, ActivityKind, Location, Participation, ParticipationRole, Partner

from .models import (
    Certificate,
    Course,
    CourseModule,
    Distribution,
    Language,
    Publication,
    ReachTarget,
    TrainingDetail,
    new_certificate_code,
)

BATCH = 5000
GROUPS = ["MIA-PP", "MIA-SRU", "MIA-IT"]
# The core demo's assembly trainings (registered in apps.py); COURSES links each to the course it delivers.
PLAN = AreaPlan(
    staff=("staff.training", "Farid", "Training"),
    activities=[
        (ActivityKind.TRAINING, "Public assembly management training"),
        (ActivityKind.TRAINING, "Training on proportional use of force"),
        (ActivityKind.TRAINING, "Negotiation and communication in crowd situations"),
        (ActivityKind.TRAINING, "Human rights standards for Internal Troops"),
    ],
    locations=["AZ-BA", "AZ-GA", "AZ-QBA", "AZ-NV"],
    beneficiaries=GROUPS,
    headcount_share=0.1,
)
# Course title, days, modules (title, hours), and the words of demo activity titles that it delivers.
COURSES = [
    (
        "Public assembly management",
        5,
        [
            ("Human rights standards", 6),
            ("Proportional use of force", 6),
            ("Negotiation and communication", 6),
            ("Crowd dynamics", 6),
            ("Legal framework", 4),
        ],
        "assembly",
    ),
    ("Proportional use of force", 2, [("Human rights standards", 4), ("Proportional use of force", 8)], "force"),
    (
        "Negotiation and communication in crowd situations",
        3,
        [("Negotiation and communication", 10), ("Crowd dynamics", 6)],
        "negotiation",
    ),
    (
        "Human rights standards for Internal Troops",
        2,
        [("Human rights standards", 8), ("Legal framework", 6)],
        "rights",
    ),
]
# The course titles in Azerbaijani and Russian.
COURSE_TITLES = {
    "Public assembly management": ("İctimai toplantıların idarə edilməsi", "Управление публичными собраниями"),
    "Proportional use of force": ("Gücün mütənasib tətbiqi", "Соразмерное применение силы"),
    "Negotiation and communication in crowd situations": (
        "Kütləvi toplantılarda danışıqlar və ünsiyyət",
        "Переговоры и коммуникация в условиях массового скопления людей",
    ),
    "Human rights standards for Internal Troops": (
        "Daxili Qoşunlar üçün insan hüquqları standartları",
        "Стандарты прав человека для Внутренних войск",
    ),
}
# (group acronym or None, city code or None, people)
TARGETS = [
    (None, None, 2000),
    ("MIA-PP", "AZ-BA", 600),
    ("MIA-SRU", "AZ-BA", 300),
    ("MIA-IT", "AZ-BA", 400),
    ("MIA-PP", "AZ-GA", 200),
    ("MIA-PP", "AZ-QBA", 120),
    ("MIA-IT", "AZ-NV", 150),
]
PUBLICATIONS = [
    (
        "Silahlı qüvvələr qulluqçularının insan hüquqları və əsas azadlıqları",
        "Human rights and fundamental freedoms of armed forces personnel",
        "978-9952-000-01-6",
        datetime.date(2012, 11, 20),
        1500,
    ),
    (
        "Silahlı qüvvələrdə insan hüquqları: praktik bələdçi",
        "Human rights in the armed forces: a practical guide",
        "978-9952-000-02-3",
        datetime.date(2013, 12, 10),
        1000,
    ),
    (
        "İctimai toplantıların idarə edilməsi: polis üçün vəsait",
        "Managing public assemblies: a handbook for police",
        "978-9952-000-03-0",
        datetime.date(2014, 6, 3),
        800,
    ),
]
SERIES = "Human rights and fundamental freedoms of armed forces personnel"


def seed_training(scale: int = 1, stdout=None) -> dict:
    partners = {p.acronym: p for p in Partner.objects.filter(acronym__in=[*GROUPS, "MIA", "MOD"])}
    courses = Course.objects.bulk_create(
        [
            Course(title=title, title_az=COURSE_TITLES[title][0], title_ru=COURSE_TITLES[title][1], duration_days=days)
            for title, days, _modules, _key in COURSES
        ]
    )
    CourseModule.objects.bulk_create(
        [
            CourseModule(course=course, title=title, order=n, hours=Decimal(hours))
            for course, (_t, _d, modules, _k) in zip(courses, COURSES, strict=True)
            for n, (title, hours) in enumerate(modules, 1)
        ]
    )
    through = Course.target_groups.through
    through.objects.bulk_create(
        [through(course=course, partner=partners[g]) for course in courses for g in GROUPS if g in partners]
    )
    linked = _link_trainings(courses)
    locations = {loc.code: loc for loc in Location.objects.filter(code__in=[t[1] for t in TARGETS if t[1]])}
    ReachTarget.objects.bulk_create(
        [
            ReachTarget(
                target_group=partners.get(group) if group else None,
                location=locations.get(city) if city else None,
                people=people * scale,
                label="Police and Internal Troops trained in public assembly management" if group is None else "",
            )
            for group, city, people in TARGETS
        ]
    )
    certificates = _certificates()
    _publications(partners)
    add_rule_indicator(
        project_prefix="DEMO-ASSE", code="4", title=f"People trained in the course {courses[0].title}",
        rule="course_participants", by_sex=True, rule_options={"course": courses[0].pk},
    )  # fmt: skip
    counts = {"courses": len(courses), "linked trainings": linked, "certificates": certificates}
    if stdout:
        stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return counts


def _course_for(title: str, courses):
    lowered = title.lower()
    for course, (_t, _d, _m, key) in zip(courses, COURSES, strict=True):
        if key != "assembly" and key in lowered:
            return course
    return courses[0]


def _link_trainings(courses) -> int:
    trainings = Activity.objects.filter(unit_area="assembly", kind=ActivityKind.TRAINING).only("id", "title")
    details = [
        TrainingDetail(activity_id=a.pk, course=_course_for(a.title, courses)) for a in trainings.iterator(BATCH)
    ]
    TrainingDetail.objects.bulk_create(details, batch_size=BATCH)
    return len(details)


def _certificates() -> int:
    certified = Participation.objects.filter(
        certificate_issued=True, role=ParticipationRole.PARTICIPANT, activity__training_detail__isnull=False
    ).values_list("pk", flat=True)
    total, batch = 0, []
    for pk in certified.iterator(BATCH):
        batch.append(Certificate(participation_id=pk, code=new_certificate_code()))
        if len(batch) >= BATCH:
            total += len(Certificate.objects.bulk_create(batch))
            batch = []
    return total + len(Certificate.objects.bulk_create(batch))


def _publications(partners) -> None:
    publications = Publication.objects.bulk_create(
        [
            Publication(
                title=title,
                title_en=title_en,
                language=Language.AZERBAIJANI,
                isbn=isbn,
                series=SERIES,
                published_on=day,
                copies_printed=copies,
            )
            for title, title_en, isbn, day, copies in PUBLICATIONS
        ]
    )
    receivers = [partners[a] for a in ("MIA-IT", "MIA-PP", "MIA", "MOD") if a in partners]
    Distribution.objects.bulk_create(
        [
            Distribution(
                publication=publication,
                partner=partner,
                copies=publication.copies_printed // (len(receivers) + 1),
                distributed_on=publication.published_on + datetime.timedelta(days=30 * (n + 1)),
            )
            for publication in publications
            for n, partner in enumerate(receivers)
        ]
    )
