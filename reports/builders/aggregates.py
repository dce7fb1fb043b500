"""Aggregates shared by the reach and quarterly reports: sums of the activities' participant summaries (never a
count over participation rows where a summary exists) and unique people from the rosters."""

from django.db.models import Count, Q, Sum

from programmes.models import ParticipantMode, Sex

SUMS = {
    "activities": Count("id"),
    "women": Sum("participants_women", default=0),
    "men": Sum("participants_men", default=0),
    "unrecorded": Sum("participants_unrecorded", default=0),
}


def with_total(row: dict) -> dict:
    """Adds the total and the women's share (percent) to a row of sums."""
    row["total"] = row["women"] + row["men"] + row["unrecorded"]
    row["women_share"] = round(100 * row["women"] / row["total"]) if row["total"] else None
    return row


def totals(activities) -> dict:
    return with_total(activities.aggregate(**SUMS))


def grouped(activities, field: str) -> list[dict]:
    """Sums per value of `field` (e.g. "unit_area", "location", "kind"), largest total first."""
    rows = activities.order_by().values(field).annotate(**SUMS)
    return sorted((with_total(dict(row)) for row in rows), key=lambda r: (-r["total"], -r["activities"]))


def unique_people(participations) -> dict:
    """Distinct people on the rosters by sex (people in headcount-only activities cannot be told apart)."""
    counts = participations.filter(activity__participant_mode=ParticipantMode.ROSTER).aggregate(
        women=Count("person", distinct=True, filter=Q(person__sex=Sex.FEMALE)),
        men=Count("person", distinct=True, filter=Q(person__sex=Sex.MALE)),
        unrecorded=Count("person", distinct=True, filter=Q(person__sex=Sex.UNRECORDED)),
    )
    return with_total(counts)


def by_organisation(participations) -> list[dict]:
    """Person-trainings, unique people and activities attended per participant's organisation (rosters only)."""
    rows = (
        participations.filter(activity__participant_mode=ParticipantMode.ROSTER)
        .order_by()
        .values("person__organisation")
        .annotate(
            women=Count("id", filter=Q(person__sex=Sex.FEMALE)),
            men=Count("id", filter=Q(person__sex=Sex.MALE)),
            unrecorded=Count("id", filter=Q(person__sex=Sex.UNRECORDED)),
            people=Count("person", distinct=True),
            activities=Count("activity", distinct=True),
        )
    )
    return sorted((with_total(dict(row)) for row in rows), key=lambda r: -r["total"])


def headcount_only(activities) -> dict:
    return totals(activities.filter(participant_mode=ParticipantMode.HEADCOUNT))


def names_by_pk(model, pks) -> dict:
    """Localised display names of the given records (one query), for grouped rows that carry only ids."""
    return {obj.pk: str(obj) for obj in model.objects.filter(pk__in=[pk for pk in pks if pk])}
