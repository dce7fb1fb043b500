"""Writes to the core model that touch more than one row or keep summaries up to date."""

from django.db import transaction
from django.db.models import Count, Q

from .models import Activity, Participation, Sex


@transaction.atomic
def refresh_participant_counts(*, activity: Activity) -> Activity:
    """Recompute the activity's participant summary from its roster, or copy its headcount.

    Call after any change to participations or headcounts; dashboards read these columns instead of counting rows.
    """
    if activity.is_headcount:
        women, men, unrecorded = activity.headcount_women, activity.headcount_men, activity.headcount_unrecorded
    else:
        counts = Participation.objects.filter(activity=activity).aggregate(
            women=Count("id", filter=Q(person__sex=Sex.FEMALE)),
            men=Count("id", filter=Q(person__sex=Sex.MALE)),
            unrecorded=Count("id", filter=Q(person__sex=Sex.UNRECORDED)),
        )
        women, men, unrecorded = counts["women"], counts["men"], counts["unrecorded"]
    Activity.objects.filter(pk=activity.pk).update(
        participants_women=women, participants_men=men, participants_unrecorded=unrecorded
    )
    activity.participants_women, activity.participants_men, activity.participants_unrecorded = women, men, unrecorded
    return activity


@transaction.atomic
def record_roster_change(*, activity: Activity) -> Activity:
    """After any change to an activity's participants (added, changed, removed, imported, certificates issued):
    recompute the summary, move the activity's `updated_at` and add a history row, so the change shows on the
    activity, as an edit of its own fields does. Callers have checked `workflow.can_edit` first."""
    refresh_participant_counts(activity=activity)
    activity.save(update_fields=["updated_at", "participants_women", "participants_men", "participants_unrecorded"])
    return activity
