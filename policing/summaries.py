"""`CagMonth`: the meetings each group held per month, kept current on write so the rollout page and the unit
dashboard's groups panel read a row per group and month instead of every meeting (docs/performance.md, "Summaries
maintained on write").

A meeting counts where its activity is neither planned nor cancelled; the month is its activity's start date's.
Whether it was held "by a day" (a date in the future) is left to the readers: they take whole months from here and
the edge months, a few rows, from the meetings themselves (`selectors.held_totals`).

A write recomputes every month of the groups it touches from their meetings, in the writing transaction: a summary
is by construction what a recount gives, and a group's meetings are few. Writers: a meeting saved or deleted (its
group before and after), and its activity saved (date, status: approval, cancellation; deleting it deletes the
meeting). Model signals rather than service calls, because meetings and their activities are written from the
record pages, the back office, the activity workflow and the API. Bulk loads (the demo) bypass signals:
`rebuild_summaries` runs `rebuild()` through the registry hook.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.db.models.functions import TruncMonth

from programmes.models import Activity, ActivityStatus

from .models import UNIT, CagMeeting, CagMonth

NOT_HELD = (ActivityStatus.PLANNED, ActivityStatus.CANCELLED)


def counted_meetings():
    return CagMeeting.objects.exclude(activity__status__in=NOT_HELD)


def _month_rows(meetings) -> list[CagMonth]:
    grouped = (
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
    return [CagMonth(**row) for row in grouped]


@transaction.atomic
def refresh_groups(cag_ids: Iterable[int]) -> None:
    cag_ids = {pk for pk in cag_ids if pk}
    if not cag_ids:
        return
    CagMonth.objects.filter(cag_id__in=cag_ids).delete()
    CagMonth.objects.bulk_create(_month_rows(counted_meetings().filter(cag_id__in=cag_ids)))


def rebuild() -> None:
    """Recompute every group's months from the meetings (registered with programmes.registry)."""
    with transaction.atomic():
        CagMonth.objects.all().delete()
        CagMonth.objects.bulk_create(_month_rows(counted_meetings()), batch_size=5000)


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


def connect() -> None:
    from django.db.models.signals import post_delete, post_init, post_save

    uid = "policing-summaries"
    post_init.connect(_meeting_loaded, sender=CagMeeting, dispatch_uid=f"{uid}-meeting-init")
    post_save.connect(_meeting_changed, sender=CagMeeting, dispatch_uid=f"{uid}-meeting-save")
    post_delete.connect(_meeting_changed, sender=CagMeeting, dispatch_uid=f"{uid}-meeting-delete")
    post_save.connect(_activity_saved, sender=Activity, dispatch_uid=f"{uid}-activity-save")
