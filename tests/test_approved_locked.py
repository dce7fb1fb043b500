"""An approved activity cannot be changed, by any page or API call (issue 12 §5).

Every named URL of the project is either a write to an activity or to something hanging off it (participants,
partners, evidence, unit detail records, links to courses, strategies and NAP measures), with a case below, or is
listed in NOT_ACTIVITY_WRITES with the reason. A new URL that is neither fails `test_every_url_is_classified`, so a
new activity-taking POST route cannot slip past the lock.

Each case is tried on an approved activity by every persona: refused (403 with the reason, or the page's own refusal
style where it has one), and nothing saved anywhere in the programme and unit apps. The same request by the unit's
staff on an unlocked activity is the control: it does write, so the payloads are real.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.units import UnitArea
from counterterrorism.tests.factories import ConferenceFactory, CtActivityFactory, EventDetailFactory, StrategyFactory
from policing.tests.factories import CagMeetingFactory
from programmes.models import Activity, ActivityStatus
from programmes.tests.factories import ActivityFactory, EvidenceFactory, ParticipationFactory
from tests.routes import named_patterns
from trafficking.tests.factories import MeasureFactory, ThbActivityFactory
from training.tests.factories import CourseFactory, TrainingDetailFactory

pytestmark = pytest.mark.django_db

APPROVED = "This activity is approved: it can no longer be changed."
WATCHED_APPS = ("programmes", "policing", "training", "counterterrorism", "trafficking")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"
SHEET = "Ad,Soyad,Cins\r\nElçin,Məmmədov,kişi\r\n".encode()


@dataclass(frozen=True)
class Case:
    url_name: str
    unit: str
    make: Callable  # status -> dict of records, with "activity"
    request: Callable  # records -> (method, url, data)
    style: str = "403"  # "403"; "message": a redirect to a page with the refusal; "form": the form shows it
    control_status: str = ActivityStatus.COMPLETED
    control_by: str = "own_staff"


def _activity(unit, **kwargs):
    return lambda status: {"activity": ActivityFactory(unit_area=unit, status=status, **kwargs)}


def _with_participation(status):
    activity = ActivityFactory(unit_area=UnitArea.POLICING, status=status)
    return {"activity": activity, "participation": ParticipationFactory(activity=activity)}


def _with_evidence(status):
    activity = ActivityFactory(unit_area=UnitArea.POLICING, status=status)
    return {"activity": activity, "evidence": EvidenceFactory(activity=activity)}


def _event(status):
    return {"activity": EventDetailFactory(activity=ConferenceFactory(status=status)).activity}


def _training(status):
    detail = TrainingDetailFactory(activity__status=status, activity__unit_area=UnitArea.ASSEMBLY)
    ParticipationFactory(activity=detail.activity)
    return {"activity": detail.activity}


def _known_person():
    """A person the unit's staff may see: on another of the unit's activities."""
    return ParticipationFactory(activity=ActivityFactory(unit_area=UnitArea.POLICING)).person


def _url(name, *keys):
    return lambda records: reverse(name, args=[records[key].pk for key in keys])


def _post(name, data, *keys):
    return lambda records: ("post", _url(name, *keys)(records), data(records) if callable(data) else data)


def _activity_form(records):
    activity = records["activity"]
    return {
        "project": activity.project_id, "kind": "training", "title": "Renamed after approval",
        "start_date": "2011-10-06", "end_date": "2011-10-07", "location": activity.location_id, "venue": "Ganja",
        "participant_mode": "roster", "headcount_women": 0, "headcount_men": 0, "headcount_unrecorded": 0,
        "partners-TOTAL_FORMS": 0, "partners-INITIAL_FORMS": 0, "partners-MIN_NUM_FORMS": 0,
        "partners-MAX_NUM_FORMS": 30,
    }  # fmt: skip


NEW_PERSON = {
    "person-first_name": "Elçin", "person-last_name": "Məmmədov", "person-sex": "male",
    "participation-role": "participant", "participation-days_attended": "2",
}  # fmt: skip
CONTRIBUTOR = {"first_name": "Aysel", "last_name": "Əliyeva", "sex": "female", "role": "speaker"}
EVENT = {"scope": "regional", "target_audience": "Border guards", "agenda": "Changed", "conclusions": "Changed"}

CASES = [
    Case("activity_edit", UnitArea.POLICING, _activity(UnitArea.POLICING), _post("activity_edit", _activity_form,
         "activity")),
    Case("activity_transition", UnitArea.POLICING, _activity(UnitArea.POLICING),
         _post("activity_transition", {"action": "return", "comment": "Reopen it"}, "activity"),
         style="message", control_status=ActivityStatus.SUBMITTED, control_by="manager"),
    Case("review_queue", UnitArea.POLICING, _activity(UnitArea.POLICING),
         lambda r: ("post", reverse("review_queue"), {"activity": r["activity"].pk, "action": "return",
                                                      "comment": "Reopen it"}),
         style="form", control_status=ActivityStatus.SUBMITTED, control_by="manager"),
    Case("participant_add", UnitArea.POLICING, _activity(UnitArea.POLICING),
         _post("participant_add", NEW_PERSON, "activity")),
    Case("participant_import", UnitArea.POLICING, _activity(UnitArea.POLICING),
         _post("participant_import", lambda r: {"file": SimpleUploadedFile("sheet.csv", SHEET)}, "activity")),
    Case("participant_edit", UnitArea.POLICING, _with_participation,
         _post("participant_edit", {"role": "trainer", "days_attended": "1"}, "activity", "participation")),
    Case("participant_remove", UnitArea.POLICING, _with_participation,
         _post("participant_remove", {}, "activity", "participation")),
    Case("evidence_upload", UnitArea.POLICING, _activity(UnitArea.POLICING),
         _post("evidence_upload", lambda r: {"kind": "agenda", "file": SimpleUploadedFile("a.pdf", PDF)}, "activity")),
    Case("evidence_delete", UnitArea.POLICING, _with_evidence, _post("evidence_delete", {}, "activity", "evidence")),
    Case("policing:issue_add", UnitArea.POLICING,
         lambda status: {"meeting": (meeting := CagMeetingFactory(activity__status=status)),
                         "activity": meeting.activity},
         _post("policing:issue_add", {"summary": "Street lights out"}, "meeting")),
    Case("counterterrorism:event_edit", UnitArea.COUNTERTERRORISM, _event,
         _post("counterterrorism:event_edit", EVENT, "activity")),
    Case("counterterrorism:event_add_contributor", UnitArea.COUNTERTERRORISM, _event,
         _post("counterterrorism:event_add_contributor", CONTRIBUTOR, "activity")),
    Case("counterterrorism:strategy_link", UnitArea.COUNTERTERRORISM,
         lambda status: {"activity": CtActivityFactory(status=status), "strategy": StrategyFactory()},
         _post("counterterrorism:strategy_link", lambda r: {"activity": r["activity"].pk, "action": "link"},
               "strategy")),
    Case("trafficking:measure_link", UnitArea.TRAFFICKING,
         lambda status: {"activity": ThbActivityFactory(status=status), "measure": MeasureFactory()},
         _post("trafficking:measure_link", lambda r: {"activity": r["activity"].pk, "action": "link"}, "measure")),
    Case("training:course_detail", UnitArea.ASSEMBLY,
         lambda status: {"activity": ActivityFactory(unit_area=UnitArea.ASSEMBLY, status=status),
                         "course": CourseFactory()},
         _post("training:course_detail", lambda r: {"activity": r["activity"].pk}, "course"), style="form"),
    Case("training:certificates_issue", UnitArea.ASSEMBLY, _training,
         _post("training:certificates_issue", {}, "activity")),
    Case("api:activity-detail", UnitArea.POLICING, _activity(UnitArea.POLICING),
         lambda r: ("patch", reverse("api:activity-detail", args=[r["activity"].pk]), {"title": "Renamed"})),
    Case("api:participation-list", UnitArea.POLICING,
         lambda status: {"activity": ActivityFactory(unit_area=UnitArea.POLICING, status=status),
                         "person": _known_person()},
         lambda r: ("post_json", reverse("api:participation-list"),
                    {"activity": r["activity"].pk, "person": r["person"].pk})),
    Case("api:participation-detail", UnitArea.POLICING, _with_participation,
         lambda r: ("patch", reverse("api:participation-detail", args=[r["participation"].pk]), {"days_attended": 1})),
    Case("api:participation-detail", UnitArea.POLICING, _with_participation,
         lambda r: ("delete", reverse("api:participation-detail", args=[r["participation"].pk]), None)),
]  # fmt: skip

_PAGE = "a page that only reads"
_OWN = "writes records of its own (not an activity or anything hanging off one)"
NOT_ACTIVITY_WRITES = {
    **dict.fromkeys(
        ("home", "dashboard", "dashboard_off_track", "unit_dashboard", "activity_list", "activity_detail",
         "activity_history", "evidence_download", "indicator_list", "indicator_detail", "period_activities",
         "health", "set_language", "audit:access_log", "audit:changes", "interop:index", "interop:iati_list",
         "interop:iati_project", "interop:partners_export", "counterterrorism:index", "counterterrorism:beneficiaries",
         "counterterrorism:beneficiary_detail", "counterterrorism:strategy_list", "counterterrorism:strategy_detail",
         "counterterrorism:event_list", "counterterrorism:event_detail", "policing:index", "policing:cag_detail",
         "policing:meeting_detail", "policing:overdue", "policing:rollout", "trafficking:index",
         "trafficking:plan_detail", "trafficking:measure_detail", "trafficking:evidence_download", "trafficking:nrm",
         "trafficking:nrm_export", "trafficking:cosponsorship", "training:index", "training:training_detail",
         "training:certificate_pdf", "training:verify", "training:reach", "training:learning", "training:publications",
         "training:publication_detail", "api:docs", "api:schema"),
        _PAGE,
    ),
    "people_search": "POST only so that typed names stay out of URLs; it reads",
    "import_list": "the user's own import runs; it reads",
    **dict.fromkeys(
        ("api:actionplan-detail", "api:actionplan-list", "api:activity-list", "api:cag-detail", "api:cag-list",
         "api:indicator-detail", "api:indicator-list", "api:location-detail", "api:location-list",
         "api:measure-detail", "api:measure-list", "api:nrm-trend", "api:nrm-year", "api:partner-detail",
         "api:partner-list", "api:person-detail", "api:person-list", "api:programme-detail", "api:programme-list",
         "api:project-detail", "api:project-list"),
        "read-only API, or (activity-list) creates a new activity, which is never approved",
    ),
    "activity_create": "creates a new activity, which is never approved",
    "policing:meeting_add": "creates a new meeting activity, which is never approved",
    "policing:action_add": "follow-up actions are worked on after the meeting; the meeting's issues stay locked",
    "policing:action_edit": "follow-up actions are worked on after the meeting; the meeting's issues stay locked",
    **dict.fromkeys(
        ("accounts:login", "accounts:logout", "accounts:mfa", "accounts:mfa_backup_codes", "accounts:mfa_setup",
         "accounts:mfa_verify", "api:tokens", "api:token_revoke", "reports:index", "reports:request",
         "reports:detail", "reports:progress", "reports:download", "reports:retry", "api:reportjob-list",
         "api:reportjob-detail", "api:reportjob-download", "interop:partners", "period_edit", "period_transition",
         "counterterrorism:strategy_create", "counterterrorism:strategy_update", "counterterrorism:milestone_create",
         "counterterrorism:milestone_update", "trafficking:measure_create", "trafficking:measure_update",
         "trafficking:progress_create", "trafficking:nrm_entry", "trafficking:nrm_import"),
        _OWN,
    ),
    **dict.fromkeys(
        ("accounts:profile", "api:no-such-endpoint", "partner_list", "partner_detail", "partner_create", "partner_edit",
         "partner_history", "partner_merge", "counterterrorism:milestones_history",
         "counterterrorism:strategies_history", "trafficking:measures_history", "trafficking:plans_list",
         "trafficking:plans_create", "trafficking:plans_edit", "trafficking:plans_history", "policing:groups_list",
         "policing:groups_create", "policing:groups_edit", "policing:groups_history", "policing:members_list",
         "policing:members_create", "policing:members_edit", "policing:members_history", "training:courses_list",
         "training:courses_create", "training:courses_edit", "training:courses_history", "training:modules_list",
         "training:modules_create", "training:modules_edit", "training:modules_history", "training:targets_list",
         "training:targets_create", "training:targets_edit", "training:targets_history",
         "training:publications_list", "training:publications_create", "training:publications_edit",
         "training:publications_history", "training:distributions_list", "training:distributions_create",
         "training:distributions_edit", "training:distributions_history"),
        "the user's own profile, partner records or a unit's reference records (groups, courses, plans...): not part "
        "of any activity",
    ),
}  # fmt: skip


def test_every_url_is_classified():
    covered = {case.url_name for case in CASES}
    assert not covered & set(NOT_ACTIVITY_WRITES), "a URL is both a tested write and listed as not one"
    unclassified = sorted(set(named_patterns()) - covered - set(NOT_ACTIVITY_WRITES))
    assert not unclassified, (
        f"New URLs: add a case to CASES if they write to an activity or anything hanging off it (and route the view "
        f"through programmes.workflow.require_edit), else list them in NOT_ACTIVITY_WRITES: {unclassified}"
    )


@pytest.fixture
def clients(db):
    """Signed-in clients: staff of each unit, a manager and an administrator; plus anonymous."""
    result = {"anonymous": Client()}
    users = {f"staff_{unit}": UserFactory(role=Role.STAFF, unit_areas=[unit]) for unit in UnitArea.values}
    users["manager"] = UserFactory(role=Role.MANAGER)
    users["administrator"] = UserFactory(role=Role.ADMINISTRATOR)
    for name, user in users.items():
        result[name] = Client()
        result[name].force_login(user)
    return result


def _personas(case, clients):
    other = UnitArea.TRAFFICKING if case.unit != UnitArea.TRAFFICKING else UnitArea.POLICING
    return {
        "own_staff": clients[f"staff_{case.unit}"],
        "other_staff": clients[f"staff_{other}"],
        "manager": clients["manager"],
        "administrator": clients["administrator"],
        "anonymous": clients["anonymous"],
    }


def _send(client, method, url, data):
    if method == "post":
        return client.post(url, data)
    if method == "post_json":
        return client.post(url, json.dumps(data), content_type="application/json")
    if method == "patch":
        return client.patch(url, json.dumps(data), content_type="application/json")
    return client.delete(url)


def _snapshot(activity):
    """Row counts of every model (history and link tables included) of the apps that hold activity data, and the
    activity's own row: a refused write changes none of them."""
    counts = {
        model._meta.label: model._base_manager.count()
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
    return counts, Activity.objects.filter(pk=activity.pk).values().get()


@pytest.mark.parametrize("case", CASES, ids=[f"{n}-{c.url_name}" for n, c in enumerate(CASES)])
def test_every_write_to_an_approved_activity_is_refused(case, clients):
    personas = _personas(case, clients)

    # Control: the unit's staff (or the reviewer) on an unlocked activity gets the same request through.
    records = case.make(case.control_status)
    before = _snapshot(records["activity"])
    response = _send(personas[case.control_by], *case.request(records))
    assert response.status_code < 400, f"control request failed: {response.status_code}"
    if case.url_name != "participant_import":  # the upload only previews; the confirmation writes
        assert _snapshot(records["activity"]) != before, "control request wrote nothing: the payload is not real"

    records = case.make(ActivityStatus.APPROVED)
    activity = records["activity"]
    for persona, client in personas.items():
        before = _snapshot(activity)
        method, url, data = case.request(records)
        response = _send(client, method, url, data)
        assert _snapshot(activity) == before, f"{persona} changed an approved activity through {case.url_name}"
        status = response.status_code
        if persona == "anonymous":
            assert status in (302, 401, 403), f"anonymous {case.url_name}: {status}"
            continue
        if case.style == "403":
            # The API answers an activity id out of the user's scope in the body with 400 "No such activity".
            assert status in (403, 404) or (status == 400 and method != "post"), f"{persona} {case.url_name}: {status}"
            if persona in ("own_staff", "administrator"):
                assert status == 403 and APPROVED in response.content.decode(), f"{persona}: no reason given"
        elif case.style == "message":
            assert status in (302, 404), f"{persona} {case.url_name}: {status}"
        else:
            assert status in (200, 403, 404), f"{persona} {case.url_name}: {status}"
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.APPROVED


def test_an_import_uploaded_before_approval_is_not_confirmed_after_it(clients):
    activity = ActivityFactory(unit_area=UnitArea.POLICING, status=ActivityStatus.COMPLETED)
    staff = clients["staff_policing"]
    url = reverse("participant_import", args=[activity.pk])
    token = staff.post(url, {"file": SimpleUploadedFile("sheet.csv", SHEET)}).context["token"]
    Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.APPROVED)
    before = _snapshot(activity)
    response = staff.post(url, {"token": token})
    assert response.status_code == 403 and APPROVED in response.content.decode()
    assert _snapshot(activity) == before


