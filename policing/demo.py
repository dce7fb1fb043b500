"""Demo CAGs in the ten towns of the reference data, their members, and issues and actions from their meetings.

The core demo data already holds policing meeting activities; each one held in a town with a group (on or after the
group's establishment) becomes that group's meeting. Recent quarterly meetings are added for active groups, except
one, so the rollout page shows a group that has gone quiet. Bulk inserts only: `seed_demo --scale 200` stays fast.
"""

import datetime
import random

from django.utils import timezone

from programmes.demo_data import AreaPlan
from programmes.demo_results import add_rule_indicator
from programmes.models import Activity, ActivityKind, ActivityStatus, Location, ParticipantMode, Project, Sex

from .models import (
    PRESIDENTIAL_ORDER_2009,
    ActionStatus,
    CagMeeting,
    CagMember,
    CagStatus,
    CommunityAdvisoryGroup,
    FollowUpAction,
    IssueRaised,
    MemberSector,
)
from .selectors import quarter_start, shift_quarters

# (location code, police department, established, status); the first groups followed the May 2009 order.
GROUPS = [
    ("AZ-MI", "Mingachevir City Police Department", datetime.date(2009, 9, 15), CagStatus.ACTIVE),
    ("AZ-SBN", "Shabran District Police Department", datetime.date(2009, 10, 20), CagStatus.ACTIVE),
    ("AZ-SR", "Shirvan City Police Department", datetime.date(2009, 11, 10), CagStatus.ACTIVE),
    ("AZ-BA-NRM", "Narimanov District Police Department, Baku", datetime.date(2010, 3, 1), CagStatus.ACTIVE),
    ("AZ-QBA", "Guba District Police Department", datetime.date(2011, 4, 12), CagStatus.ACTIVE),
    ("AZ-XAC", "Khachmaz District Police Department", datetime.date(2011, 6, 7), CagStatus.ACTIVE),
    ("AZ-TAR", "Tartar District Police Department", datetime.date(2012, 5, 22), CagStatus.DORMANT),
    ("AZ-YE", "Yevlakh City Police Department", datetime.date(2012, 9, 18), CagStatus.ACTIVE),
    ("AZ-GA", "Ganja City Police Department", datetime.date(2013, 2, 5), CagStatus.ACTIVE),
    ("AZ-QAZ", "Gazakh District Police Department", None, CagStatus.PLANNED),
]
# The departments' names in Azerbaijani and Russian (English stays the record's name).
DEPARTMENT_NAMES = {
    "Mingachevir City Police Department": ("Mingəçevir Şəhər Polis İdarəsi", "Управление полиции города Мингячевир"),
    "Shabran District Police Department": ("Şabran Rayon Polis Şöbəsi", "Шабранский районный отдел полиции"),
    "Shirvan City Police Department": ("Şirvan Şəhər Polis Şöbəsi", "Ширванский городской отдел полиции"),
    "Narimanov District Police Department, Baku": (
        "Bakı şəhəri Nərimanov Rayon Polis İdarəsi",
        "Наримановское районное управление полиции города Баку",
    ),
    "Guba District Police Department": ("Quba Rayon Polis Şöbəsi", "Губинский районный отдел полиции"),
    "Khachmaz District Police Department": ("Xaçmaz Rayon Polis Şöbəsi", "Хачмазский районный отдел полиции"),
    "Tartar District Police Department": ("Tərtər Rayon Polis Şöbəsi", "Тертерский районный отдел полиции"),
    "Yevlakh City Police Department": ("Yevlax Şəhər Polis Şöbəsi", "Евлахский городской отдел полиции"),
    "Ganja City Police Department": ("Gəncə Şəhər Polis İdarəsi", "Управление полиции города Гянджа"),
    "Gazakh District Police Department": ("Qazax Rayon Polis Şöbəsi", "Газахский районный отдел полиции"),
}
# The core demo's policing activities (registered in apps.py): meetings in the CAG towns become the groups' meetings.
PLAN = AreaPlan(
    staff=("staff.policing", "Nigar", "Policing"),
    activities=[
        (ActivityKind.MEETING, "Community Advisory Group meeting"),
        (ActivityKind.MEETING, "Community Advisory Group meeting"),
        (ActivityKind.TRAINING, "Crime prevention training for community police officers"),
        (ActivityKind.ROUND_TABLE, "Round table on police-media relations"),
        (ActivityKind.WORKSHOP, "Domestic violence prevention workshop"),
    ],
    locations=[code for code, *_ in GROUPS],
    beneficiaries=["MIA"],
    headcount_share=0.2,
)
QUIET_GROUP = "AZ-YE"  # active on paper, no meeting lately: the rollout page flags it
ISSUES = [
    "Poor street lighting near the school makes the walk home unsafe in winter.",
    "Speeding on the main road past the market.",
    "Young people gathering late at night near the bus station.",
    "Residents do not know how to report domestic violence safely.",
    "Local journalists ask for a regular police press briefing.",
    "Stray dogs near the kindergarten.",
    "Parking on the pavement blocks pedestrians on the central street.",
]
ACTIONS = [
    ("Ask the municipality to repair the street lights", "Municipality liaison"),
    ("Place a patrol car at the market at peak hours", "Road police"),
    ("Hold an information session at the school", "Community police officer"),
    ("Publish the hotline number in the local newspaper", "Press officer"),
    ("Meet the youth centre director", "CAG chair"),
]
SECTORS = list(MemberSector.values)
BATCH = 5000


