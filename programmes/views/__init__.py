from .activities import (
    activity_create,
    activity_detail,
    activity_edit,
    activity_history,
    activity_list,
    activity_transition,
    review_queue,
)
from .core import home
from .dashboards import off_track_fragment, unit_dashboard
from .dashboards import overview as dashboard_overview
from .evidence import evidence_delete, evidence_download, evidence_upload
from .imports import import_list, participant_import
from .indicators import indicator_detail, indicator_list, period_activities, period_edit, period_transition
from .participants import participant_add, participant_edit, participant_remove, people_search
from .partners import partner_create, partner_detail, partner_edit, partner_history, partner_list, partner_merge

__all__ = [
    "activity_create",
    "activity_detail",
    "activity_edit",
    "activity_history",
    "activity_list",
    "activity_transition",
    "dashboard_overview",
    "indicator_detail",
    "indicator_list",
    "period_activities",
    "period_edit",
    "period_transition",
    "unit_dashboard",
    "evidence_delete",
    "evidence_download",
    "evidence_upload",
    "home",
    "import_list",
    "off_track_fragment",
    "participant_add",
    "participant_edit",
    "participant_import",
    "participant_remove",
    "partner_create",
    "partner_detail",
    "partner_edit",
    "partner_history",
    "partner_list",
    "partner_merge",
    "people_search",
    "review_queue",
]
