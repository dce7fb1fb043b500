"""The assembly-training unit's report: training reach and learning gain (XLSX, PDF), registered from
TrainingConfig.ready().

The reach and learning pages' figures (training.selectors) over the trainings in the job's scope: held trainings
linked to a course, of the job's unit area, in its period and place. Unique people count each trainee once,
person-trainings every attendance; targets are set against unique people; learning gain is the average of post-test
minus pre-test over trainees with both scores. Counts only: no trainee is named.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.units import UnitArea
from programmes.models import Location, Partner, Sex
from reports.builders.common import header_context
from reports.registry import LOCATION, PARTNER, PERIOD, ReportKind, register_report
from reports.selectors import activity_filter
from reports.writers import TableWriter, bar_chart_svg, heading, render_pdf

from .selectors import (
    _named,
    _reach_columns,
    headcount_totals,
    learning_by_course,
    linked_trainings,
    reach_totals,
    targets_progress,
    trainees_of,
)

CHART_GROUPS = 10
REACH_KEYS = ("unique_people", "unique_women", "unique_men", "person_trainings", "trainings_women", "trainings_men")


def _grouped(participations, field, model) -> list[dict]:
    """Reach per value of `field`, named, most unique people first (as training.selectors.reach groups them)."""
    rows = list(participations.values(field).annotate(**_reach_columns()).order_by("-unique_people", field))
    names = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=[row[field] for row in rows if row[field]])}
    return _named(rows, field, names)


def _rounded(value):
    return None if value is None else round(float(value), 1)


def training_reach_figures(job, progress) -> dict:
    user = job.requested_by
    trainings = linked_trainings(user).filter(activity_filter(job))
    participations = trainees_of(trainings)
    totals = reach_totals(participations)
    progress(20)
    by_group = _grouped(participations, "person__organisation", Partner)
    by_city = _grouped(participations, "activity__location", Location)
    progress(45)
    targets = targets_progress(user, participations)
    progress(60)
    courses = [course for course in learning_by_course(user, participations) if course.trainings_held]
    for course in courses:
        course.avg_pre, course.avg_post, course.avg_gain = map(
            _rounded, (course.avg_pre, course.avg_post, course.avg_gain)
        )
    progress(75)
    return {
        "totals": totals,
        "headcount": headcount_totals(trainings),
        "by_group": by_group,
        "by_city": by_city,
        "targets": targets,
        "courses": courses,
    }


def _reach_headers(first) -> list[str]:
    return [
        heading(first),
        heading(_("unique people")),
        heading(_("unique women")),
        heading(_("unique men")),
        heading(_("person-trainings")),
        heading(_("person-trainings: women")),
        heading(_("person-trainings: men")),
    ]


def _write_xlsx(figures, path, fmt) -> None:
    with TableWriter(path, fmt) as out:
        t, h = figures["totals"], figures["headcount"]
        out.table(_("Reach"), [heading(_("count")), Sex.FEMALE.label, Sex.MALE.label, heading(_("total"))])
        out.row([_("Unique people trained"), t["unique_women"], t["unique_men"], t["unique_people"]])
        out.row([_("Person-trainings"), t["trainings_women"], t["trainings_men"], t["person_trainings"]])
        out.row([_("Headcount only (not named)"), h["women"], h["men"], h["women"] + h["men"] + h["unrecorded"]])
        for title, key in ((_("By target group"), "by_group"), (_("By city"), "by_city")):
            out.table(title, _reach_headers(_("target group") if key == "by_group" else _("city")))
            for row in figures[key]:
                out.row([row["name"], *(row[k] for k in REACH_KEYS)])
        out.table(
            _("Against the targets"),
            [heading(_("target")), heading(_("people to train")), heading(_("unique people trained")), "%"],
        )
        for target in figures["targets"]:
            out.row([str(target), target.people, target.reached, target.percent])
        out.table(
            _("Learning by course"),
            [
                heading(_("course")),
                heading(_("trainings")),
                heading(_("scored participants")),
                heading(_("average pre-test")),
                heading(_("average post-test")),
                heading(_("average gain")),
            ],
        )
        for course in figures["courses"]:
            out.row(
                [str(course), course.trainings_held, course.scored, course.avg_pre, course.avg_post, course.avg_gain]
            )


def build_training_reach(job, progress, path):
    figures = training_reach_figures(job, progress)
    if job.format != "pdf":
        _write_xlsx(figures, path, job.format)
        return
    top = figures["by_group"][:CHART_GROUPS]
    chart = bar_chart_svg(
        [row["name"] for row in top],
        [(Sex.FEMALE.label, [r["unique_women"] for r in top]), (Sex.MALE.label, [r["unique_men"] for r in top])],
    )
    context = {**header_context(job, _("Training reach and learning gain")), **figures, "chart": chart}
    render_pdf("training/pdf/training_reach.html", context, path)


def register():
    register_report(
        ReportKind(
            code="training_reach",
            label=gettext_lazy("Training reach and learning gain"),
            formats=("xlsx", "pdf"),
            build=build_training_reach,
            parameters=frozenset({PERIOD, LOCATION, PARTNER}),
            unit_area=UnitArea.ASSEMBLY,
            description=gettext_lazy(
                "Unique people and person-trainings by target group, city and sex against the targets; average "
                "learning gain per course."
            ),
            order=210,
        )
    )
