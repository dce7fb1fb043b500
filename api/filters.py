"""Query filters. Ids are plain numbers (not choice fields) so a filter never says whether an out-of-scope record
exists: the scoped queryset simply has no match."""

import django_filters as filters
from django import forms
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accounts.units import UnitArea
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

MAX_ID = 2**63 - 1  # the largest id a database column holds: anything larger is refused, never sent to the database


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class LocationFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Location.Kind.choices)
    parent = IdFilter(field_name="parent_id")
    code = filters.CharFilter()

    class Meta:
        model = Location
        fields = ["kind", "parent", "code"]


class PartnerFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Partner.Kind.choices)
    parent = IdFilter(field_name="parent_id")
    acronym = filters.CharFilter()
    q = filters.CharFilter(method="search", label="Name or acronym contains")

    class Meta:
        model = Partner
        fields = ["kind", "parent", "acronym"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value) | Q(name_az__icontains=value))


class ProgrammeFilter(filters.FilterSet):
    unit_area = filters.ChoiceFilter(choices=UnitArea.choices)


class ProjectFilter(filters.FilterSet):
    programme = IdFilter(field_name="programme_id")
    unit_area = filters.ChoiceFilter(field_name="programme__unit_area", choices=UnitArea.choices)
    code = filters.CharFilter()

    class Meta:
        model = Project
        fields = ["programme", "unit_area", "code", "funding"]


class ActivityFilter(filters.FilterSet):
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
    happened = filters.BooleanFilter(method="by_happened", label="Only activities that took place")
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


class PersonFilter(filters.FilterSet):
    organisation = IdFilter(field_name="organisation_id")
    sex = filters.ChoiceFilter(choices=Sex.choices)

    class Meta:
        model = Person
        fields = ["organisation", "sex"]


class ParticipationFilter(filters.FilterSet):
    activity = IdFilter(field_name="activity_id")
    person = IdFilter(field_name="person_id")
    role = filters.ChoiceFilter(choices=ParticipationRole.choices)

    class Meta:
        model = Participation
        fields = ["activity", "person", "role"]


class IndicatorFilter(filters.FilterSet):
    project = IdFilter(field_name="result__project_id")
    unit_area = filters.ChoiceFilter(field_name="result__project__programme__unit_area", choices=UnitArea.choices)

    class Meta:
        model = Indicator
        fields = ["project", "unit_area"]


class ReportJobFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ReportStatus.choices)
    kind = filters.CharFilter()

    class Meta:
        model = ReportJob
        fields = ["status", "kind"]
