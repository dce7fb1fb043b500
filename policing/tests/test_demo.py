import pytest
from django.core.management import call_command

from programmes.models import Activity

from ..models import CagMeeting, CommunityAdvisoryGroup, FollowUpAction

pytestmark = pytest.mark.django_db


def test_demo_data_has_the_ten_cag_towns_and_links_meetings(settings):
    settings.ALLOW_DEMO_DATA = True
    call_command("seed_demo", stdout=None)

    codes = set(CommunityAdvisoryGroup.objects.values_list("location__code", flat=True))
    assert codes == {"AZ-MI", "AZ-SBN", "AZ-SR", "AZ-BA-NRM", "AZ-QBA", "AZ-XAC", "AZ-TAR", "AZ-YE", "AZ-GA", "AZ-QAZ"}
    assert CagMeeting.objects.exists()
    # Every linked meeting is a policing meeting held where its group is.
    mismatched = CagMeeting.objects.exclude(activity__location=models_location()).count()
    assert mismatched == 0
    assert not Activity.objects.filter(cag_meeting__isnull=False).exclude(unit_area="policing").exists()
    assert FollowUpAction.objects.overdue().exists()


def models_location():
    from django.db.models import F

    return F("cag__location")
