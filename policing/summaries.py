"""`CagMonth`: per group and month, the meetings held and the follow-up actions still open that fall due, kept
current on write so the rollout page and the unit dashboard's panels read a row per group and month instead of every
meeting and action (docs/performance.md, "Summaries maintained on write").

A meeting counts in its activity's month where the activity is neither planned nor cancelled; an open action in its
due date's month. Whether a meeting was held or an action overdue "by a day" is left to the readers: they take whole
months from here and the edge month(s), a few rows, from the raw rows (`selectors.held_totals`, `overdue_count`).

A write recomputes every month of the groups it touches from their meetings and actions, in the writing
transaction: a summary is by construction what a recount gives, and a group's rows are few. Writers: a meeting
saved or deleted (its group before and after), its activity saved (date, status: approval, cancellation; deleting
it deletes the meeting), an issue moved to another meeting, an action saved or deleted (status, due date). Group
status is read from the group itself, so it needs no summary. Model signals rather than service calls, because these
rows are written from the record pages, the back office, the activity workflow and the API. Bulk loads (the demo)
bypass signals: `rebuild_summaries` runs `rebuild()` through the registry hook.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Max, Sum
from django.db.models.functions import TruncMonth

from programmes.models import Activity, ActivityStatus

from .models import UNIT, CagMeeting, CagMonth, FollowUpAction, IssueRaised

NOT_HELD = (ActivityStatus.PLANNED, ActivityStatus.CANCELLED)


def counted_meetings():
    return CagMeeting.objects.exclude(activity__status__in=NOT_HELD)


def _month_rows(meetings, actions) -> list[CagMonth]:
    held = (
        meetings.annotate(month=TruncMonth("activity__start_date"))
        .order_by()
        .values("cag_id", "month")
        .annotate(
            meetings=Count("pk"),
            members_present=Sum("members_present"),
            members_expected=Sum("members_total"),
            last_meeting=Max("activity__start_date"),
        )
    )
    due = (
        actions.pending()
        .annotate(cag_id=F("issue__meeting__cag_id"), month=TruncMonth("due_date"))
        .order_by()
        .values("cag_id", "month")
        .annotate(open_actions_due=Count("pk"))
    )
    rows: dict[tuple, dict] = {}
    for row in [*held, *due]:
        rows.setdefault((row["cag_id"], row["month"]), {}).update(row)
    return [CagMonth(**row) for row in rows.values()]


@transaction.atomic
def refresh_groups(cag_ids: Iterable[int]) -> None:
    cag_ids = {pk for pk in cag_ids if pk}
    if not cag_ids:
        return
    CagMonth.objects.filter(cag_id__in=cag_ids).delete()
    CagMonth.objects.bulk_create(
        _month_rows(
            counted_meetings().filter(cag_id__in=cag_ids),
            FollowUpAction.objects.filter(issue__meeting__cag_id__in=cag_ids),
        )
    )


def rebuild() -> None:
    """Recompute every group's months from the meetings (registered with programmes.registry)."""
    with transaction.atomic():
        CagMonth.objects.all().delete()
        CagMonth.objects.bulk_create(_month_rows(counted_meetings(), FollowUpAction.objects.all()), batch_size=5000)


# Signal receivers (connected in `connect()`) ---------------------------------------------------------------------


def _meeting_loaded(sender, instance, **kwargs):
    instance._loaded_cag_id = instance.__dict__.get("cag_id")


def _meeting_changed(sender, instance, **kwargs):
    refresh_groups({instance.cag_id, getattr(instance, "_loaded_cag_id", None)})
    instance._loaded_cag_id = instance.cag_id


def _activity_saved(sender, instance, **kwargs):
    # Only a policing activity can have a CAG meeting: other units' activities cost no query.
    if instance.unit_area == UNIT:
        refresh_groups(CagMeeting.objects.filter(activity_id=instance.pk).values_list("cag_id", flat=True))


def _meetings_groups(meeting_ids) -> list[int]:
    return list(CagMeeting.objects.filter(pk__in={pk for pk in meeting_ids if pk}).values_list("cag_id", flat=True))


def _issue_loaded(sender, instance, **kwargs):
    instance._loaded_meeting_id = instance.__dict__.get("meeting_id")


def _issue_saved(sender, instance, created=False, **kwargs):
    loaded = getattr(instance, "_loaded_meeting_id", None)
    if not created and loaded != instance.meeting_id:  # its actions moved with it
        refresh_groups(_meetings_groups({loaded, instance.meeting_id}))
    instance._loaded_meeting_id = instance.meeting_id


def _action_changed(sender, instance, **kwargs):
    # On a cascade from a deleted issue or meeting the issue row is still there: dependants are deleted first.
    refresh_groups(IssueRaised.objects.filter(pk=instance.issue_id).values_list("meeting__cag_id", flat=True))


def connect() -> None:
    from django.db.models.signals import post_delete, post_init, post_save

    uid = "policing-summaries"
    post_init.connect(_meeting_loaded, sender=CagMeeting, dispatch_uid=f"{uid}-meeting-init")
    post_save.connect(_meeting_changed, sender=CagMeeting, dispatch_uid=f"{uid}-meeting-save")
    post_delete.connect(_meeting_changed, sender=CagMeeting, dispatch_uid=f"{uid}-meeting-delete")
    post_save.connect(_activity_saved, sender=Activity, dispatch_uid=f"{uid}-activity-save")
    post_init.connect(_issue_loaded, sender=IssueRaised, dispatch_uid=f"{uid}-issue-init")
    post_save.connect(_issue_saved, sender=IssueRaised, dispatch_uid=f"{uid}-issue-save")
    post_save.connect(_action_changed, sender=FollowUpAction, dispatch_uid=f"{uid}-action-save")
    post_delete.connect(_action_changed, sender=FollowUpAction, dispatch_uid=f"{uid}-action-delete")
