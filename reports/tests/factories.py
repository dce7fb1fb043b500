import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea
from reports.models import ReportJob, ReportStatus


class ReportJobFactory(factory.django.DjangoModelFactory):
    """A queued activity register of the policing unit, requested by policing staff; ReportJobFactory(done=True)
    also has its file."""

    class Meta:
        model = ReportJob
        exclude = ("content",)

    class Params:
        done = factory.Trait(status=ReportStatus.DONE, progress=100, attempts=1)

    kind = "activity_register"
    format = "csv"
    language = "en"
    unit_areas = factory.LazyFunction(lambda: [UnitArea.POLICING.value])
    parameters = factory.LazyFunction(lambda: {"unit_area": UnitArea.POLICING.value})
    requested_by = factory.SubFactory(
        UserFactory, username="nigar.staff", role=Role.STAFF, unit_areas=[UnitArea.POLICING]
    )
    content = b"a,b\n1,2\n"
    file = factory.LazyAttribute(
        lambda o: (
            default_storage.save(f"reports/test.{o.format}", ContentFile(o.content))
            if o.status == ReportStatus.DONE
            else ""
        )
    )
