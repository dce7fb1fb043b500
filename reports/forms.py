import datetime

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.units import UnitArea
from osce_baku.widgets import DateInput
from programmes.models import Location, Partner, PartnerRole, Programme, Project

from .builders.quarterly import quarter_bounds
from .models import ReportFormat
from .registry import LOCATION, PARTNER, PERIOD, PROGRAMME, PROJECT, QUARTER, UNIT_AREA, get_kind, kinds_for

QUARTERS_OFFERED = 16


def quarter_choices(today=None):
    today = today or timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    choices = []
    for _i in range(QUARTERS_OFFERED):
        choices.append((f"{year}-Q{quarter}", f"{year} Q{quarter}"))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return choices


def parse_quarter(value: str) -> tuple[datetime.date, datetime.date]:
    year, quarter = value.split("-Q")
    return quarter_bounds(int(year), int(quarter))


# The form fields each request parameter needs; a field no parameter of the chosen kind needs is left out.
PARAMETER_FIELDS = {
    PERIOD: ("quarter", "date_from", "date_to"),
    QUARTER: ("quarter",),
    UNIT_AREA: ("unit_area",),
    PROGRAMME: ("programme",),
    PROJECT: ("project",),
    LOCATION: ("location",),
    PARTNER: ("partner", "partner_role"),
}
OPTIONAL_FIELDS = {name for names in PARAMETER_FIELDS.values() for name in names}


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=ReportFormat.choices,
        help_text=_(
            "XLSX is for people: dates and numbers as your language writes them. CSV is for machines and the same in "
            "every language but its headings: ISO dates (2011-01-17), a decimal point, codes instead of labels "
            "(approved, female), names as recorded in English, comma-separated, UTF-8."
        ),
    )
    quarter = forms.ChoiceField(
        label=_("Quarter"), required=False, help_text=_("Required for the quarterly report; otherwise sets the period.")
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    unit_area = forms.ChoiceField(label=_("Unit area"), required=False)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none(), required=False)
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False)
    location = forms.ModelChoiceField(
        label=_("Location"),
        queryset=Location.objects.all(),
        required=False,
        help_text=_("A region includes its districts and settlements."),
    )
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all(), required=False)
    partner_role = forms.ChoiceField(
        label=_("Partner role"),
        required=False,
        choices=[("", _("Any role"))] + list(PartnerRole.choices),
        help_text=_("For example co-sponsor: only activities the partner co-sponsored."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.kinds = kinds_for(user)
        self.fields["kind"].choices = [(k.code, k.label) for k in self.kinds]
        # Choosing another kind asks the server for that kind's fields and formats (HTMX swaps them in place).
        self.fields["kind"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("reports:request"),
                "hx-trigger": "change",
                "hx-target": "#kind-fields",
                "hx-swap": "outerHTML",
                "hx-include": "closest form",
                "hx-params": "not csrfmiddlewaretoken",
            }
        )
        self.fields["quarter"].choices = [("", "—")] + quarter_choices()
        visible = access.visible_unit_areas(user)
        areas = [(value, label) for value, label in UnitArea.choices if value in visible]
        self.fields["unit_area"].choices = [("", _("All my unit areas"))] + areas
        self.fields["programme"].queryset = Programme.objects.for_user(user)
        self.fields["project"].queryset = Project.objects.for_user(user).select_related("programme")
        self.chosen_kind = self._chosen_kind()
        self._keep_fields_of(self.chosen_kind)

    def _chosen_kind(self):
        """The kind the fields are shown for: the one submitted or asked for, else the first on offer."""
        code = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        kind = get_kind(code or "")
        if kind in self.kinds:
            return kind
        return self.kinds[0] if self.kinds else None

    def _keep_fields_of(self, kind):
        """Only the fields and formats the kind uses (the server still checks everything in clean())."""
        if kind is None:
            return
        used = {name for parameter in kind.parameters for name in PARAMETER_FIELDS.get(parameter, ())}
        for name in OPTIONAL_FIELDS - used:
            del self.fields[name]
        self.fields["format"].choices = [
            (value, label) for value, label in ReportFormat.choices if value in kind.formats
        ]

    def clean(self):
        data = super().clean()
        kind = get_kind(data.get("kind") or "")
        if kind is None or kind not in self.kinds:
            return data  # the field already has its error
        self.kind = kind
        if data.get("format") and data["format"] not in kind.formats:
            labels = dict(ReportFormat.choices)
            self.add_error(
                "format",
                _("This report comes as %(formats)s.") % {"formats": ", ".join(str(labels[f]) for f in kind.formats)},
            )
        params = kind.parameters | {QUARTER}
        for name in kind.required:
            if not data.get(name):
                self.add_error(name, _("This report needs this field."))
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period cannot be before its start."))
        area = data.get("unit_area") if UNIT_AREA in params else ""
        project = data.get("project") if PROJECT in params else None
        programme = data.get("programme") if PROGRAMME in params else None
        if area and project and project.programme.unit_area != area:
            self.add_error("project", _("This project belongs to another unit area."))
        if area and programme and programme.unit_area != area:
            self.add_error("programme", _("This programme belongs to another unit area."))
        if programme and project and project.programme_id != programme.pk:
            self.add_error("project", _("This project belongs to another programme."))
        if self.errors:
            return data

        parameters = {}
        if data.get("quarter"):
            start, end = parse_quarter(data["quarter"])
            parameters.update(quarter=data["quarter"], date_from=start.isoformat(), date_to=end.isoformat())
        elif PERIOD in params:
            if data.get("date_from"):
                parameters["date_from"] = data["date_from"].isoformat()
            if data.get("date_to"):
                parameters["date_to"] = data["date_to"].isoformat()
        if area:
            parameters["unit_area"] = area
        if programme:
            parameters["programme"] = programme.pk
        if project:
            parameters["project"] = project.pk
        if LOCATION in params and data.get("location"):
            parameters["location"] = data["location"].pk
        if PARTNER in params and data.get("partner"):
            parameters["partner"] = data["partner"].pk
            if data.get("partner_role"):
                parameters["partner_role"] = data["partner_role"]
        self.parameters = parameters
        # The areas the report covers: the kind's own unit, the one chosen, or every area the user sees.
        if kind.unit_area:
            self.unit_areas = [kind.unit_area]
        elif area:
            self.unit_areas = [area]
        elif project:
            self.unit_areas = [project.programme.unit_area]
        elif programme:
            self.unit_areas = [programme.unit_area]
        else:
            self.unit_areas = sorted(access.visible_unit_areas(self.user))
        return data
