import datetime

import factory

from programmes.models import ActivityKind, ActivityStatus, ParticipantMode
from programmes.tests.factories import ActivityFactory, LocationFactory

from ..models import (
    CagMeeting,
    CagMember,
    CagStatus,
    CommunityAdvisoryGroup,
    FollowUpAction,
    IssueRaised,
    MemberSector,
)


class CagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityAdvisoryGroup

    police_department = factory.Sequence(lambda n: f"District Police Department {n}")
    location = factory.SubFactory(LocationFactory)
    established_on = datetime.date(2009, 9, 15)
    legal_basis = "Presidential order of May 2009"
    status = CagStatus.ACTIVE


class CagMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CagMember

    cag = factory.SubFactory(CagFactory)
    sector = MemberSector.COMMUNITY
    sex = "female"
    joined_on = datetime.date(2009, 9, 15)


class MeetingActivityFactory(ActivityFactory):
    kind = ActivityKind.MEETING
    title = "Community Advisory Group meeting"
    start_date = datetime.date(2012, 3, 1)
    end_date = factory.SelfAttribute("start_date")
    status = ActivityStatus.APPROVED
    participant_mode = ParticipantMode.HEADCOUNT


class CagMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CagMeeting

    activity = factory.SubFactory(MeetingActivityFactory)
    cag = factory.SubFactory(CagFactory)
    members_present = 4
    members_total = 6
    police_attendees = 2


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssueRaised

    meeting = factory.SubFactory(CagMeetingFactory)
    summary = "Speeding past the school"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    issue = factory.SubFactory(IssueFactory)
    description = "Ask for a speed bump"
    owner = "Road police"
    due_date = datetime.date(2012, 4, 1)
