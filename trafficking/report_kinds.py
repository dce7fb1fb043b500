"""The trafficking unit's report: NAP implementation status with NRM aggregates (XLSX, PDF), registered from
TraffickingConfig.ready().

Measures of the action plans running in the report period, each with its latest status, the years activities
supported it and whether it is late (trafficking.selectors.coverage_matrix, as on the plan page); then the NRM
statistics of the period's years. NRM counts reach the file only as `trafficking.suppression` cells: a count from 1
to 4 is written as "<5" (and a figure is "x" where the interval audit needs it hidden), exactly as the NRM page
shows it: all years come from the one suppressed publication (trafficking.publication); the raw value is never
written.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access
from accounts.units import UnitArea
from reports.builders.common import header_context
from reports.errors import ReportError
from reports.registry import PERIOD, ReportKind, register_report
from reports.selectors import job_period, job_unit_areas
from reports.writers import TableWriter, heading, render_pdf

from .models import UNIT, Measure
from .selectors import coverage_matrix, nrm_publication, nrm_year_tables, nrm_years, plans_for
from .suppression import LEGEND_SECONDARY, small_counts_note


def _require_unit(job):
    # The NRM selectors do not filter by user (their pages check access first): so does this report, at build time.
    if UNIT not in job_unit_areas(job) or not access.can_see_unit(job.requested_by, UNIT):
        raise ReportError(_("You may no longer see trafficking records, so this report cannot be built."))


def plans_in_period(job) -> list[dict]:
    """Plans running in the period, each with its coverage rows (three queries per plan; plans are few)."""
    date_from, date_to = job_period(job)
    plans = plans_for(job.requested_by).order_by("-start_year", "pk")
    if date_from:
        plans = plans.filter(end_year__gte=date_from.year)
    if date_to:
        plans = plans.filter(start_year__lte=date_to.year)
    result = []
    for plan in plans:
        rows = coverage_matrix(plan)
        for row in rows:
            row["supported_years"] = [cell["year"] for cell in row["cells"] if cell["count"]]
            row["activities"] = sum(cell["count"] for cell in row["cells"])
        result.append(
            {
                "plan": plan,
                "rows": rows,
                "supported": sum(1 for row in rows if row["supported_years"]),
                "late": sum(1 for row in rows if row["late"]),
            }
        )
    return result


def nrm_in_period(job) -> list[dict]:
    """The suppressed NRM tables of every year in the period that has statistics, oldest first."""
    date_from, date_to = job_period(job)
    years = sorted(
        year
        for year in nrm_years()
        if (not date_from or year >= date_from.year) and (not date_to or year <= date_to.year)
    )
    publication = nrm_publication()
    return [{"year": year, "tables": nrm_year_tables(year, publication)} for year in years]


def _cell(cell):
    """A suppressed cell as its mark ("<5", "x"); a shown one as its number."""
    return cell.display if cell.suppressed else cell.value


def _measure_headers() -> list[str]:
    field = Measure._meta.get_field
    return [
        heading(field("plan").verbose_name),
        heading(field("number").verbose_name),
        heading(field("text").verbose_name),
        heading(field("responsible").verbose_name),
        heading(field("deadline").verbose_name),
        heading(_("status")),
        heading(_("supported in")),
        heading(_("supporting activities")),
        heading(_("late")),
    ]


def _write_nrm_year(out, entry) -> None:
    out.table(_("NRM %(year)s") % {"year": entry["year"]}, [_("NRM statistics"), str(entry["year"])])
    for item in entry["tables"]:
        table = item["table"]
        out.row([])
        out.row([heading(item["title"])])
        out.row([heading(_("stage")), *(str(label) for label in table.col_labels), _("Total")])
        for label, cells, total in table.lines():
            out.row([str(label), *(_cell(c) for c in cells), _cell(total)])
    out.row([])
    out.row([small_counts_note()])
    out.row([str(LEGEND_SECONDARY)])


def build_nap_implementation(job, progress, path):
    _require_unit(job)
    plans = plans_in_period(job)
    progress(40)
    nrm = nrm_in_period(job)
    progress(70)
    if job.format == "pdf":
        context = {
            **header_context(job, _("National Action Plan implementation")),
            "plans": plans,
            "nrm": nrm,
            "small_counts_note": small_counts_note(),
            "legend": LEGEND_SECONDARY,
            "today": timezone.localdate(),
        }
        render_pdf("trafficking/pdf/nap_implementation.html", context, path)
        return
    with TableWriter(path, job.format) as out:
        out.table(_("Measures"), _measure_headers())
        for entry in plans:
            for row in entry["rows"]:
                measure = row["measure"]
                out.row(
                    [
                        str(entry["plan"]),
                        measure.number,
                        measure.text,
                        ", ".join(str(p) for p in measure.responsible.all()),
                        measure.deadline,
                        row["status"],
                        ", ".join(str(year) for year in row["supported_years"]),
                        row["activities"],
                        row["late"],
                    ]
                )
        for entry in nrm:
            _write_nrm_year(out, entry)


def register():
    register_report(
        ReportKind(
            code="nap_implementation",
            label=gettext_lazy("NAP implementation status"),
            formats=("xlsx", "pdf"),
            build=build_nap_implementation,
            parameters=frozenset({PERIOD}),
            unit_area=UnitArea.TRAFFICKING,
            description=gettext_lazy(
                "National Action Plan measures with their status, the years activities supported them and whether "
                "they are late; NRM statistics of the period's years with small counts suppressed."
            ),
            order=230,
        )
    )