def seed_policing(scale: int = 1, stdout=None, today: datetime.date | None = None) -> dict:
    rng = random.Random(2009)
    today = today or timezone.localdate()
    locations = {loc.code: loc for loc in Location.objects.filter(code__in=[g[0] for g in GROUPS])}
    groups = CommunityAdvisoryGroup.objects.bulk_create(
        [
            CommunityAdvisoryGroup(
                police_department=department,
                police_department_az=DEPARTMENT_NAMES[department][0],
                police_department_ru=DEPARTMENT_NAMES[department][1],
                location=locations[code],
                established_on=established,
                legal_basis=_legal_basis(established),
                status=status,
            )
            for code, department, established, status in GROUPS
        ]
    )
    by_location = {g.location_id: g for g in groups if g.established_on}
    members = _members(rng, groups, today)
    CagMember.objects.bulk_create(members, batch_size=BATCH)
    _add_recent_meetings(rng, groups, today)
    meetings = _link_meetings(rng, by_location, members, today)
    issues, actions = _issues_and_actions(rng, meetings, today)
    add_rule_indicator(
        project_prefix="DEMO-POLI",
        code="4",
        title="Community Advisory Groups active",
        rule="cags_active",
        unit="groups",
    )
    counts = {"CAGs": len(groups), "CAG meetings": len(meetings), "issues": issues, "actions": actions}
    if stdout:
        stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return counts


def _legal_basis(established):
    """The first groups were set up under the May 2009 order; later ones by a police department decision under it."""
    if established is None:
        return ""
    if established.year <= 2010:
        return str(PRESIDENTIAL_ORDER_2009)
    return "Police department decision under the presidential order of May 2009"


def _members(rng, groups, today):
    members = []
    for group in groups:
        start = group.established_on or today
        for n in range(rng.randrange(9, 15)):
            joined = start + datetime.timedelta(days=rng.randrange(0, 400) if n > 6 else 0)
            left = joined + datetime.timedelta(days=rng.randrange(300, 2500)) if rng.random() < 0.25 else None
            members.append(
                CagMember(
                    cag=group,
                    sector=SECTORS[n % len(SECTORS)] if n < len(SECTORS) else rng.choice(SECTORS),
                    sex=rng.choice([Sex.FEMALE, Sex.MALE, Sex.MALE]),
                    joined_on=min(joined, today),
                    left_on=left if left and left <= today else None,
                )
            )
    return members


def _members_on(members, group, day):
    return sum(
        1 for m in members if m.cag_id == group.pk and m.joined_on <= day and (m.left_on is None or m.left_on >= day)
    )


