"""Every page, API endpoint and admin screen that returns participants' names or NRM figures leaves exactly one
access record, with the user's id and the request id, per request (issue 12 §4).

The registry below classifies every URL of the role x URL table (`tests/test_url_access.py` finds them all) and every
model of the admin site. A new URL or admin model that is in neither list fails `test_every_*_is_classified` until
someone decides whether it shows such data: a view that does is then requested here and must write its record.
"""

from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.urls import reverse

from audit.models import AccessLog
from tests.routes import ROUTES


@dataclass(frozen=True)
class Logged:
    action: str
    args: list | None = None  # URL arguments instead of the role table's (e.g. the unit whose dashboard shows NRM)
    query: str = ""
    unit_area: str = ""  # the unit whose statistics the record names


PERSONAL = Logged("view_personal")
NRM = Logged("view_statistics", unit_area="trafficking")

# URL name -> what one GET of it records.
LOGGED = {
    "activity_detail": PERSONAL,
    "participant_edit": PERSONAL,
    "counterterrorism:event_detail": PERSONAL,
    "training:training_detail": PERSONAL,
    "training:certificate_pdf": Logged("export_personal"),
    "training:verify": PERSONAL,
    "evidence_download": Logged("download_evidence"),
    "reports:download": Logged("export_report"),
    "audit:changes": PERSONAL,
    "interop:partners_export": Logged("export_personal"),
    "trafficking:nrm": NRM,
    "trafficking:nrm_export": Logged("export_statistics", unit_area="trafficking"),
    "unit_dashboard": Logged("view_statistics", args=["trafficking"], unit_area="trafficking"),
    "api:person-list": PERSONAL,
    "api:person-detail": PERSONAL,
    "api:participation-list": PERSONAL,
    "api:participation-detail": PERSONAL,
    "api:reportjob-download": Logged("export_report"),
    "api:nrm-trend": NRM,
    "api:nrm-year": NRM,
}

