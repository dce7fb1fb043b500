"""A policing project with donors, partners, two activities and a results framework: what the IATI tests export."""

import datetime

import pytest

from accounts.units import UnitArea
from programmes.models import ActivityStatus, ParticipantMode
from programmes.tests.factories import (
    ActivityFactory,
    ActivityPartnerFactory,
    LocationFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
)
from programmes.tests.factories_results import IndicatorPeriodFactory


@pytest.fixture
def project():
    donor = PartnerFactory(name="Donor ministry", kind="donor")
    project = ProjectFactory(
        programme__unit_area=UnitArea.POLICING, code="PRJ 12/3", budget_eur="150000.00", external_id="XB-1"
    )
    project.donors.add(donor)
    activity = ActivityFactory(
        project=project, status=ActivityStatus.APPROVED, description="Two days on community policing",
        outcomes="Action plans drafted",
    )  # fmt: skip
    ActivityPartnerFactory(activity=activity, role="implementing")
    ActivityPartnerFactory(activity=activity, role="beneficiary")
    ActivityPartnerFactory(activity=activity, role="co_sponsor", contribution_eur=500)
    ParticipationFactory(activity=activity)
    ActivityFactory(
        project=project, location=LocationFactory(code="AZ-X", latitude=None, longitude=None),
        participant_mode=ParticipantMode.HEADCOUNT, status=ActivityStatus.CANCELLED,
    )  # fmt: skip
    IndicatorPeriodFactory(indicator__result__project=project, target_women=5)
    IndicatorPeriodFactory(
        indicator__result__project=project, indicator__rule="manual", indicator__by_sex=False, actual=3,
        start=datetime.date(2012, 1, 1), end=datetime.date(2012, 12, 31),
    )  # fmt: skip
    return project
