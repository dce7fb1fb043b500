"""The generic report kinds, built from the core model. Unit apps register their own kinds (see reports.registry)."""

from django.utils.translation import gettext_lazy as _

from ..registry import ALL_PARAMETERS, PERIOD, QUARTER, UNIT_AREA, ReportKind, register_report


def register_builtin_kinds():
    from .activity_register import build_activity_register
    from .indicators import register_indicator_progress
    from .participation_list import build_participation_list
    from .quarterly import build_quarterly_report
    from .reach import build_participant_reach

    register_report(
        ReportKind(
            code="activity_register",
            label=_("Activity register"),
            formats=("xlsx", "csv"),
            build=build_activity_register,
            description=_("Every activity with its dates, place, partners and participants by sex."),
            order=10,
        )
    )
    register_report(
        ReportKind(
            code="participation_list",
            label=_("Participation list"),
            formats=("xlsx", "csv"),
            build=build_participation_list,
            description=_("One row per participant per activity; names only where you may see them."),
            order=20,
        )
    )
    register_report(
        ReportKind(
            code="participant_reach",
            label=_("Participant reach"),
            formats=("xlsx", "pdf"),
            build=build_participant_reach,
            description=_("Participants by sex, organisation, location and unit area; unique people."),
            order=30,
        )
    )
    register_report(
        ReportKind(
            code="quarterly_programme",
            label=_("Quarterly programme report"),
            formats=("pdf",),
            build=build_quarterly_report,
            parameters=(ALL_PARAMETERS - {PERIOD}) | {QUARTER},
            required=frozenset({QUARTER, UNIT_AREA}),
            description=_("A unit area's quarter: highlights from activity outcomes, key figures, tables and a chart."),
            order=40,
        )
    )
    register_indicator_progress()