_FORM = "a form; GET shows no names or NRM figures"
_POST = "POST only; the role table checks GET is refused"
_NO_DATA = "no participants' names and no NRM figures"
_COUNTS = "aggregate counts of people, not names, and no NRM figures"
_OTHER_NAMES_PAGE = "names of {}, not participants: outside issue 12 (as their admin screens below)"
# URL name -> why it needs no access record.
NOT_LOGGED = {
    "accounts:login": _NO_DATA,
    "accounts:logout": _POST,
    "accounts:mfa": _NO_DATA,
    "accounts:profile": _NO_DATA,
    "accounts:mfa_backup_codes": _POST,
    "accounts:mfa_setup": _NO_DATA,
    "accounts:mfa_verify": _NO_DATA,
    "set_language": _NO_DATA,
    "home": _NO_DATA,
    "import_list": "the user's own import runs: file names, counts and row numbers, never a cell",
    "health": _NO_DATA,
    "dashboard": _COUNTS + " (NRM panels are on the trafficking unit dashboard only)",
    "dashboard_off_track": _COUNTS,
    "indicator_list": _COUNTS,
    "indicator_detail": _COUNTS,
    "period_edit": _FORM,
    "period_transition": _POST,
    "period_activities": "activities counted by an indicator: titles and counts, no names",
    "activity_list": _COUNTS,
    "activity_create": _FORM,
    "activity_edit": _FORM + " (the activity, not its roster)",
    "activity_transition": _POST,
    "activity_history": "changes to the activity record itself, no roster",
    "review_queue": _COUNTS,
    "participant_add": _FORM + "; a POST that shows likely duplicates is logged (test below)",
    "participant_import": _FORM + "; the confirmed import is logged (import_personal)",
    "people_search": _POST + "; each search is logged (test_people_search_leaves_one_record below)",
    "participant_remove": _POST,
    "evidence_upload": _FORM,
    "evidence_delete": _POST,
    "reports:index": "report jobs: kinds, dates and who asked, no contents",
    "reports:request": _FORM,
    "reports:detail": "a report job's status, not its contents",
    "reports:progress": "a report job's status, not its contents",
    "reports:retry": _POST,
    "audit:access_log": "ids and actions only, never a name",
    "interop:index": _NO_DATA,
    "interop:iati_list": _COUNTS,
    "interop:iati_project": "IATI activity file: aggregate participant counts only",
    "interop:partners": _FORM,
    "policing:index": _COUNTS,
    "policing:rollout": _COUNTS,
    "policing:overdue": _NO_DATA,
    "policing:cag_detail": "member counts by sector and sex; member names are not shown",
    "policing:meeting_detail": _COUNTS,
    "policing:meeting_add": _FORM,
    "policing:issue_add": _FORM,
    "policing:action_add": _FORM,
    "policing:action_edit": _FORM,
    "counterterrorism:index": _COUNTS,
    "counterterrorism:beneficiaries": "beneficiary institutions and counts, no names",
    "counterterrorism:beneficiary_detail": "an institution's activities, no names",
    "counterterrorism:strategy_list": _NO_DATA,
    "counterterrorism:strategy_create": _FORM,
    "counterterrorism:strategy_detail": _NO_DATA,
    "counterterrorism:strategy_update": _FORM,
    "counterterrorism:strategy_link": _POST,
    "counterterrorism:milestone_create": _FORM,
    "counterterrorism:milestone_update": _FORM,
    "counterterrorism:event_list": _COUNTS,
    "counterterrorism:event_edit": _FORM,
    "counterterrorism:event_add_contributor": _FORM + " (partner institutions, not people)",
    "trafficking:index": "National Action Plans; NRM figures are on the NRM page and the unit dashboard",
    "trafficking:plan_detail": _NO_DATA,
    "trafficking:measure_create": _FORM,
    "trafficking:measure_detail": _NO_DATA,
    "trafficking:measure_update": _FORM,
    "trafficking:measure_link": _POST,
    "trafficking:progress_create": _FORM,
    "trafficking:evidence_download": "evidence of a plan measure, not NRM statistics",
    "trafficking:nrm_entry": _FORM,
    "trafficking:nrm_import": _FORM,
    "trafficking:cosponsorship": "co-sponsored activities and partners, no NRM figures",
    "training:index": _COUNTS,
    "training:reach": _COUNTS,
    "training:learning": "test score averages per training, no names",
    "training:publications": _NO_DATA,
    "training:course_detail": _COUNTS,
    "training:publication_detail": _NO_DATA,
    "training:certificates_issue": _POST,
    "api:no-such-endpoint": _NO_DATA,
    "api:location-list": _NO_DATA,
    "api:location-detail": _NO_DATA,
    "api:partner-list": _NO_DATA,
    "api:partner-detail": _NO_DATA,
    "api:programme-list": _NO_DATA,
    "api:programme-detail": _NO_DATA,
    "api:project-list": _NO_DATA,
    "api:project-detail": _NO_DATA,
    "api:activity-list": _COUNTS,
    "api:activity-detail": _COUNTS,
    "api:indicator-list": _COUNTS,
    "api:indicator-detail": _COUNTS,
    "api:reportjob-list": "report jobs, not their contents",
    "api:reportjob-detail": "a report job, not its contents",
    "api:cag-list": _COUNTS,
    "api:cag-detail": _COUNTS,
    "api:actionplan-list": _NO_DATA,
    "api:actionplan-detail": _NO_DATA,
    "api:measure-list": _NO_DATA,
    "api:measure-detail": _NO_DATA,
    "api:schema": _NO_DATA,
    "api:docs": _NO_DATA,
    "api:tokens": _NO_DATA,
    "api:token_revoke": _POST,
    # Partner directory (issue 17): institutions and their contacts, not participants.
    "partner_list": _NO_DATA,
    "partner_detail": _OTHER_NAMES_PAGE.format("partner contacts") + "; activities in the user's scope, no rosters",
    "partner_history": _OTHER_NAMES_PAGE.format("partner contacts"),
    "partner_create": _FORM,
    "partner_edit": _FORM,
    "partner_merge": _FORM + " and counts of what would move",
    # Generic unit record pages (programmes.unit_records): groups, members (optional names), courses, plans, ...
    **{
        f"{namespace}:{slug}_{view}": _OTHER_NAMES_PAGE.format("advisory group members (optional)")
        if slug == "members" and view != "create"
        else (_FORM if view in ("create", "edit") else _NO_DATA)
        for namespace, slug, views in (
            ("policing", "groups", ("list", "create", "edit", "history")),
            ("policing", "members", ("list", "create", "edit", "history")),
            ("training", "courses", ("list", "create", "edit", "history")),
            ("training", "modules", ("list", "create", "edit", "history")),
            ("training", "targets", ("list", "create", "edit", "history")),
            ("training", "publications", ("list", "create", "edit", "history")),
            ("training", "distributions", ("list", "create", "edit", "history")),
            ("trafficking", "plans", ("list", "create", "edit", "history")),
            ("trafficking", "measures", ("history",)),
            ("counterterrorism", "strategies", ("history",)),
            ("counterterrorism", "milestones", ("history",)),
        )
        for view in views
    },
}

