"""Expected status per persona for the core activity pages. The record under test is a planned policing activity."""

from tests.url_access import LOGIN, Route, everyone_signed_in

from .factories import EvidenceFactory, PartnerFactory
from .factories_results import IndicatorFactory, IndicatorPeriodFactory


def _activity(objects):
    return [objects["activity"].pk]


def _participation(objects):
    return [objects["activity"].pk, objects["participation"].pk]


def _evidence(objects):
    return [objects["activity"].pk, EvidenceFactory(activity=objects["activity"]).pk]


def _indicator(objects):
    return [IndicatorFactory(result__project=objects["activity"].project).pk]


def _period(rule):
    def args(objects):
        period = IndicatorPeriodFactory(indicator__result__project=objects["activity"].project, indicator__rule=rule)
        return [period.indicator.pk, period.pk]

    return args


def _partner(objects):
    return [PartnerFactory().pk]


# Partners are shared reference records: everyone signed in reads them; only administrators change them.
PARTNER_ADMIN = everyone_signed_in(403, administrator=200)

# Readable by everyone who may see the activity; staff of another unit get 404 (its id is out of their scope).
READ = everyone_signed_in(200, staff_other_unit=404)
# Changes: staff of the unit and administrators; managers review but do not edit.
EDIT = everyone_signed_in(200, staff_other_unit=404, manager=403)
POST_ONLY = everyone_signed_in(405)

ROUTES = [
    # Each user's own import runs (no id in the URL: nobody can ask for another's).
    Route("import_list", everyone_signed_in()),
    Route("partner_list", everyone_signed_in()),
    Route("partner_detail", everyone_signed_in(), _partner),
    Route("partner_history", everyone_signed_in(), _partner),
    Route("partner_create", PARTNER_ADMIN),
    Route("partner_edit", PARTNER_ADMIN, _partner),
    Route("partner_merge", PARTNER_ADMIN, _partner),
    Route("dashboard", everyone_signed_in()),
    Route("dashboard_off_track", everyone_signed_in(200, staff_other_unit=403), query="?unit_area=policing"),
    Route("unit_dashboard", everyone_signed_in(200, staff_other_unit=403), lambda objects: ["policing"]),
    Route("indicator_list", everyone_signed_in()),
    Route("indicator_detail", READ, _indicator),
    Route("period_edit", EDIT, _period("manual")),
    Route("period_transition", POST_ONLY, _period("manual")),
    Route("period_activities", READ, _period("person_trainings")),
    Route("activity_list", everyone_signed_in()),
    Route("activity_create", everyone_signed_in(200, manager=403)),
    Route("review_queue", everyone_signed_in(200, staff_same_unit=403, staff_other_unit=403)),
    Route("activity_detail", READ, _activity),
    Route("activity_history", READ, _activity),
    Route("activity_edit", EDIT, _activity),
    Route("activity_transition", POST_ONLY, _activity),
    Route("participant_add", EDIT, _activity),
    Route("participant_import", EDIT, _activity),
    Route("people_search", POST_ONLY, _activity),
    Route("participant_edit", EDIT, _participation),
    Route("participant_remove", POST_ONLY, _participation),
    Route("evidence_upload", EDIT, _activity),
    Route("evidence_download", READ, _evidence),
    Route("evidence_delete", POST_ONLY, _evidence),
]

__all__ = ["LOGIN", "ROUTES"]
