"""Query filters. Ids are plain numbers (not choice fields) so a filter never says whether an out-of-scope record
exists: the scoped queryset simply has no match.

One rule for every filter: a parameter given with an empty value (`?sex=`, `?unit_area=`, `?date_from=`, `?q=`) is
refused with 400 like any invalid value, never taken as "no filter" (leave the parameter out for that). The schema
says so (api/schema.py)."""

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters as drf_filters
from rest_framework.exceptions import ValidationError

from accounts.units import UnitArea
from osce_baku.prepared import MAX_BIGINT
from programmes.indicator_rules import COUNTED_STATUSES
from programmes.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Indicator,
    Location,
    Participation,
    ParticipationRole,
    Partner,
    Person,
    Project,
    Sex,
)
from reports.models import ReportJob, ReportStatus
from reports.registry import all_kinds

EMPTY_VALUE_MESSAGE = _("Give a value, or leave the parameter out.")
REPEATED_MESSAGE = _("Give this parameter once.")


def refuse_empty_or_repeated(query, name: str):
    """The rule for every query parameter: given once, with a value (None when absent). 400 otherwise."""
    if name not in query:
        return None
    values = query.getlist(name)
    if len(values) > 1:
        raise ValidationError({name: [REPEATED_MESSAGE]})
    if not values[0].strip():
        raise ValidationError({name: [EMPTY_VALUE_MESSAGE]})
    return values[0]


class NoEmptyValuesForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            try:
                refuse_empty_or_repeated(self.data, name)
            except ValidationError as error:
                self.add_error(name, error.detail[name])
        return cleaned


class StrictBooleanField(forms.Field):
    """`true` or `false`, as the schema says; not the many spellings (`null`, `unknown`, `2`) NullBooleanField takes."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if str(value).lower() in ("true", "false"):
            return str(value).lower() == "true"
        raise forms.ValidationError(_("Give true or false."), code="invalid")


class BooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


class FilterSet(filters.FilterSet):
    """Refuses a filter parameter given with an empty value (see the module docstring)."""

    def get_form_class(self):
        form = super().get_form_class()
        return form if issubclass(form, NoEmptyValuesForm) else type(form.__name__, (NoEmptyValuesForm, form), {})


class FilterBackend(DjangoFilterBackend):
    """DjangoFilterBackend whose generated filter sets (`filterset_fields`) follow the same rule."""

    filterset_base = FilterSet


@extend_schema_field({"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_BIGINT})
class IdFilter(filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_BIGINT)
        super().__init__(*args, **kwargs)


class LocationFilter(FilterSet):
    kind = filters.ChoiceFilter(choices=Location.Kind.choices)
    parent = IdFilter(field_name="parent_id")
    code = filters.CharFilter()

    class Meta:
        model = Location
        fields = ["kind", "parent", "code"]


class PartnerFilter(FilterSet):
    kind = filters.ChoiceFilter(choices=Partner.Kind.choices)
    parent = IdFilter(field_name="parent_id")
    acronym = filters.CharFilter()
    q = filters.CharFilter(method="search", label="Name or acronym contains")

    class Meta:
        model = Partner
        fields = ["kind", "parent", "acronym"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value) | Q(name_az__icontains=value))


class ProgrammeFilter(FilterSet):
    unit_area = filters.ChoiceFilter(choices=UnitArea.choices)


class ProjectFilter(FilterSet):
    programme = IdFilter(field_name="programme_id")
    unit_area = filters.ChoiceFilter(field_name="programme__unit_area", choices=UnitArea.choices)
    code = filters.CharFilter()

    class Meta:
        model = Project
        fields = ["programme", "unit_area", "code", "funding"]


class ActivityFilter(FilterSet):
    """The activity list page's filters (programmes.forms.ActivityFilterForm), by the same rules."""

    unit_area = filters.ChoiceFilter(choices=UnitArea.choices)
    programme = IdFilter(field_name="project__programme_id")
    project = IdFilter(field_name="project_id")
    kind = filters.ChoiceFilter(choices=ActivityKind.choices)
    status = filters.ChoiceFilter(choices=ActivityStatus.choices)
    location = IdFilter(field_name="location_id")
    date_from = filters.DateFilter(field_name="start_date", lookup_expr="gte")
    date_to = filters.DateFilter(field_name="start_date", lookup_expr="lte")
    partner = IdFilter(method="by_partner")
    theme = IdFilter(field_name="themes")
    happened = BooleanFilter(method="by_happened", label="Only activities that took place")
    q = filters.CharFilter(method="search", label="Title or venue contains")

    class Meta:
        model = Activity
        fields = []

    def by_partner(self, queryset, name, value):
        return queryset.filter(partner_links__partner_id=value).distinct()

    def by_happened(self, queryset, name, value):
        return queryset.filter(status__in=COUNTED_STATUSES) if value else queryset

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(venue__icontains=value))


class PersonFilter(FilterSet):
    organisation = IdFilter(field_name="organisation_id")
    sex = filters.ChoiceFilter(choices=Sex.choices)

    class Meta:
        model = Person
        fields = ["organisation", "sex"]


class ParticipationFilter(FilterSet):
    activity = IdFilter(field_name="activity_id")
    person = IdFilter(field_name="person_id")
    role = filters.ChoiceFilter(choices=ParticipationRole.choices)

    class Meta:
        model = Participation
        fields = ["activity", "person", "role"]


class IndicatorFilter(FilterSet):
    project = IdFilter(field_name="result__project_id")
    unit_area = filters.ChoiceFilter(field_name="result__project__programme__unit_area", choices=UnitArea.choices)

    class Meta:
        model = Indicator
        fields = ["project", "unit_area"]


def report_kind_codes() -> list[tuple[str, str]]:
    return [(kind.code, kind.code) for kind in all_kinds()]


class _ReportKindCodes:
    """The registered kinds, read when a filter form (or the schema) asks: apps register them when they are ready."""

    def __iter__(self):
        return iter(report_kind_codes())


class ReportJobFilter(FilterSet):
    status = filters.ChoiceFilter(choices=ReportStatus.choices)
    kind = filters.ChoiceFilter(choices=_ReportKindCodes())

    class Meta:
        model = ReportJob
        fields = ["status", "kind"]


class OrderingFilter(drf_filters.OrderingFilter):
    """`?ordering=field` or `-field` (several, comma-separated), from the view's `ordering_fields`. Like the filters,
    an unknown field or an empty value is refused with 400 instead of being ignored."""

    def get_ordering(self, request, queryset, view):
        value = refuse_empty_or_repeated(request.query_params, self.ordering_param)
        if value is None:
            return self.get_default_ordering(view)
        terms = [term.strip() for term in value.split(",")]
        valid = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
        if not all(term and term.removeprefix("-") in valid for term in terms):
            choices = ", ".join(sorted(valid))
            raise ValidationError({self.ordering_param: [_("Order by one of: %(choices)s.") % {"choices": choices}]})
        return terms

    def get_schema_operation_parameters(self, view):
        fields = getattr(view, "ordering_fields", None) or []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Sort by this field (a leading `-` sorts descending).",
                "schema": {"type": "string", "enum": [f"{sign}{name}" for name in fields for sign in ("", "-")]},
            }
        ]
