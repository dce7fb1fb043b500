import datetime

import pytest
from django.core.management import call_command

from counterterrorism.demo import seed_demo
from counterterrorism.models import Milestone, Strategy
from programmes.demo_data import DemoBuilder

pytestmark = pytest.mark.django_db


def test_demo_seeder_adds_strategies_and_the_2011_conference_details():
    call_command("seed_reference")
    DemoBuilder(1).build()
    seed_demo(scale=1, stdout=None)
    assert Strategy.objects.filter(title="Integrated Border Management strategy").exists()
    assert Strategy.objects.filter(kind="membership", title__contains="Bomb Data Center").exists()
    assert Milestone.objects.count() >= 10
    ibm = Strategy.objects.get(title="Integrated Border Management strategy")
    assert ibm.activities.exists()
    from programmes.models import Activity

    conference = Activity.objects.get(title="National expert conference on tackling cybercrime")
    assert conference.start_date == datetime.date(2011, 10, 6)
    assert conference.ct_event.scope == "national"
    assert conference.participations.filter(role__in=["moderator", "speaker"]).count() == 3
