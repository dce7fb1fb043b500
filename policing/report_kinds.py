"""The policing unit's report: CAG status (XLSX, PDF), registered from PolicingConfig.ready().

Every group the requester may see with its status, members today by sex, meetings held in the report period and in
all, its last meeting and its overdue follow-up actions; then the overdue actions themselves. Status, membership and
overdue actions are as they stand on the day the report is built; only the meetings are counted in the period.
"""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.units import UnitArea
from programmes.models import Sex
from reports.builders.common import header_context
from reports.registry import PERIOD, ReportKind, register_report
from reports.selectors import activities_for_job, job_unit_areas
from reports.writers import TableWriter, heading, render_pdf

from .models import UNIT, CagMember, CagStatus, CommunityAdvisoryGroup, FollowUpAction
from .selectors import cags_for, held_meetings, overdue_actions_for

PDF_ACTIONS = 50  # the PDF is a summary; the workbook lists every overdue action


def cag_status_figures(job, progress, today=None) -> dict:
    """Groups with their figures and the overdue actions, in five queries whatever the number of groups."""
    today = today or timezone.localdate()
    user = job.requested_by
    if UNIT not in job_unit_areas(job):  # the requester no longer sees the unit: an empty report, never another's
        return {"groups": [], "actions": [], "totals": {}, "by_status": []}
    groups = list(cags_for(user, today))
    ids = [group.pk for group in groups]
    progress(30)
    by_sex = {
        (row["cag"], row["sex"]): row["n"]
        for row in CagMember.objects.active_on(today)
        .filter(cag__in=ids)
        .order_by()
        .values("cag", "sex")
        .annotate(n=Count("pk"))
    }
    # Meetings held in the period: the job's own activity filter (dates, unit area) on the meetings' activities.
    in_period = dict(
        held_meetings(today)
        .filter(cag__in=ids, activity__in=activities_for_job(job).values("pk"))
        .order_by()
        .values_list("cag")
        .annotate(n=Count("pk"))
    )
    progress(50)
    for group in groups:
        group.women, group.men, group.unrecorded = (
            by_sex.get((group.pk, s), 0) for s in (Sex.FEMALE, Sex.MALE, Sex.UNRECORDED)
        )
        group.meetings_in_period = in_period.get(group.pk, 0)
    actions = list(overdue_actions_for(user, today))
    progress(70)
    totals = {
        key: sum(getattr(g, key) for g in groups)
        for key in (
            "women",
            "men",
            "unrecorded",
            "members_now",
            "meetings_in_period",
            "meetings_held",
            "overdue_actions",
        )
    }
    labels = dict(CagStatus.choices)
    by_status = [(labels[s], sum(1 for g in groups if g.status == s)) for s in CagStatus.values]
    return {"groups": groups, "actions": actions, "totals": totals, "by_status": by_status, "today": today}


def _group_headers() -> list[str]:
    field = CommunityAdvisoryGroup._meta.get_field
    return [
        heading(field("police_department").verbose_name),
        heading(field("location").verbose_name),
        heading(field("status").verbose_name),
        heading(field("established_on").verbose_name),
        heading(_("members: women")),
        heading(_("members: men")),
        heading(_("members: sex not recorded")),
        heading(_("members today")),
        heading(_("meetings in the period")),
        heading(_("meetings held in all")),
        heading(_("last meeting")),
        heading(_("overdue actions")),
    ]


def _action_headers() -> list[str]:
    field = FollowUpAction._meta.get_field
    return [
        heading(_("group")),
        heading(_("meeting")),
        heading(_("issue")),
        heading(field("description").verbose_name),
        heading(field("owner").verbose_name),
        heading(field("due_date").verbose_name),
        heading(field("status").verbose_name),
    ]


def build_cag_status(job, progress, path):
    figures = cag_status_figures(job, progress)
    if job.format == "pdf":
        context = {
            **header_context(job, _("Community Advisory Groups: status")),
            **figures,
            "actions": figures["actions"][:PDF_ACTIONS],
            "more_actions": max(0, len(figures["actions"]) - PDF_ACTIONS),
        }
        render_pdf("policing/pdf/cag_status.html", context, path)
        return
    with TableWriter(path, job.format) as out:
        out.table(_("Groups"), _group_headers())
        for g in figures["groups"]:
            out.row(
                [
                    g.localized_name,
                    str(g.location),
                    g.get_status_display(),
                    g.established_on,
                    g.women,
                    g.men,
                    g.unrecorded,
                    g.members_now,
                    g.meetings_in_period,
                    g.meetings_held,
                    g.last_meeting,
                    g.overdue_actions,
                ]
            )
        out.table(_("Overdue actions"), _action_headers())
        for action in figures["actions"]:
            meeting = action.issue.meeting
            out.row(
                [
                    str(meeting.cag),
                    meeting.activity.start_date,
                    action.issue.summary,
                    action.description,
                    action.owner,
                    action.due_date,
                    action.get_status_display(),
                ]
            )


def register():
    register_report(
        ReportKind(
            code="cag_status",
            label=gettext_lazy("CAG status"),
            formats=("xlsx", "pdf"),
            build=build_cag_status,
            parameters=frozenset({PERIOD}),
            unit_area=UnitArea.POLICING,
            description=gettext_lazy(
                "Community Advisory Groups: status, members by sex, meetings in the period, last meeting and "
                "overdue follow-up actions."
            ),
            order=200,
        )
    )
