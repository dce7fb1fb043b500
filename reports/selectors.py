"""What a report job may read: its unit areas, the requester's rights at build time, and the request's filters.

Every builder reads activities and participations through these functions, so a report never holds more than the
requester may see, even if their rights changed between the request and the build.
"""

import datetime

from django.db.models import Exists, OuterRef, Q

from accounts import access
from programmes.models import Activity, ActivityPartner, ActivityStatus, Participation

# Activities that took place: what reach and narrative count. The register lists every status.
HELD_STATUSES = (
    ActivityStatus.COMPLETED,
    ActivityStatus.SUBMITTED,
    ActivityStatus.RETURNED,
    ActivityStatus.APPROVED,
)


def job_unit_areas(job) -> list[str]:
    """The job's areas that its requester may (still) see, sorted for stable output."""
    visible = access.visible_unit_areas(job.requested_by)
    return sorted(set(job.unit_areas or ()) & visible)


def _date(value):
    if not value:
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def job_period(job) -> tuple[datetime.date | None, datetime.date | None]:
    params = job.parameters or {}
    return _date(params.get("date_from")), _date(params.get("date_to"))


def activity_filter(job, prefix: str = "") -> Q:
    """A Q on Activity (or, with prefix "activity__", on a model pointing to it) for the job's scope and filters."""
    p = prefix
    params = job.parameters or {}
    q = Q(**{f"{p}unit_area__in": job_unit_areas(job)})
    date_from, date_to = job_period(job)
    if date_from:
        q &= Q(**{f"{p}start_date__gte": date_from})
    if date_to:
        q &= Q(**{f"{p}start_date__lte": date_to})
    if params.get("programme"):
        q &= Q(**{f"{p}project__programme_id": params["programme"]})
    if params.get("project"):
        q &= Q(**{f"{p}project_id": params["project"]})
    if params.get("location"):
        # A region includes its districts and their settlements (the location tree is at most four levels deep).
        loc = params["location"]
        q &= (
            Q(**{f"{p}location_id": loc})
            | Q(**{f"{p}location__parent_id": loc})
            | Q(**{f"{p}location__parent__parent_id": loc})
            | Q(**{f"{p}location__parent__parent__parent_id": loc})
        )
    if params.get("partner"):
        links = ActivityPartner.objects.filter(activity=OuterRef(f"{p}pk" if p else "pk"), partner_id=params["partner"])
        if params.get("partner_role"):
            links = links.filter(role=params["partner_role"])
        q &= Q(Exists(links))
    return q


def activities_for_job(job):
    return Activity.objects.filter(activity_filter(job))


def held_activities_for_job(job):
    return activities_for_job(job).filter(status__in=HELD_STATUSES)


def participations_for_job(job, held_only: bool = False):
    # Filter through the activity ids rather than a join per condition: one semi-join, whatever the filters.
    activities = held_activities_for_job(job) if held_only else activities_for_job(job)
    return Participation.objects.filter(activity__in=activities.values("pk"))


def names_visible(job) -> dict[str, bool]:
    """Per unit area: may the requester see participants' names there."""
    return {area: access.can_see_person_names(job.requested_by, area) for area in job_unit_areas(job)}
