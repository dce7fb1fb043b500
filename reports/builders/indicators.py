"""Indicator progress vs targets (XLSX, PDF), and the same figures as a section of the quarterly programme report.

Per project in the job's unit areas (narrowed to the chosen programme or project): each indicator and its periods
that overlap the report period, with target, actual (women and men where the indicator is disaggregated by sex),
percent of target, the period's status and whether it is off track. Figures and the off-track rule come from
`programmes.results`, so the report says what the indicator pages say.
"""

from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes import results
from programmes.models import Indicator, IndicatorPeriod

from ..errors import ReportError
from ..registry import PERIOD, PROGRAMME, PROJECT, UNIT_AREA, ReportKind, register_quarterly_section, register_report
from ..selectors import job_period, job_unit_areas
from ..writers import TableWriter, heading, render_pdf
from .common import header_context

SECTION_TEMPLATE = "reports/pdf/_indicator_progress.html"


def indicators_for_job(job):
    """Indicators the requester may see in the job's areas and filters that have a period overlapping the job's
    period; each carries those periods as `report_periods`. Four queries, however many indicators."""
    params = job.parameters or {}
    periods = IndicatorPeriod.objects.select_related("summary").order_by("start")
    date_from, date_to = job_period(job)
    if date_from:
        periods = periods.filter(end__gte=date_from)
    if date_to:
        periods = periods.filter(start__lte=date_to)
    indicators = Indicator.objects.for_user(job.requested_by).filter(
        result__project__programme__unit_area__in=job_unit_areas(job)
    )
    if params.get("programme"):
        indicators = indicators.filter(result__project__programme_id=params["programme"])
    if params.get("project"):
        indicators = indicators.filter(result__project_id=params["project"])
    return (
        indicators.filter(Exists(periods.filter(indicator=OuterRef("pk"))))
        .select_related("result__project__programme")
        .prefetch_related(
            Prefetch("periods", queryset=periods, to_attr="report_periods"), "rule_partners", "rule_themes"
        )
        .order_by("result__project__code", "result__code", "code")
    )


def _number(value):
    """Decimal("12.00") -> 12 and Decimal("12.50") -> Decimal("12.5"): whole figures print without decimals."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value.normalize()


def _period_row(progress, by_sex: bool) -> dict:
    period, current = progress.period, progress.figure
    return {
        "label": period.label,
        "start": period.start,
        "end": period.end,
        "target": _number(period.target),
        "target_women": _number(period.target_women) if by_sex else None,
        "actual": _number(current.value) if current else None,
        "women": _number(current.women) if current and by_sex else None,
        "men": _number(current.men) if current and by_sex else None,
        "percent": progress.percent,
        "status": period.get_status_display(),
        "off_track": progress.off_track,
    }


def progress_by_project(job, today=None) -> list[dict]:
    """[{"project", "indicators": [{"indicator", "result", "periods": [row, ...]}]}], projects in code order."""
    today = today or timezone.localdate()
    projects = {}
    for indicator in indicators_for_job(job):
        project = indicator.result.project
        entry = projects.setdefault(project.pk, {"project": project, "indicators": []})
        entry["indicators"].append(
            {
                "indicator": indicator,
                "result": indicator.result,
                "periods": [
                    _period_row(results.progress(p, today), indicator.by_sex) for p in indicator.report_periods
                ],
            }
        )
    return list(projects.values())


def summary(projects) -> dict:
    periods = [p for entry in projects for item in entry["indicators"] for p in item["periods"]]
    return {
        "projects": len(projects),
        "indicators": sum(len(entry["indicators"]) for entry in projects),
        "periods": len(periods),
        "off_track": sum(1 for p in periods if p["off_track"]),
    }


def quarterly_indicator_section(job, activities):
    """The quarterly report's section: indicator periods overlapping the quarter, in the report's unit areas."""
    projects = progress_by_project(job)
    if not projects:
        return None
    return {"title": _("Indicator progress"), "template": SECTION_TEMPLATE, "context": {"projects": projects}}


def _headers() -> list[str]:
    field = Indicator._meta.get_field
    period_field = IndicatorPeriod._meta.get_field
    return [
        heading(_("project")),
        heading(_("result")),
        heading(_("indicator")),
        heading(field("unit").verbose_name),
        heading(field("direction").verbose_name),
        heading(field("baseline_value").verbose_name),
        heading(period_field("label").verbose_name),
        heading(period_field("start").verbose_name),
        heading(period_field("end").verbose_name),
        heading(period_field("target").verbose_name),
        heading(period_field("target_women").verbose_name),
        heading(period_field("actual").verbose_name),
        heading(period_field("actual_women").verbose_name),
        heading(period_field("actual_men").verbose_name),
        heading(_("Percent of target")),
        heading(period_field("status").verbose_name),
        heading(_("off track")),
    ]


def build_indicator_progress(job, progress, path):
    projects = progress_by_project(job)
    progress(70)
    if not projects:
        raise ReportError(
            _("No indicator has a period in the chosen dates and unit areas. Choose a longer period or fewer filters.")
        )
    if job.format == "pdf":
        context = {
            **header_context(job, _("Indicator progress")),
            "figures": summary(projects),
            "progress": {"projects": projects},
            "landscape": True,  # nine columns: in portrait the indicator names wrap to a word a line
        }
        render_pdf("reports/pdf/indicators.html", context, path)
        return
    with TableWriter(path, job.format) as out:
        out.table(_("Indicator progress"), _headers())
        for entry in projects:
            for item in entry["indicators"]:
                indicator = item["indicator"]
                for row in item["periods"]:
                    out.row(
                        [
                            str(entry["project"]),
                            str(item["result"]),
                            str(indicator),
                            indicator.unit,
                            indicator.get_direction_display(),
                            _number(indicator.baseline_value),
                            row["label"],
                            row["start"],
                            row["end"],
                            row["target"],
                            row["target_women"],
                            row["actual"],
                            row["women"],
                            row["men"],
                            row["percent"],
                            row["status"],
                            row["off_track"],
                        ]
                    )


def register_indicator_progress():
    register_report(
        ReportKind(
            code="indicator_progress",
            label=gettext_lazy("Indicator progress"),
            formats=("xlsx", "pdf"),
            build=build_indicator_progress,
            parameters=frozenset({PERIOD, UNIT_AREA, PROGRAMME, PROJECT}),
            description=gettext_lazy(
                "Each project's indicators and their periods: target, actual (women and men), percent of target, "
                "status and whether it is off track."
            ),
            order=50,
        )
    )
    register_quarterly_section(quarterly_indicator_section)
