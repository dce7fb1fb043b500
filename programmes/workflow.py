"""The review workflow of an activity and who may change an activity at each step.

planned -> completed (report being written) -> submitted -> approved, or -> returned (with a comment) -> submitted
again. Staff of the unit move their own work forward; managers (and administrators) approve or return it, never their
own submission. Submitted activities are locked for staff; approved ones for everybody, on every page and in the API:
`can_edit` / `require_edit` are the one check every write to an activity, or to anything hanging off it, goes through.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts import access

from .models import Activity, ActivityReview, ActivityStatus

S = ActivityStatus
LOCKED_FOR_STAFF = {S.SUBMITTED, S.APPROVED}
# Approved is the record managers signed off: nobody changes it afterwards, administrators included.
LOCKED_FOR_ALL = {S.APPROVED}


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: str
    by_reviewer: bool  # False: staff of the unit (and administrators)
    needs_comment: bool = False


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("complete", _("Mark as completed"), frozenset({S.PLANNED}), S.COMPLETED, False),
        Transition("submit", _("Submit for approval"), frozenset({S.COMPLETED, S.RETURNED}), S.SUBMITTED, False),
        Transition("cancel", _("Cancel activity"), frozenset({S.PLANNED}), S.CANCELLED, False),
        Transition("approve", _("Approve"), frozenset({S.SUBMITTED}), S.APPROVED, True),
        Transition("return", _("Return for changes"), frozenset({S.SUBMITTED}), S.RETURNED, True, needs_comment=True),
    )
}


def can_edit(user, activity: Activity) -> bool:
    """Change the activity or anything hanging off it: partners, participants (and their certificates), evidence,
    unit detail records (CT event details and contributors, CAG meeting issues), links to courses, strategies and
    NAP measures. Every such write, page or API, asks this (tests/test_approved_locked.py holds them to it)."""
    if not access.can_edit_unit(user, activity.unit_area) or activity.status in LOCKED_FOR_ALL:
        return False
    return activity.status not in LOCKED_FOR_STAFF or access.is_administrator(user)


def refusal(user, activity: Activity) -> str:
    """Why `can_edit` says no, for the message the user gets."""
    if activity.status in LOCKED_FOR_ALL:
        return str(_("This activity is approved: it can no longer be changed."))
    if activity.status in LOCKED_FOR_STAFF and access.can_edit_unit(user, activity.unit_area):
        return str(_("This activity is submitted for approval: it cannot be changed unless it is returned."))
    return str(_("You may not change this activity."))


def lock_for_change(activity: Activity) -> Activity:
    """Read the status again with the activity's row locked until the request's transaction ends, so an approval
    that lands between the check and the write waits for the write (`transition` locks the same row)."""
    activity.status = Activity.objects.select_for_update().values_list("status", flat=True).get(pk=activity.pk)
    return activity


def require_edit(user, activity: Activity) -> None:
    """`can_edit` for views that are about to write: PermissionDenied (403) with the reason, so nothing is saved."""
    lock_for_change(activity)
    if not can_edit(user, activity):
        raise PermissionDenied(refusal(user, activity))


def _last_submitter_id(activity: Activity):
    return (
        ActivityReview.objects.filter(activity=activity, to_status=S.SUBMITTED).values_list("by_id", flat=True).first()
    )


def allowed_transitions(user, activity: Activity) -> list[Transition]:
    allowed = []
    for transition in TRANSITIONS.values():
        if activity.status not in transition.sources:
            continue
        if transition.by_reviewer:
            if access.can_review(user) and _last_submitter_id(activity) != user.pk:
                allowed.append(transition)
        elif access.can_edit_unit(user, activity.unit_area):
            allowed.append(transition)
    return allowed


@transaction.atomic
def transition(*, activity: Activity, action: str, user, comment: str = "") -> Activity:
    """Move the activity one step, or raise PermissionDenied / ValidationError with a message for the user."""
    step = TRANSITIONS.get(action)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if step is None or step not in allowed_transitions(user, activity):
        raise PermissionDenied(_("You cannot do this to the activity in its current status."))
    comment = comment.strip()
    if step.needs_comment and not comment:
        raise ValidationError(_("Say what needs to change: a comment is required when returning an activity."))
    ActivityReview.objects.create(
        activity=activity, from_status=activity.status, to_status=step.target, by=user, comment=comment
    )
    activity.status = step.target
    activity.save(update_fields=["status", "updated_at"])
    return activity


@transaction.atomic
def review_many(*, activities, action: str, user, comment: str = "") -> int:
    """Approve or return several submitted activities at once: all of them or, on any refusal, none."""
    if action not in ("approve", "return"):
        raise PermissionDenied(_("Only approve and return can be applied to several activities."))
    count = 0
    for activity in activities:
        transition(activity=activity, action=action, user=user, comment=comment)
        count += 1
    return count