def test_administrators_may_still_correct_a_submitted_activity(clients):
    activity = ActivityFactory(unit_area=UnitArea.POLICING, status=ActivityStatus.SUBMITTED)
    response = clients["administrator"].post(reverse("participant_add", args=[activity.pk]), NEW_PERSON)
    assert response.status_code == 302 and activity.participations.count() == 1
    refused = clients["staff_policing"].post(reverse("participant_add", args=[activity.pk]), NEW_PERSON)
    assert refused.status_code == 403 and "submitted for approval" in refused.content.decode()


@pytest.mark.parametrize(
    "change",
    ["add", "edit", "remove", "contributor", "api_edit"],
)
def test_a_change_of_participants_moves_updated_at_and_adds_history(change, clients):
    activity = ConferenceFactory(status=ActivityStatus.COMPLETED)
    participation = ParticipationFactory(activity=activity)
    staff = clients["staff_counterterrorism"]
    Activity.objects.filter(pk=activity.pk).update(updated_at="2011-01-01T00:00:00Z")
    history = activity.history.count()
    if change == "add":
        response = staff.post(reverse("participant_add", args=[activity.pk]), NEW_PERSON)
    elif change == "edit":
        url = reverse("participant_edit", args=[activity.pk, participation.pk])
        response = staff.post(url, {"role": "trainer", "days_attended": "1"})
    elif change == "remove":
        response = staff.post(reverse("participant_remove", args=[activity.pk, participation.pk]))
    elif change == "contributor":
        response = staff.post(reverse("counterterrorism:event_add_contributor", args=[activity.pk]), CONTRIBUTOR)
    else:
        url = reverse("api:participation-detail", args=[participation.pk])
        response = staff.patch(url, json.dumps({"days_attended": 1}), content_type="application/json")
    assert response.status_code in (200, 302)
    activity.refresh_from_db()
    assert activity.updated_at.year > 2011
    assert activity.history.count() == history + 1


def test_approved_activities_are_not_offered_for_linking(clients):
    strategy, measure = StrategyFactory(), MeasureFactory()
    for status in (ActivityStatus.APPROVED, ActivityStatus.COMPLETED):
        CtActivityFactory(status=status, title=f"Border course {status}")
        ThbActivityFactory(status=status, title=f"Labour course {status}")
    ct = clients["staff_counterterrorism"].get(reverse("counterterrorism:strategy_detail", args=[strategy.pk]),
                                               {"q": "course"})  # fmt: skip
    thb = clients["staff_trafficking"].get(reverse("trafficking:measure_detail", args=[measure.pk]), {"q": "course"})
    assert [a.title for a in ct.context["candidates"]] == ["Border course completed"]
    assert [a.title for a in thb.context["candidates"]] == ["Labour course completed"]