# Admin models (app_label.ModelName) whose list, change, delete and history screens each write one record.
LOGGED_ADMIN = {
    "programmes.Person": PERSONAL,
    "programmes.Participation": PERSONAL,
    "training.Certificate": PERSONAL,
    "trafficking.NrmStatistic": NRM,
}
_OTHER_NAMES = "names of {}, not participants: outside issue 12 (see docs/security.md, names stay inside their unit)"
NOT_LOGGED_ADMIN = {
    "accounts.User": _OTHER_NAMES.format("portal users"),
    "programmes.Contact": _OTHER_NAMES.format("partner contacts"),
    "programmes.Partner": _OTHER_NAMES.format("partner contacts (inline)"),
    "policing.CagMember": _OTHER_NAMES.format("advisory group members (optional)"),
    "policing.CommunityAdvisoryGroup": _OTHER_NAMES.format("advisory group members (inline, optional)"),
    **dict.fromkeys(
        [
            "api.ApiToken",
            "audit.AccessLog",
            "auth.Group",
            "otp_static.StaticDevice",
            "otp_totp.TOTPDevice",
            "counterterrorism.EventDetail",
            "counterterrorism.Milestone",
            "counterterrorism.Strategy",
            "policing.CagMeeting",
            "policing.FollowUpAction",
            "policing.IssueRaised",
            "programmes.Activity",
            "programmes.Indicator",
            "programmes.Location",
            "programmes.Programme",
            "programmes.Project",
            "programmes.Result",
            "programmes.Theme",
            "reports.ReportJob",
            "trafficking.Measure",
            "trafficking.NationalActionPlan",
            "trafficking.ProgressUpdate",
            "training.Course",
            "training.Distribution",
            "training.Publication",
            "training.ReachTarget",
            "training.TrainingDetail",
        ],  # fmt: skip
        _NO_DATA,
    ),
}

# Who requests a page: the first persona of this order the role table gives a 200 (managers see every unit's names).
PERSONA_ORDER = ("manager", "staff_same_unit", "staff_other_unit", "administrator")
PERSONA_USERS = {
    "manager": "manager",
    "staff_same_unit": "staff_policing",
    "staff_other_unit": "staff_ct",
    "administrator": "administrator",
}


def test_every_url_is_classified():
    both = sorted(set(LOGGED) & set(NOT_LOGGED))
    assert not both, f"URLs both logged and not: {both}"
    unclassified = sorted(set(ROUTES) - set(LOGGED) - set(NOT_LOGGED))
    assert not unclassified, (
        f"URLs not classified in tests/test_access_records.py: {unclassified}. Put each in LOGGED (and make it write "
        "one access record) if it can return participants' names or NRM figures, else in NOT_LOGGED with the reason."
    )
    stale = sorted((set(LOGGED) | set(NOT_LOGGED)) - set(ROUTES))
    assert not stale, f"classified URLs that no longer exist: {stale}"


