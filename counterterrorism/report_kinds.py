"""The counter-terrorism unit's report: beneficiary institutions (XLSX, PDF), registered from
CounterterrorismConfig.ready().

Per institution that benefited from the unit's held activities in the job's scope: activities, person-trainings by
sex (roster or headcount), the part counted only as a headcount, and unique named people, from
counterterrorism.selectors.beneficiary_summary as on the beneficiaries page. Counts only: participants of this unit
are often not to be named, and no name is written.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.units import UnitArea
from programmes.models import Partner, Sex
from reports.builders import aggregates
from reports.builders.common import header_context
from reports.registry import LOCATION, PERIOD, PROJECT, ReportKind, register_report
from reports.selectors import held_activities_for_job
from reports.writers import TableWriter, bar_chart_svg, heading, render_pdf

from .models import UNIT
from .selectors import beneficiary_summary

CHART_INSTITUTIONS = 10


def beneficiary_figures(job, progress) -> dict:
    # held_activities_for_job applies the job's unit areas (only this unit's, if the requester still sees it),
    # period, place and project; beneficiary_summary keeps the beneficiary links of those activities.
    held = held_activities_for_job(job).filter(unit_area=UNIT)
    rows = beneficiary_summary(activities=held)
    progress(40)
    names = aggregates.names_by_pk(Partner, [row["partner_id"] for row in rows])
    for row in rows:
        row["label"] = names.get(row["partner_id"], row["partner__name"])  # in the report's language
        row["women"], row["men"] = row["women"] or 0, row["men"] or 0
    totals = aggregates.totals(held)
    progress(60)
    return {"rows": rows, "totals": totals, "institutions": len(rows)}


def build_beneficiary_institutions(job, progress, path):
    figures = beneficiary_figures(job, progress)
    if job.format == "pdf":
        top = figures["rows"][:CHART_INSTITUTIONS]
        chart = bar_chart_svg(
            [row["partner__acronym"] or row["label"] for row in top],
            [(Sex.FEMALE.label, [r["women"] for r in top]), (Sex.MALE.label, [r["men"] for r in top])],
        )
        context = {**header_context(job, _("Beneficiary institutions")), **figures, "chart": chart}
        render_pdf("counterterrorism/pdf/beneficiary_institutions.html", context, path)
        return
    with TableWriter(path, job.format) as out:
        out.table(
            _("Beneficiary institutions"),
            [
                heading(_("institution")),
                heading(_("activities")),
                Sex.FEMALE.label,
                Sex.MALE.label,
                heading(_("person-trainings")),
                heading(_("of which headcount only")),
                heading(_("unique named people")),
            ],
        )
        for row in figures["rows"]:
            out.row(
                [
                    row["label"],
                    row["activities"],
                    row["women"],
                    row["men"],
                    row["person_trainings"],
                    row["headcount"],
                    row["unique_people"],
                ]
            )


def register():
    register_report(
        ReportKind(
            code="beneficiary_institutions",
            label=gettext_lazy("Beneficiary institutions"),
            formats=("xlsx", "pdf"),
            build=build_beneficiary_institutions,
            parameters=frozenset({PERIOD, LOCATION, PROJECT}),
            unit_area=UnitArea.COUNTERTERRORISM,
            description=gettext_lazy(
                "Institutions that benefited from the unit's activities: activities, person-trainings by sex and "
                "unique named people (counts only)."
            ),
            order=220,
        )
    )
