"""Community policing's part of the REST API (/api/v1/policing/...). api.ApiConfig imports this module
(autodiscovery, api/registry.py); it is the one policing module that builds on api's classes."""

from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated

from api.filters import FilterSet, IdFilter
from api.pagination import SmallTablePagination
from api.permissions import SeesUnit
from api.registry import register_viewset
from api.views.base import ReadOnlyViewSet

from .models import UNIT, CommunityAdvisoryGroup


class CagFilter(FilterSet):
    location = IdFilter(field_name="location_id")

    class Meta:
        model = CommunityAdvisoryGroup
        fields = ["status", "location"]


class CagSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommunityAdvisoryGroup
        fields = ["id", "police_department", "location", "established_on", "legal_basis", "status", "notes"]


class CagViewSet(ReadOnlyViewSet):
    permission_classes = [IsAuthenticated, SeesUnit]
    unit_area = UNIT
    serializer_class = CagSerializer
    pagination_class = SmallTablePagination
    ordering_fields = ["police_department", "id"]
    filterset_class = CagFilter

    def get_queryset(self):
        return CommunityAdvisoryGroup.objects.for_user(self.request.user).order_by("police_department", "id")


register_viewset("policing/cags", CagViewSet, basename="cag")
