import pytest
from django.core.management import call_command

from programmes.demo_data import DemoBuilder
from trafficking.demo import seed_demo
from trafficking.models import Measure, NationalActionPlan, NrmStatistic, ProgressUpdate

pytestmark = pytest.mark.django_db


def test_demo_seeder_adds_plans_measures_progress_and_nrm_aggregates():
    call_command("seed_reference")
    DemoBuilder(1).build()
    seed_demo(scale=1, stdout=None)
    assert set(NationalActionPlan.objects.values_list("start_year", "end_year")) == {(2014, 2018), (2020, 2024)}
    assert Measure.objects.filter(responsible__acronym="GPO").exists()
    assert Measure.objects.filter(activities__isnull=False).exists() and ProgressUpdate.objects.exists()
    assert NrmStatistic.objects.values("year").distinct().count() >= 10
    assert NrmStatistic.objects.filter(count__gt=0, count__lt=5).exists()  # small cells for suppression to hide
