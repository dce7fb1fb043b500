"""The audit page: changes with before/after, and views/exports of personal data; administrators only; read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse

import audit
from audit import selectors
from audit.models import AccessAction, AccessLog
from programmes.tests.factories import ActivityFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_a_change_made_in_the_portal_shows_who_and_before_after(personas, staff_policing, administrator):
    activity = ActivityFactory(unit_area="policing", title="Old title")
    activity.title = "New title"
    activity._history_user = staff_policing
    activity.save()
    page = personas["administrator"].get(reverse("audit:changes"), {"model": "programmes.historicalactivity"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Old title" in html and "New title" in html and staff_policing.username in html


def test_changes_filter_by_user_and_date(administrator, staff_policing, manager):
    first = ActivityFactory(unit_area="policing")
    first._history_user = staff_policing
    first.save()
    second = ActivityFactory(unit_area="policing")
    second._history_user = manager
    second.save()
    mine, _ = selectors.changes_page(user=staff_policing)
    assert {c.object_id for c in mine} == {first.pk}
    assert selectors.changes_page(date_from="2999-01-01")[0] == []


def test_changes_page_walks_back_without_losing_rows(settings, monkeypatch, staff_policing):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 3)
    for _ in range(4):
        activity = ActivityFactory(unit_area="policing")
        activity._history_user = staff_policing
        activity.save()
    seen, cursor = [], ""
    while True:
        rows, cursor = selectors.changes_page(cursor=cursor)
        seen.extend((c.label, c.record.history_id) for c in rows)
        if not cursor:
            break
    expected = sum(model.objects.count() for model in selectors.historical_models().values())
    assert len(seen) == len(set(seen)) == expected


def test_changes_page_query_count_does_not_grow_with_history(personas, django_assert_max_num_queries):
    for _ in range(3):
        ActivityFactory(unit_area="policing").save()
    client = personas["administrator"]
    client.get(reverse("audit:changes"))
    tables = len(selectors.historical_models())
    with django_assert_max_num_queries(tables + selectors.PAGE_SIZE + 15):
        client.get(reverse("audit:changes"))


def test_an_export_is_logged_without_names_and_shown(personas, manager):
    participation = ParticipationFactory(activity=ActivityFactory(unit_area="policing"))
    entry = audit.log_access(manager, AccessAction.EXPORT_PERSONAL, participation.activity, detail="xlsx")
    assert entry.object_type == "programmes.activity" and entry.object_id == str(participation.activity.pk)
    page = personas["administrator"].get(reverse("audit:access_log"), {"action": "export_personal"})
    html = page.content.decode()
    assert "Exported personal data" in html and manager.username in html
    assert participation.person.last_name not in html


def test_viewing_participants_and_downloading_evidence_are_logged(personas, url_objects):
    activity = url_objects["activity"]
    personas["staff_same_unit"].get(reverse("activity_detail", args=[activity.pk]))
    assert AccessLog.objects.filter(action=AccessAction.VIEW_PERSONAL, object_id=str(activity.pk)).exists()


def test_only_administrators_see_the_audit_page(personas):
    for persona in ("staff_same_unit", "staff_other_unit", "manager"):
        assert personas[persona].get(reverse("audit:changes")).status_code == 403
        assert personas[persona].get(reverse("audit:access_log")).status_code == 403


def test_the_audit_page_cannot_change_anything(personas):
    assert personas["administrator"].post(reverse("audit:changes")).status_code == 405
    assert personas["administrator"].post(reverse("audit:access_log")).status_code == 405


def test_the_access_log_is_read_only_in_the_admin(rf, administrator):
    model_admin = admin.site._registry[AccessLog]
    request = rf.get("/")
    request.user = administrator
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_statistics_entries_name_their_unit_and_the_page_filters_by_it(personas, manager):
    audit.log_access(manager, AccessAction.VIEW_STATISTICS, detail="NRM 2023", unit_area="trafficking")
    audit.log_access(manager, AccessAction.VIEW_PERSONAL, detail="someone else's entry")
    page = personas["administrator"].get(reverse("audit:access_log"), {"unit_area": "trafficking"})
    entries = page.context["entries"]
    assert [(e.action, e.unit_area, e.detail) for e in entries] == [("view_statistics", "trafficking", "NRM 2023")]
    html = page.content.decode()
    assert "Viewed statistics" in html and "Trafficking in human beings" in html


def test_the_access_log_page_refuses_an_unknown_unit_with_a_message(personas):
    page = personas["administrator"].get(reverse("audit:access_log"), {"unit_area": "nowhere"})
    assert page.status_code == 200
    assert page.context["form"].errors["unit_area"]


def test_a_statistics_entry_without_its_unit_is_refused(manager):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AccessLog.objects.create(user=manager, action=AccessAction.EXPORT_STATISTICS)