def _add_recent_meetings(rng, groups, today):
    """One meeting a quarter over the last six quarters for active groups (the quiet one excepted)."""
    projects = list(Project.objects.filter(code__startswith="DEMO-POLI"))
    current = quarter_start(today)
    activities = []
    for group in groups:
        if group.status != CagStatus.ACTIVE or group.location.code == QUIET_GROUP:
            continue
        for back in range(1, 7):
            day = shift_quarters(current, -back) + datetime.timedelta(days=rng.randrange(10, 80))
            project = next((p for p in projects if p.start_date <= day <= (p.end_date or day)), None)
            if project is None:
                continue
            women, men = rng.randrange(2, 8), rng.randrange(4, 12)
            activities.append(
                Activity(
                    project=project,
                    unit_area=project.programme.unit_area,
                    kind=ActivityKind.MEETING,
                    title="Community Advisory Group meeting",
                    start_date=day,
                    end_date=day,
                    location=group.location,
                    venue="Police department",
                    status=ActivityStatus.APPROVED,
                    participant_mode=ParticipantMode.HEADCOUNT,
                    headcount_women=women,
                    headcount_men=men,
                    participants_women=women,
                    participants_men=men,
                )
            )
    Activity.objects.bulk_create(activities, batch_size=BATCH)


def _link_meetings(rng, by_location, members, today):
    """Each held policing meeting in a town with a group becomes that group's meeting."""
    candidates = (
        Activity.objects.filter(
            unit_area="policing",
            kind=ActivityKind.MEETING,
            location_id__in=list(by_location),
            cag_meeting__isnull=True,
        )
        .exclude(status=ActivityStatus.CANCELLED)
        .only("id", "location_id", "start_date", "status")
    )
    meetings = []
    for activity in candidates.iterator(chunk_size=BATCH):
        group = by_location[activity.location_id]
        if activity.start_date < group.established_on:
            continue
        held = activity.start_date <= today and activity.status != ActivityStatus.PLANNED
        total = _members_on(members, group, activity.start_date)
        present = rng.randrange(total // 2, total + 1) if held and total else 0
        meetings.append(
            CagMeeting(
                activity_id=activity.pk,
                cag=group,
                members_present=present,
                members_total=total,
                police_attendees=rng.randrange(1, 5) if held else 0,
                minutes="Minutes kept by the group's secretary." if held else "",
            )
        )
        meetings[-1].day = activity.start_date
    created = CagMeeting.objects.bulk_create(meetings, batch_size=BATCH)
    for meeting, source in zip(created, meetings, strict=True):
        meeting.day = source.day
    return [m for m in created if m.day <= today and m.members_present]


def _issues_and_actions(rng, meetings, today):
    issues = []
    for meeting in meetings:
        for _ in range(rng.choice([0, 1, 1, 2])):
            issues.append(
                IssueRaised(meeting=meeting, summary=rng.choice(ISSUES), raised_by_sector=rng.choice(SECTORS))
            )
            issues[-1].day = meeting.day
    created = IssueRaised.objects.bulk_create(issues, batch_size=BATCH)
    actions = []
    for issue, source in zip(created, issues, strict=True):
        for _ in range(rng.choice([1, 1, 2])):
            description, owner = rng.choice(ACTIONS)
            due = source.day + datetime.timedelta(days=rng.randrange(14, 90))
            # Old actions are mostly closed; some recent ones stay open past their due date and show as overdue.
            if due < today - datetime.timedelta(days=365) or rng.random() < 0.5:
                status, outcome = rng.choice(
                    [
                        (ActionStatus.DONE, "Done and reported back at the next meeting."),
                        (ActionStatus.DROPPED, "Dropped: outside police competence."),
                    ]
                )
            else:
                status, outcome = rng.choice([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]), ""
            actions.append(
                FollowUpAction(
                    issue=issue, description=description, owner=owner, due_date=due, status=status, outcome=outcome
                )
            )
    FollowUpAction.objects.bulk_create(actions, batch_size=BATCH)
    return len(created), len(actions)
