import datetime

import factory

from programmes.models import Indicator, IndicatorPeriod, Result

from .factories import ProjectFactory


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    project = factory.SubFactory(ProjectFactory)
    level = Result.Level.OUTPUT
    code = factory.Sequence(lambda n: f"1.{n}")
    title = "Police officers trained in public assembly management"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    result = factory.SubFactory(ResultFactory)
    code = factory.Sequence(lambda n: f"I{n}")
    title = "People trained"
    rule = "person_trainings"


class IndicatorPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorPeriod

    indicator = factory.SubFactory(IndicatorFactory)
    label = "2011"
    start = datetime.date(2011, 1, 1)
    end = datetime.date(2011, 12, 31)
    target = 10