def test_every_admin_model_is_classified():
    registered = {model._meta.label for model in admin.site._registry}
    unclassified = sorted(registered - set(LOGGED_ADMIN) - set(NOT_LOGGED_ADMIN))
    assert not unclassified, f"admin models not classified in tests/test_access_records.py: {unclassified}"
    assert not set(LOGGED_ADMIN) & set(NOT_LOGGED_ADMIN)
    assert not (set(LOGGED_ADMIN) | set(NOT_LOGGED_ADMIN)) - registered


def _one_new_record(before: int, user, logged: Logged) -> AccessLog:
    records = list(AccessLog.objects.filter(id__gt=before))
    assert len(records) == 1, f"{len(records)} access records: {[(r.action, r.detail) for r in records]}"
    record = records[0]
    assert record.user_id == user.pk and (record.action, record.unit_area) == (logged.action, logged.unit_area)
    assert record.request_id, "the access record carries the request id"
    return record


def _last_id() -> int:
    return AccessLog.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(LOGGED))
def test_each_request_leaves_one_record_with_the_user(request, name, personas, url_objects):
    route, logged = ROUTES[name], LOGGED[name]
    persona = next(p for p in PERSONA_ORDER if route.expect[p] == 200)
    user = request.getfixturevalue(PERSONA_USERS[persona])
    args = logged.args if logged.args is not None else route.args(url_objects)
    url = reverse(name, args=args) + (logged.query or route.query)
    for _ in range(2):  # every request, not only the first
        before = _last_id()
        response = personas[persona].get(url)
        assert response.status_code == 200, f"{persona} GET {name}: {response.status_code}"
        _one_new_record(before, user, logged)


def _admin_objects():
    from programmes.models import ActivityStatus
    from trafficking.tests.factories import NrmStatisticFactory
    from training.tests.factories import CertificateFactory

    certificate = CertificateFactory()
    # Not approved: the delete screen of an approved activity's records is refused (programmes/admin_lock.py).
    certificate.participation.activity.status = ActivityStatus.COMPLETED
    certificate.participation.activity.save(update_fields=["status"])
    return {
        "programmes.Person": certificate.participation.person,
        "programmes.Participation": certificate.participation,
        "training.Certificate": certificate,
        "trafficking.NrmStatistic": NrmStatisticFactory(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(LOGGED_ADMIN))
def test_each_admin_screen_leaves_one_record_with_the_user(label, personas, administrator):
    record = _admin_objects()[label]
    opts = record._meta
    version = record.history.order_by("-history_id").first().history_id
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    urls = [
        reverse(f"{prefix}_changelist"),
        reverse(f"{prefix}_changelist") + "?q=a",
        reverse(f"{prefix}_change", args=[record.pk]),
        reverse(f"{prefix}_delete", args=[record.pk]),
        reverse(f"{prefix}_history", args=[record.pk]),
        reverse(f"{prefix}_simple_history", args=[record.pk, version]),
    ]
    for url in urls:
        before = _last_id()
        response = personas["administrator"].get(url)
        assert response.status_code == 200, f"GET {url}: {response.status_code}"
        entry = _one_new_record(before, administrator, LOGGED_ADMIN[label])
        assert entry.object_type in ("", opts.label_lower)


@pytest.mark.django_db
def test_people_search_leaves_one_record(personas, staff_policing, url_objects):
    url = reverse("people_search", args=[url_objects["activity"].pk])
    before = _last_id()
    response = personas["staff_same_unit"].post(url, {"q": url_objects["person"].last_name})
    assert response.context["results"] == [url_objects["person"]]
    _one_new_record(before, staff_policing, PERSONAL)


@pytest.mark.django_db
def test_duplicate_warning_leaves_one_record(personas, staff_policing, url_objects):
    known = url_objects["person"]
    data = {
        "person-first_name": known.first_name, "person-last_name": known.last_name, "person-sex": known.sex,
        "participation-role": "participant",
    }  # fmt: skip
    before = _last_id()
    response = personas["staff_same_unit"].post(reverse("participant_add", args=[url_objects["activity"].pk]), data)
    assert response.context["duplicates"] == [known]
    _one_new_record(before, staff_policing, PERSONAL)
