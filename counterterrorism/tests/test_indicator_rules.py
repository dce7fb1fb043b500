import datetime

import pytest

from accounts.units import UnitArea
from programmes.indicator_rules import RULES
from programmes.models import ParticipantMode, PartnerRole, Sex
from programmes.services import refresh_participant_counts
from programmes.tests.factories import ActivityPartnerFactory, ParticipationFactory, PartnerFactory, PersonFactory
from programmes.tests.factories_results import IndicatorFactory, ResultFactory

from .factories import CtActivityFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2013, 1, 1), datetime.date(2013, 12, 31)


@pytest.fixture
def world():
    result = ResultFactory(project__programme__unit_area=UnitArea.COUNTERTERRORISM)
    sbs, mns = PartnerFactory(acronym="SBS"), PartnerFactory(acronym="MNS")

    def activity(partner, day=datetime.date(2013, 5, 1), role=PartnerRole.BENEFICIARY, people=(), **kwargs):
        kwargs = {"project": result.project, "status": "approved", **kwargs}
        if kwargs["project"] is None:
            del kwargs["project"]  # another project of the unit
        made = CtActivityFactory(start_date=day, end_date=day, **kwargs)
        ActivityPartnerFactory(activity=made, partner=partner, role=role)
        for person in people:
            ParticipationFactory(activity=made, person=person)  # their organisation is not recorded
        refresh_participant_counts(activity=made)
        return made

    counted = {
        activity(sbs, participant_mode=ParticipantMode.HEADCOUNT, headcount_women=2, headcount_men=10),
        activity(sbs, people=[PersonFactory(sex=Sex.FEMALE), PersonFactory(sex=Sex.MALE)]),
    }
    mns_activity = activity(mns, participant_mode=ParticipantMode.HEADCOUNT, headcount_men=7)
    # Noise: organiser only, another year, planned, another project.
    activity(sbs, role=PartnerRole.ORGANISER, participant_mode=ParticipantMode.HEADCOUNT, headcount_men=30)
    activity(sbs, datetime.date(2014, 2, 1), participant_mode=ParticipantMode.HEADCOUNT, headcount_men=30)
    activity(sbs, status="planned", participant_mode=ParticipantMode.HEADCOUNT, headcount_men=30)
    activity(sbs, project=None, participant_mode=ParticipantMode.HEADCOUNT, headcount_men=30)
    return {"result": result, "sbs": sbs, "counted": counted, "mns_activity": mns_activity}


def test_person_trainings_of_activities_benefiting_the_institutions(world):
    indicator = IndicatorFactory(result=world["result"], rule="beneficiary_trainings")
    indicator.rule_partners.set([world["sbs"]])
    rule = RULES["beneficiary_trainings"]

    figure = rule.compute(indicator, START, END)

    assert (figure.value, figure.women, figure.men) == (14, 3, 11)
    activities = set(rule.activities(indicator, START, END))
    assert activities == world["counted"]
    assert sum(a.participants_total for a in activities) == figure.value


def test_without_institutions_every_beneficiary_counts(world):
    indicator = IndicatorFactory(result=world["result"], rule="beneficiary_trainings")
    rule = RULES["beneficiary_trainings"]
    assert rule.compute(indicator, START, END).value == 14 + 7
    assert set(rule.activities(indicator, START, END)) == world["counted"] | {world["mns_activity"]}
