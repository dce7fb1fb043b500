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
from .evidence import evidence_delete, evidence_download, evidence_upload
from .imports import participant_import
from .participants import participant_add, participant_edit, participant_remove, people_search

__all__ = [
    "activity_create",
    "activity_detail",
    "activity_edit",
    "activity_history",
    "activity_list",
    "activity_transition",
    "evidence_delete",
    "evidence_download",
    "evidence_upload",
    "home",
    "participant_add",
    "participant_edit",
    "participant_import",
    "participant_remove",
    "people_search",
    "review_queue",
]
