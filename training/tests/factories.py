import datetime

import factory

from programmes.models import ActivityStatus
from programmes.tests.factories import ActivityFactory, ParticipationFactory, PartnerFactory

from ..models import Certificate, Course, CourseModule, Distribution, Publication, ReachTarget, TrainingDetail


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Public assembly management {n}")
    duration_days = 3


class TrainingFactory(ActivityFactory):
    """A held training activity; TrainingDetailFactory links it to a course."""

    status = ActivityStatus.APPROVED
    title = "Public assembly management training"


class TrainingDetailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingDetail

    activity = factory.SubFactory(TrainingFactory)
    course = factory.SubFactory(CourseFactory)


class ReachTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReachTarget

    people = 100


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    participation = factory.SubFactory(
        ParticipationFactory, activity=factory.LazyFunction(lambda: TrainingDetailFactory().activity)
    )


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"İnsan hüquqları {n}")
    language = "az"
    copies_printed = 1000
    published_on = datetime.date(2012, 11, 20)


class DistributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Distribution

    publication = factory.SubFactory(PublicationFactory)
    partner = factory.SubFactory(PartnerFactory)
    copies = 100
    distributed_on = datetime.date(2013, 1, 10)


class CourseModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseModule

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    order = 1
