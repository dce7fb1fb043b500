"""Trafficking's part of the REST API (/api/v1/trafficking/...): National Action Plans and their measures, and NRM
aggregates. api.ApiConfig imports this module (autodiscovery, api/registry.py); it is the one trafficking module
that builds on api's classes.

NRM counts leave only as the trafficking pages show them: through `trafficking.suppression` (small counts hidden,
and further cells where the figures published together would narrow one down). A raw NrmStatistic row is never served.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

import audit
from accounts import access
from api.filters import FilterSet, IdFilter
from api.pagination import SmallTablePagination
from api.permissions import SeesUnit
from api.registry import register_view, register_viewset
from api.views.base import ReadOnlyViewSet

from . import selectors
from .models import UNIT, Measure, NationalActionPlan, NrmStatistic, Stage
from .suppression import threshold


class MeasureFilter(FilterSet):
    plan = IdFilter(field_name="plan_id")

    class Meta:
        model = Measure
        fields = ["plan"]


class ActionPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = NationalActionPlan
        fields = ["id", "title", "start_year", "end_year", "adopted_on"]


class ActionPlanViewSet(ReadOnlyViewSet):
    permission_classes = [IsAuthenticated, SeesUnit]
    unit_area = UNIT
    serializer_class = ActionPlanSerializer
    pagination_class = SmallTablePagination
    ordering_fields = ["start_year", "id"]

    def get_queryset(self):
        return NationalActionPlan.objects.for_user(self.request.user).order_by("-start_year", "id")


class MeasureSerializer(serializers.ModelSerializer):
    latest_status = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Measure
        fields = ["id", "plan", "number", "text", "responsible", "deadline", "indicator", "activities", "latest_status"]


class MeasureViewSet(ReadOnlyViewSet):
    """NAP measures with their latest reported status and the activities that support them."""

    permission_classes = [IsAuthenticated, SeesUnit]
    unit_area = UNIT
    serializer_class = MeasureSerializer
    pagination_class = SmallTablePagination
    ordering_fields = ["deadline", "id"]
    filterset_class = MeasureFilter

    def get_queryset(self):
        return (
            Measure.objects.for_user(self.request.user)
            .annotate(latest_status=selectors._latest_status())
            .prefetch_related("responsible", "activities")
            .order_by("plan_id", "id")
        )


# --- NRM aggregates ---------------------------------------------------------------------------------------------


class CellSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True, help_text="null when suppressed")
    display = serializers.CharField(
        help_text="the number, '<threshold' (small count), 'x' (secondary) or '..' (line withheld)"
    )
    suppressed = serializers.BooleanField()


class LabelSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class RowSerializer(LabelSerializer):
    cells = CellSerializer(many=True)
    total = CellSerializer()


class TableSerializer(serializers.Serializer):
    columns = LabelSerializer(many=True)
    rows = RowSerializer(many=True)
    column_totals = CellSerializer(many=True, help_text="empty for NRM tables: stages are not added up")
    total = CellSerializer(allow_null=True)


class NrmTrendSerializer(serializers.Serializer):
    threshold = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField())
    trend = TableSerializer(help_text="stage by year")


class NrmBreakdownSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    title = serializers.CharField()
    table = TableSerializer()


class NrmYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    threshold = serializers.IntegerField()
    tables = NrmBreakdownSerializer(many=True)


def _cell(cell) -> dict:
    return {"value": cell.value, "display": cell.display, "suppressed": cell.suppressed}


def table_json(table, row_keys, col_keys) -> dict:
    return {
        "columns": [{"key": str(k), "label": str(label)} for k, label in zip(col_keys, table.col_labels, strict=True)],
        "rows": [
            {"key": str(key), "label": str(label), "cells": [_cell(c) for c in cells], "total": _cell(total)}
            for key, (label, cells, total) in zip(row_keys, table.lines(), strict=True)
        ],
        "column_totals": [_cell(c) for c in table.col_totals],
        "total": _cell(table.total) if table.total else None,
    }


class _NrmView(APIView):
    def check_permissions(self, request):
        super().check_permissions(request)
        if not access.can_see_unit(request.user, UNIT):
            raise exceptions.PermissionDenied


class NrmTrendView(_NrmView):
    """NRM counts by stage and year, with small counts suppressed."""

    @extend_schema(responses=NrmTrendSerializer, operation_id="trafficking_nrm_trend")
    def get(self, request):
        trend = selectors.nrm_trend()
        audit.log_access(request, "view_statistics", None, detail="api nrm trend", unit_area=UNIT)
        return Response(
            {
                "threshold": threshold(),
                "years": sorted(selectors.nrm_years()),
                "trend": table_json(trend, Stage.values, trend.col_labels),
            }
        )


class NrmYearView(_NrmView):
    """One year's NRM counts by stage and sex, age band, form of exploitation and nationality group, suppressed."""

    @extend_schema(responses=NrmYearSerializer, operation_id="trafficking_nrm_year")
    def get(self, request, year: int):
        if not 2000 <= year <= 2100 or not NrmStatistic.objects.filter(year=year).exists():
            raise exceptions.NotFound(_("No NRM statistics for this year."))
        tables = []
        for (name, enum), entry in zip(selectors.BREAKDOWNS, selectors.nrm_year_tables(year), strict=True):
            tables.append(
                {
                    "dimension": name,
                    "title": str(entry["title"]),
                    "table": table_json(entry["table"], Stage.values, enum.values),
                }
            )
        audit.log_access(request, "view_statistics", None, detail=f"api nrm {year}", unit_area=UNIT)
        return Response({"year": year, "threshold": threshold(), "tables": tables})


register_viewset("trafficking/action-plans", ActionPlanViewSet, basename="actionplan")
register_viewset("trafficking/measures", MeasureViewSet, basename="measure")
register_view("trafficking/nrm/", NrmTrendView, name="nrm-trend")
register_view("trafficking/nrm/<int:year>/", NrmYearView, name="nrm-year")
