"""Writes that touch several rows: a CAG meeting is a core activity plus its detail row."""

import datetime

from django.db import transaction
from django.utils import timezone

from programmes.models import Activity, ActivityKind, ActivityStatus, ParticipantMode
from programmes.services import refresh_participant_counts

from .models import CagMeeting, CagMember, CommunityAdvisoryGroup


@transaction.atomic
def record_meeting(
    *,
    cag: CommunityAdvisoryGroup,
    project,
    title: str,
    date: datetime.date,
    venue: str = "",
    women: int = 0,
    men: int = 0,
    members_present: int = 0,
    police_attendees: int = 0,
    topics=(),
    minutes: str = "",
    user=None,
) -> CagMeeting:
    """Create the meeting activity (attendance as a headcount by sex) and its CAG detail in one transaction."""
    activity = Activity.objects.create(
        project=project,
        kind=ActivityKind.MEETING,
        title=title,
        start_date=date,
        end_date=date,
        location=cag.location,
        venue=venue,
        status=ActivityStatus.PLANNED if date > timezone.localdate() else ActivityStatus.COMPLETED,
        participant_mode=ParticipantMode.HEADCOUNT,
        headcount_women=women,
        headcount_men=men,
        created_by=user,
    )
    activity.themes.set(topics)
    refresh_participant_counts(activity=activity)
    meeting = CagMeeting(
        activity=activity,
        cag=cag,
        members_present=members_present,
        members_total=members_on(cag, date),
        police_attendees=police_attendees,
        minutes=minutes,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


def members_on(cag: CommunityAdvisoryGroup, day: datetime.date) -> int:
    return CagMember.objects.active_on(day).filter(cag=cag).count()
