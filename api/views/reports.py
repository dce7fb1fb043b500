"""Report jobs through the API: request (with the report request form's rules), follow, download."""

from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

import audit
from reports import queue, services
from reports.errors import ReportError
from reports.forms import ReportRequestForm
from reports.models import CONTENT_TYPES, ReportFormat, ReportJob, ReportStatus

from ..filters import ReportJobFilter, report_kind_codes
from ..pagination import SmallTablePagination
from ..permissions import MayRequestReports
from ..schema import ERROR_RESPONSE
from .base import ReadOnlyViewSet


class ReportJobSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = [
            "id", "kind", "kind_label", "format", "language", "unit_areas", "parameters", "status", "progress",
            "error", "includes_names", "requested_by", "created_at", "started_at", "finished_at", "expires_at",
            "download_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_download_url(self, job) -> str | None:
        request = self.context["request"]
        if job.is_downloadable and job.may_download(request.user):
            return request.build_absolute_uri(reverse("api:reportjob-download", args=[job.pk]))
        return None


class ReportJobRequestSerializer(serializers.Serializer):
    """The fields of the report request page; which ones a kind uses is listed on that page."""

    kind = serializers.ChoiceField(
        choices=[], help_text="The report's kind code, as listed on the report request page."
    )
    format = serializers.ChoiceField(choices=ReportFormat.choices)
    quarter = serializers.CharField(required=False, allow_blank=True, help_text="e.g. 2024-Q2")
    date_from = serializers.DateField(required=False, allow_null=True)
    date_to = serializers.DateField(required=False, allow_null=True)
    unit_area = serializers.CharField(required=False, allow_blank=True)
    programme = serializers.IntegerField(required=False, allow_null=True)
    project = serializers.IntegerField(required=False, allow_null=True)
    location = serializers.IntegerField(required=False, allow_null=True)
    partner = serializers.IntegerField(required=False, allow_null=True)
    partner_role = serializers.CharField(required=False, allow_blank=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Kinds are registered by the apps (reports.registry); which ones this user may request, the form decides.
        self.fields["kind"].choices = report_kind_codes()


class ReportJobViewSet(mixins.CreateModelMixin, ReadOnlyViewSet):
    """Jobs as on the reports pages: your own; managers and administrators see everyone's. A file is downloadable
    only by someone who may see everything it holds (`ReportJob.may_download`)."""

    permission_classes = [IsAuthenticated, MayRequestReports]
    serializer_class = ReportJobSerializer
    filterset_class = ReportJobFilter
    pagination_class = SmallTablePagination
    ordering_fields = ["created_at", "id"]

    def get_queryset(self):
        return ReportJob.objects.for_user(self.request.user).order_by("-created_at", "-id")

    @extend_schema(request=ReportJobRequestSerializer, responses={201: ReportJobSerializer})
    def create(self, request, *args, **kwargs):
        shape = ReportJobRequestSerializer(data=request.data)
        shape.is_valid(raise_exception=True)
        data = {key: ("" if value is None else str(value)) for key, value in shape.validated_data.items()}
        form = ReportRequestForm(data=data, user=request.user)
        if not form.is_valid():
            raise exceptions.ValidationError({name: list(messages) for name, messages in form.errors.items()})
        try:
            job = queue.request_report(
                user=request.user,
                kind_code=form.kind.code,
                fmt=form.cleaned_data["format"],
                parameters=form.parameters,
                unit_areas=form.unit_areas,
            )
        except ReportError as error:
            raise exceptions.ValidationError({"non_field_errors": [str(error.message)]}) from None
        job.refresh_from_db()
        return Response(self.get_serializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={
            **{(200, media.split(";")[0]): OpenApiTypes.BINARY for media in CONTENT_TYPES.values()},
            410: ERROR_RESPONSE,
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        job = self.get_object()
        if not job.may_download(request.user):
            raise exceptions.NotFound
        if job.status == ReportStatus.EXPIRED:
            return Response({"detail": _("This report has expired; request it again.")}, status=status.HTTP_410_GONE)
        if not job.is_downloadable:
            raise exceptions.NotFound(_("The report is not ready yet."))
        try:
            handle = job.file.open("rb")
        except FileNotFoundError:
            raise exceptions.NotFound from None
        audit.log_access(request, "export_report", job, detail=f"api {job.kind} {job.format}")
        response = FileResponse(
            handle, as_attachment=True, filename=services.download_name(job), content_type=CONTENT_TYPES[job.format]
        )
        response["Cache-Control"] = "no-store"
        return response
