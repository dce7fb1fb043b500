import pytest
from django.core.management import call_command

from ..models import Certificate, Course, Publication, ReachTarget, TrainingDetail

pytestmark = pytest.mark.django_db


def test_demo_data_covers_courses_targets_certificates_and_publications(settings):
    settings.ALLOW_DEMO_DATA = True
    call_command("seed_demo", stdout=None)

    assert Course.objects.filter(modules__isnull=False).distinct().count() == Course.objects.count() >= 3
    assert TrainingDetail.objects.exists()
    assert not TrainingDetail.objects.exclude(activity__kind="training").exists()
    assert ReachTarget.objects.filter(target_group=None, location=None, people=2000).exists()
    assert Certificate.objects.exists()
    assert Publication.objects.filter(language="az", distributions__isnull=False).exists()
    for publication in Publication.objects.all():
        publication.full_clean()  # valid ISBNs
