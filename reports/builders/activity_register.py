"""Activity register (XLSX, CSV): one row per activity in the job's scope, oldest first."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from accounts.units import UnitArea
from programmes.models import Activity, ActivityPartner, PartnerRole

from ..cells import Coded, as_recorded, coded_choices
from ..selectors import activities_for_job
from ..writers import TableWriter, heading, track


def _field(name):
    return heading(Activity._meta.get_field(name).verbose_name)


def _names(partners) -> Coded:
    """Partners in the reader's language, and as recorded for CSV."""
    return Coded("; ".join(map(str, partners)), "; ".join(map(as_recorded, partners)))


def build_activity_register(job, progress, path):
    activities = (
        activities_for_job(job)
        .select_related("project__programme", "location")
        .prefetch_related(
            Prefetch("partner_links", queryset=ActivityPartner.objects.select_related("partner").order_by("id"))
        )
        .order_by("start_date", "id")
    )
    total = activities.count()
    headers = [
        _field("start_date"),
        _field("end_date"),
        _field("unit_area"),
        heading(_("programme")),
        _field("project"),
        _field("title"),
        _field("kind"),
        _field("status"),
        _field("location"),
        _field("venue"),
        heading(PartnerRole.BENEFICIARY.label),
        heading(PartnerRole.CO_SPONSOR.label),
        heading(_("other partners")),
        _field("participant_mode"),
        _field("headcount_women"),
        _field("headcount_men"),
        _field("headcount_unrecorded"),
        heading(_("total")),
        _field("cost_eur"),
    ]
    # Choices as Coded labels: XLSX shows the label, CSV the code (reports.cells).
    areas = coded_choices(UnitArea.choices)
    kinds, statuses, modes = (
        coded_choices(Activity._meta.get_field(name).choices) for name in ("kind", "status", "participant_mode")
    )
    with TableWriter(path, job.format) as out:
        out.table(_("Activity register"), headers)
        # iterator(chunk_size) keeps memory flat and still prefetches the partners per chunk.
        for activity in track(activities.iterator(chunk_size=2000), total, progress):
            partners = {"beneficiary": [], "co_sponsor": [], "other": []}
            for link in activity.partner_links.all():
                bucket = link.role if link.role in partners else "other"
                partners[bucket].append(link.partner)
            out.row(
                [
                    activity.start_date,
                    activity.end_date,
                    areas.get(activity.unit_area, activity.unit_area),
                    activity.project.programme,
                    activity.project.code,
                    activity.title,
                    kinds.get(activity.kind, activity.kind),
                    statuses.get(activity.status, activity.status),
                    activity.location or "",
                    activity.venue,
                    _names(partners["beneficiary"]),
                    _names(partners["co_sponsor"]),
                    _names(partners["other"]),
                    modes.get(activity.participant_mode, activity.participant_mode),
                    activity.participants_women,
                    activity.participants_men,
                    activity.participants_unrecorded,
                    activity.participants_total,
                    activity.cost_eur,
                ]
            )
