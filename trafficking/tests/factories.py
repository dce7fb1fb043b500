import datetime

import factory

from accounts.units import UnitArea
from programmes.models import PartnerRole
from programmes.tests.factories import ActivityFactory, ActivityPartnerFactory, PartnerFactory

from ..models import Measure, NationalActionPlan, NrmStatistic, ProgressUpdate


class ThbActivityFactory(ActivityFactory):
    class Params:
        unit_area = UnitArea.TRAFFICKING


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalActionPlan
        django_get_or_create = ("start_year", "end_year")

    title = "National Action Plan on combating trafficking in human beings"
    start_year = 2020
    end_year = 2024


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: f"1.{n}")
    text = "Train labour inspectors to detect forced labour"
    deadline = datetime.date(2022, 12, 31)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    measure = factory.SubFactory(MeasureFactory)
    reported_on = datetime.date(2021, 12, 15)
    status = "in_progress"


class NrmStatisticFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NrmStatistic

    year = 2021
    sex = "female"
    age_band = "adult"
    exploitation = "sexual"
    nationality = "national"
    stage = "identified"
    count = 12


class CoSponsorLinkFactory(ActivityPartnerFactory):
    activity = factory.SubFactory(ThbActivityFactory, cost_eur=10000)
    partner = factory.SubFactory(PartnerFactory, kind="international_org")
    role = PartnerRole.CO_SPONSOR
    contribution_eur = 2500
