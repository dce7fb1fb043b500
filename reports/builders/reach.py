"""Participant reach (XLSX, PDF): person-trainings and unique people by sex, organisation, location and unit area.

Counts use the activities' participant summaries (roster where there is one, headcount otherwise) and only
activities that took place; unique people come from the rosters.
"""

from django.utils.translation import gettext as _

from accounts.units import UnitArea
from programmes.models import Location, Partner, Sex

from ..selectors import held_activities_for_job, participations_for_job
from ..writers import TableWriter, bar_chart_svg, heading, render_pdf
from . import aggregates
from .common import header_context

TOP = 25  # rows shown per table in the PDF; the rest are summed into "Other"


def _top(rows, label_key="label"):
    if len(rows) <= TOP:
        return rows
    rest = rows[TOP:]
    other = {label_key: _("Other"), **{k: sum(r.get(k) or 0 for r in rest) for k in ("activities", "people")}}
    for key in ("women", "men", "unrecorded", "total"):
        other[key] = sum(r[key] for r in rest)
    other["women_share"] = round(100 * other["women"] / other["total"]) if other["total"] else None
    return [*rows[:TOP], other]


def reach_figures(job, progress) -> dict:
    activities = held_activities_for_job(job)
    participations = participations_for_job(job, held_only=True)
    totals = aggregates.totals(activities)
    progress(20)
    unique = aggregates.unique_people(participations)
    progress(40)
    areas = dict(UnitArea.choices)
    by_area = aggregates.grouped(activities, "unit_area")
    for row in by_area:
        row["label"] = str(areas.get(row["unit_area"], row["unit_area"]))
    by_location = aggregates.grouped(activities, "location")
    names = aggregates.names_by_pk(Location, [r["location"] for r in by_location])
    for row in by_location:
        row["label"] = names.get(row["location"], _("No location recorded"))
    progress(60)
    by_org = aggregates.by_organisation(participations)
    names = aggregates.names_by_pk(Partner, [r["person__organisation"] for r in by_org])
    for row in by_org:
        row["label"] = names.get(row["person__organisation"], _("No organisation recorded"))
    headcount = aggregates.headcount_only(activities)
    progress(80)
    return {
        "totals": totals,
        "unique": unique,
        "by_area": by_area,
        "by_location": by_location,
        "by_organisation": by_org,
        "headcount": headcount,
    }


def build_participant_reach(job, progress, path):
    figures = reach_figures(job, progress)
    if job.format == "pdf":
        by_area = figures["by_area"]
        chart = bar_chart_svg(
            [row["label"] for row in by_area],
            [(Sex.FEMALE.label, [r["women"] for r in by_area]), (Sex.MALE.label, [r["men"] for r in by_area])],
        )
        context = {
            **header_context(job, _("Participant reach")),
            **figures,
            "by_location": _top(figures["by_location"]),
            "by_organisation": _top(figures["by_organisation"]),
            "chart": chart,
        }
        render_pdf("reports/pdf/reach.html", context, path)
        return
    sums = [heading(_("activities")), heading(Sex.FEMALE.label), heading(Sex.MALE.label), heading(Sex.UNRECORDED.label)]
    sums += [heading(_("total")), heading(_("women (%)"))]
    with TableWriter(path, job.format) as out:
        out.table(_("By sex"), [heading(_("count")), *sums[1:5]])
        t, u, h = figures["totals"], figures["unique"], figures["headcount"]
        out.row([_("Person-trainings"), t["women"], t["men"], t["unrecorded"], t["total"]])
        out.row([_("Unique people (named participants)"), u["women"], u["men"], u["unrecorded"], u["total"]])
        out.row([_("Headcount only (not named)"), h["women"], h["men"], h["unrecorded"], h["total"]])
        for title, key, first in (
            (_("By organisation"), "by_organisation", _("Organisation")),
            (_("By location"), "by_location", _("Location")),
            (_("By unit area"), "by_area", _("Unit area")),
        ):
            extra = [heading(_("unique people"))] if key == "by_organisation" else []
            out.table(title, [first, *sums, *extra])
            for row in figures[key]:
                values = [row["label"], row.get("activities", ""), row["women"], row["men"], row["unrecorded"]]
                values += [row["total"], row["women_share"]]
                if key == "by_organisation":
                    values.append(row["people"])
                out.row(values)
