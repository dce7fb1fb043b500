"""The report kinds users may request. Every app adds its own from its AppConfig.ready(); core code never branches.

A kind says what it is called, which formats it has, which request parameters apply, who may request it and how
to build it. The generic kinds (activity register, participation list, participant reach, quarterly programme
report) are registered by `reports.builders`. A unit app adds its own from its AppConfig.ready(), as
`policing/report_kinds.py` does::

    from reports.registry import LOCATION, PERIOD, ReportKind, register_report
    from .models import UNIT                     # the app's unit area

    register_report(ReportKind(
        code="policing_cag_status", label=_("CAG status"), formats=("xlsx", "pdf"),
        parameters=frozenset({PERIOD, LOCATION}), unit_area=UNIT, build=build_cag_status,
    ))

A unit's PDF templates live in the unit app (`policing/templates/policing/pdf/`) and extend `reports/pdf/base.html`.

`build(job, progress, path)` runs in a Celery worker (or in-process without Redis), inside
`translation.override(job.language)`. It reads its records through `reports.selectors` (which applies the job's
unit areas, the requester's current rights and the request parameters), calls `progress(percent)` now and then,
and writes the file to `path` (use `reports.writers` for XLSX/CSV/PDF). Raise `reports.errors.ReportError` for a
reason the user should read; anything else is logged and shown as a generic failure.

Indicator progress (the results framework in `programmes`) plugs into the quarterly programme report as a section:
`register_quarterly_section(func)`, where `func(job, activities)` returns None or
`{"title": ..., "template": "...", "context": {...}}` rendered into the PDF (the template sees that dict as
`section`; Django's include cannot name a variable `context`). A separate "indicator progress vs
targets" kind (XLSX, PDF) is registered the same way as any other kind.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from accounts import access

# Request parameters a kind may use; the request form shows only those of the chosen kind.
PERIOD = "period"
QUARTER = "quarter"
UNIT_AREA = "unit_area"
PROGRAMME = "programme"
PROJECT = "project"
LOCATION = "location"
PARTNER = "partner"
ALL_PARAMETERS = frozenset({PERIOD, UNIT_AREA, PROGRAMME, PROJECT, LOCATION, PARTNER})


@dataclass(frozen=True)
class ReportKind:
    code: str
    label: str  # lazily translated
    formats: tuple[str, ...]
    build: Callable  # build(job, progress, path) -> None
    parameters: frozenset = ALL_PARAMETERS
    required: frozenset = frozenset()  # parameters that must be filled in
    may_request: Callable = access.can_request_reports
    # A unit app's kind: offered only to users who see that area, and the report covers only that area.
    unit_area: str | None = None
    description: str = ""
    order: int = 100
    extra: dict = field(default_factory=dict)

    def available_to(self, user) -> bool:
        if self.unit_area and not access.can_see_unit(user, self.unit_area):
            return False
        return bool(self.may_request(user))


_kinds: dict[str, ReportKind] = {}
quarterly_sections: list[Callable] = []


def register_report(kind: ReportKind) -> ReportKind:
    # Re-registering the same code replaces it (AppConfig.ready may run twice in tests); two apps may not share one.
    _kinds[kind.code] = kind
    return kind


def get_kind(code: str) -> ReportKind | None:
    return _kinds.get(code)


def all_kinds() -> list[ReportKind]:
    return sorted(_kinds.values(), key=lambda k: (k.order, str(k.label)))


def kinds_for(user) -> list[ReportKind]:
    return [kind for kind in all_kinds() if kind.available_to(user)]


def register_quarterly_section(func: Callable) -> Callable:
    if func not in quarterly_sections:
        quarterly_sections.append(func)
    return func
