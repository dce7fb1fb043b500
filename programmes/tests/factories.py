import datetime

import factory

from accounts.units import UnitArea
from programmes.models import (
    Activity,
    ActivityKind,
    ActivityPartner,
    Evidence,
    Location,
    Participation,
    Partner,
    PartnerRole,
    Person,
    Programme,
    Project,
    Sex,
)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ("code",)

    code = "AZ-GA"
    name = "Ganja"
    name_az = "Gəncə"
    name_ru = "Гянджа"
    kind = Location.Kind.CITY
    latitude = "40.68280"
    longitude = "46.36060"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner institution {n}")
    acronym = factory.Sequence(lambda n: f"P{n}")
    kind = Partner.Kind.LAW_ENFORCEMENT


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("unit_area", "title")

    unit_area = UnitArea.POLICING
    title = factory.LazyAttribute(lambda p: f"{UnitArea(p.unit_area).label} programme")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    code = factory.Sequence(lambda n: f"PRJ-{n:04d}")
    funding = "ub"
    start_date = datetime.date(2011, 1, 1)
    end_date = datetime.date(2030, 12, 31)


class ActivityFactory(factory.django.DjangoModelFactory):
    """ActivityFactory(unit_area="trafficking") builds the project and programme of that area."""

    class Meta:
        model = Activity

    class Params:
        unit_area = UnitArea.POLICING

    project = factory.SubFactory(ProjectFactory, programme__unit_area=factory.SelfAttribute("...unit_area"))
    kind = ActivityKind.TRAINING
    title = factory.Sequence(lambda n: f"Training course {n}")
    start_date = datetime.date(2011, 10, 6)
    end_date = datetime.date(2011, 10, 7)
    location = factory.SubFactory(LocationFactory)


class ActivityPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityPartner

    activity = factory.SubFactory(ActivityFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = PartnerRole.BENEFICIARY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Iterator(["Aysel", "Elçin", "Günay", "Rəşad", "Şəbnəm", "İlqar"])
    last_name = factory.Iterator(["Məmmədova", "Əliyev", "Hüseynova", "Cəfərov", "Həsənova", "Quliyev"])
    sex = factory.Iterator([Sex.FEMALE, Sex.MALE])


class ParticipationFactory(factory.django.DjangoModelFactory):
    """Keeps the activity's participant summary current, as every real write does."""

    class Meta:
        model = Participation
        skip_postgeneration_save = True

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(PersonFactory)

    @factory.post_generation
    def refresh_counts(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook signature
        if create:
            from programmes.services import refresh_participant_counts

            refresh_participant_counts(activity=obj.activity)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    activity = factory.SubFactory(ActivityFactory)
    kind = Evidence.Kind.AGENDA
    file = factory.django.FileField(filename="agenda.pdf", data=b"%PDF-1.4 agenda")
    original_name = "agenda.pdf"
    content_type = "application/pdf"
    size = 15
    uploaded_by = factory.SubFactory("accounts.tests.factories.UserFactory")
