"""Each role's home page shows its own work, within what the user may see, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from programmes.models import ActivityReview
from programmes.tests.factories import ActivityFactory, LocationFactory, PartnerFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _home(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def _staff_records(user, unit_area="policing", n=1):
    soon = timezone.localdate() + datetime.timedelta(days=5)
    for i in range(n):
        ActivityFactory(unit_area=unit_area, created_by=user, status="completed", title=f"Draft {unit_area} {i}")
        returned = ActivityFactory(unit_area=unit_area, created_by=user, status="returned",
                                   title=f"Returned {unit_area} {i}")  # fmt: skip
        ActivityReview.objects.create(activity=returned, from_status="submitted", to_status="returned",
                                      by=User.objects.get(username="kamran.manager"),
                                      comment=f"Add the sign-in sheet {i}")  # fmt: skip
        ActivityFactory(unit_area=unit_area, status="planned", start_date=soon, end_date=soon,
                        title=f"Planned {unit_area} {i}")  # fmt: skip
        later = timezone.localdate() + datetime.timedelta(days=45)
        ActivityFactory(unit_area=unit_area, status="planned", start_date=later, end_date=later,
                        title=f"Far off {unit_area} {i}")  # fmt: skip


def test_staff_see_their_drafts_returns_with_the_comment_and_the_next_30_days(personas, staff_policing, manager):
    _staff_records(staff_policing)
    other = ActivityFactory(unit_area="policing", status="completed", title="Someone else's draft")
    assert other.created_by is None
    context = _home(personas["staff_same_unit"]).context
    assert [a.title for a in context["staff"]["drafts"]] == ["Draft policing 0"]
    returned = context["staff"]["returned"]
    assert [a.title for a in returned] == ["Returned policing 0"]
    assert returned[0].last_return.comment == "Add the sign-in sheet 0"
    assert [a.title for a in context["staff"]["planned"]] == ["Planned policing 0"]
    page = _home(personas["staff_same_unit"]).content.decode()
    assert "Add the sign-in sheet 0" in page
    assert "manager" not in context and "data_quality" not in context


def test_staff_of_another_unit_see_none_of_it(personas, staff_policing, manager):
    _staff_records(staff_policing)
    page = _home(personas["staff_other_unit"]).content.decode()
    for title in ("Draft policing 0", "Returned policing 0", "Planned policing 0", "Add the sign-in sheet"):
        assert title not in page


def test_staff_see_the_reports_they_requested(personas, staff_policing):
    from reports.tests.factories import ReportJobFactory

    job = ReportJobFactory(requested_by=staff_policing)
    ReportJobFactory(requested_by=staff_policing)
    page = _home(personas["staff_same_unit"]).content.decode()
    assert reverse("reports:detail", args=[job.pk]) in page
    assert reverse("reports:detail", args=[job.pk]) not in _home(personas["staff_other_unit"]).content.decode()


def test_managers_see_approvals_with_bulk_review_off_track_overdue_actions_and_the_week(personas, manager):
    from policing.tests.factories import ActionFactory

    ActivityFactory(unit_area="trafficking", status="submitted", title="Awaiting review")
    today = timezone.localdate()
    held = ActivityFactory(unit_area="policing", status="approved", start_date=today, end_date=today,
                           participant_mode="headcount", headcount_women=4, headcount_men=3)  # fmt: skip
    from programmes.services import refresh_participant_counts

    refresh_participant_counts(activity=held)
    ActionFactory(description="Ask for a speed bump", due_date=today - datetime.timedelta(days=3))
    response = _home(personas["manager"])
    context, page = response.context, response.content.decode()
    assert [a.title for a in context["manager"]["awaiting"]] == ["Awaiting review"]
    assert reverse("review_queue") in page
    assert reverse("dashboard_off_track") in page
    assert "Ask for a speed bump" in page
    week = context["manager"]["week"]
    assert (week["held"], week["participants"], week["women"]) == (1, 7, 4)
    assert "staff" not in context and "data_quality" not in context


def test_administrators_see_data_quality_items(personas, settings, administrator, manager, staff_policing):
    from programmes.home import data_quality

    PartnerFactory(name="Ministry of Youth", name_az="", name_ru="Министерство молодёжи")
    PartnerFactory(name="Baku State University", name_az="Bakı Dövlət Universiteti", name_ru="БГУ")
    PartnerFactory(name="Baku state university", name_az="x", name_ru="y")
    LocationFactory(code="AZ-XX", name="Nowhere", name_az="Heç yer", name_ru="")
    PersonFactory(first_name="Aysel", last_name="Mammadova")
    PersonFactory(first_name="Aysel", last_name="Mamedova")
    PersonFactory(first_name="Elchin", last_name="Guliyev")
    dq = _home(personas["administrator"]).context["data_quality"]
    assert [p.name for p in dq["partners_untranslated"]] == ["Ministry of Youth"]
    assert [p.name for p in dq["places_untranslated"]] == ["Nowhere"]
    assert dq["duplicate_people_count"] == 2
    assert "Mammadova" not in _home(personas["administrator"]).content.decode()  # a count, never names
    assert [row["key"] for row in dq["duplicate_partners"]] == ["baku state university"]
    assert dq["missing_mfa"] == []  # the test policy requires none
    settings.REQUIRE_MFA = "managers"  # (the client would now be sent to enrol: read the section directly)
    assert {u.username for u in data_quality(administrator)["missing_mfa"]} == {administrator.username,
                                                                                 manager.username}  # fmt: skip
    settings.REQUIRE_MFA = "all"
    assert staff_policing in data_quality(administrator)["missing_mfa"]
    settings.REQUIRE_MFA = "none"
    assert "data_quality" not in _home(personas["manager"]).context


def _count(client):
    with CaptureQueriesContext(connection) as ctx:
        _home(client)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["staff_same_unit", "manager", "administrator"])
def test_home_query_count_does_not_grow(personas, persona, staff_policing, manager, settings):
    from policing.tests.factories import ActionFactory
    from reports.tests.factories import ReportJobFactory

    def more(n):
        _staff_records(staff_policing, n=n)
        for _ in range(n):
            ActivityFactory(status="submitted")
            ActionFactory(due_date=timezone.localdate() - datetime.timedelta(days=3))
            ReportJobFactory(requested_by=staff_policing)
            PartnerFactory(name_az="")
            PersonFactory(first_name="Aysel", last_name="Mammadova")

    more(1)
    small = _count(personas[persona])
    more(6)
    assert _count(personas[persona]) == small


def test_duplicates_never_show_names_the_administrator_may_not_see(personas):
    """Counter-terrorism participants' names are restricted to that unit: the data-quality list must not be a way
    around it (only its staff and managers see them)."""
    from programmes.tests.factories import ParticipationFactory

    for last_name in ("Hüseynov", "Guseinov"):
        ParticipationFactory(activity=ActivityFactory(unit_area="counterterrorism"),
                             person=PersonFactory(first_name="Samir", last_name=last_name))  # fmt: skip
    dq = _home(personas["administrator"]).context["data_quality"]
    assert dq["duplicate_people_count"] == 0
    assert "Samir" not in _home(personas["administrator"]).content.decode()
