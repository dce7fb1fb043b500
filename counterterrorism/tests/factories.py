import datetime

import factory

from accounts.units import UnitArea
from programmes.models import ActivityKind
from programmes.tests.factories import ActivityFactory

from ..models import EventDetail, Milestone, Strategy


class CtActivityFactory(ActivityFactory):
    class Params:
        unit_area = UnitArea.COUNTERTERRORISM


class ConferenceFactory(CtActivityFactory):
    kind = ActivityKind.CONFERENCE
    title = factory.Sequence(lambda n: f"Expert conference {n}")


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    title = factory.Sequence(lambda n: f"Integrated Border Management strategy {n}")
    start_date = datetime.date(2012, 1, 1)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    strategy = factory.SubFactory(StrategyFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = datetime.date(2013, 6, 30)


class EventDetailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventDetail

    activity = factory.SubFactory(ConferenceFactory)
