"""Groups and members in the portal's record pages, and submitting a recorded meeting from its own page."""

import pytest
from django.urls import reverse

from policing.models import CagMember, CommunityAdvisoryGroup
from programmes.models import ActivityReview

from .factories import CagFactory, CagMeetingFactory, CagMemberFactory

pytestmark = pytest.mark.django_db

MEMBER = {"name": "", "sector": "school", "sex": "female", "joined_on": "2012-01-10", "left_on": ""}


def test_staff_add_a_member_in_azerbaijani_and_it_shows_in_the_list_and_history(personas):
    cag = CagFactory()
    client = personas["staff_same_unit"]
    response = client.post(reverse("policing:members_create", args=[cag.pk]), MEMBER, HTTP_ACCEPT_LANGUAGE="az")
    assert response.status_code == 302 and response["Location"] == reverse("policing:members_list", args=[cag.pk])
    member = CagMember.objects.get(cag=cag)
    listing = client.get(reverse("policing:members_list", args=[cag.pk]), HTTP_ACCEPT_LANGUAGE="az")
    assert listing.status_code == 200 and listing.context["rows"][0]["object"] == member
    response = client.post(reverse("policing:members_edit", args=[member.pk]), {**MEMBER, "left_on": "2014-05-01"})
    assert response.status_code == 302
    history = client.get(reverse("policing:members_history", args=[member.pk]))
    changes = history.context["changes"]
    assert [c["record"].history_user.username for c in changes] == ["nigar.staff", "nigar.staff"]
    assert [str(d["field"]) for d in changes[0]["diffs"]] == ["left on"]


def test_a_member_cannot_leave_before_joining(personas):
    cag = CagFactory()
    response = personas["staff_same_unit"].post(
        reverse("policing:members_create", args=[cag.pk]), {**MEMBER, "left_on": "2011-01-01"}
    )
    assert response.status_code == 200 and "left_on" in response.context["form"].errors
    assert not CagMember.objects.exists()


def test_a_second_group_for_the_same_department_gets_a_message_not_an_error(personas):
    cag = CagFactory()
    data = {"police_department": cag.police_department, "location": cag.location_id, "established_on": "2010-01-01",
            "legal_basis": "", "status": "active", "notes": ""}  # fmt: skip
    response = personas["administrator"].post(reverse("policing:groups_create"), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert CommunityAdvisoryGroup.objects.count() == 1


def test_managers_read_but_do_not_change_and_other_units_see_nothing(personas):
    """Attack: a manager or another unit's staff posts the member form directly."""
    member = CagMemberFactory(name="")
    edit = reverse("policing:members_edit", args=[member.pk])
    assert personas["manager"].post(edit, {**MEMBER, "sector": "police"}).status_code == 403
    assert personas["staff_other_unit"].post(edit, {**MEMBER, "sector": "police"}).status_code == 404
    create = reverse("policing:members_create", args=[member.cag_id])
    assert personas["manager"].post(create, MEMBER).status_code == 403
    assert personas["staff_other_unit"].post(create, MEMBER).status_code == 404
    assert list(CagMember.objects.values_list("sector", flat=True)) == ["community"]
    assert personas["manager"].get(reverse("policing:members_list", args=[member.cag_id])).status_code == 200


def test_a_recorded_meeting_is_submitted_from_its_own_page(personas):
    meeting = CagMeetingFactory(activity__status="completed")
    page = reverse("policing:meeting_detail", args=[meeting.pk])
    client = personas["staff_same_unit"]
    content = client.get(page).content.decode()
    assert reverse("activity_detail", args=[meeting.activity_id]) in content
    assert 'value="submit"' in content
    response = client.post(
        reverse("activity_transition", args=[meeting.activity_id]), {"action": "submit", "next": page}
    )
    assert response.status_code == 302 and response["Location"] == page
    meeting.activity.refresh_from_db()
    assert meeting.activity.status == "submitted"
    assert ActivityReview.objects.get(activity=meeting.activity).to_status == "submitted"
    # Managers review on the activity's page; the meeting page offers them no staff step.
    assert 'value="submit"' not in personas["manager"].get(page).content.decode()


def test_the_return_address_cannot_lead_off_the_portal(personas):
    """Attack: a crafted form sends the user to another site after the status change (open redirect)."""
    meeting = CagMeetingFactory(activity__status="completed")
    for target in ("https://evil.example/", "//evil.example/path"):
        response = personas["staff_same_unit"].post(
            reverse("activity_transition", args=[meeting.activity_id]), {"action": "cancel", "next": target}
        )
        assert response["Location"] == reverse("activity_detail", args=[meeting.activity_id])
