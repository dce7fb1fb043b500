"""A report job: what was asked for, by whom, in which language, how far it has got, and the file it produced."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import access


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class ReportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    CSV = "csv", _("CSV")
    PDF = "pdf", _("PDF")


CONTENT_TYPES = {
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.CSV: "text/csv; charset=utf-8",
    ReportFormat.PDF: "application/pdf",
}


def _default_max_attempts():
    return settings.REPORT_MAX_ATTEMPTS


class ReportJobQuerySet(models.QuerySet):
    def for_user(self, user):
        """Jobs the user may see: their own; managers and administrators also everyone else's.

        Downloading someone else's file is checked once more (`ReportJob.may_download`), because a file may hold
        names the viewer may not see.
        """
        if not access.can_request_reports(user):
            return self.none()
        if access.is_manager(user) or access.is_administrator(user):
            return self.all()
        return self.filter(requested_by=user)

    def active(self):
        return self.filter(status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING])


class ReportJob(models.Model):
    kind = models.CharField(_("report"), max_length=64)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    format = models.CharField(_("format"), max_length=8, choices=ReportFormat.choices)
    language = models.CharField(_("language"), max_length=8, default="en")
    # The unit areas the report covers, fixed when it is requested (the requester's visible areas, or the one chosen).
    unit_areas = models.JSONField(_("unit areas"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    # Server-generated name under MEDIA_ROOT/reports/; the download name is made from the kind and language.
    file = models.FileField(_("file"), upload_to="reports/", max_length=255, blank=True)
    includes_names = models.BooleanField(_("includes names of people"), default=False)
    error = models.TextField(_("reason of failure"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="report_jobs"
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=_default_max_attempts)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    # Progress is written with QuerySet.update() (no history row per percent); status changes go through save().
    history = HistoricalRecords(excluded_fields=["progress"])

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_job_progress_range"),
            models.CheckConstraint(
                condition=~models.Q(status="done") | ~models.Q(file=""), name="report_job_done_has_file"
            ),
            models.CheckConstraint(condition=models.Q(max_attempts__gte=1), name="report_job_max_attempts_positive"),
        ]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="report_job_user_created"),
            models.Index(fields=["status", "expires_at"], name="report_job_status_expiry"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"

    def clean(self):
        super().clean()
        from .registry import get_kind

        kind = get_kind(self.kind)
        if kind is None:
            raise ValidationError({"kind": _("Unknown report.")})
        if self.format not in kind.formats:
            raise ValidationError({"format": _("This report is not available in this format.")})

    @property
    def is_active(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    @property
    def is_downloadable(self) -> bool:
        return self.status == ReportStatus.DONE and bool(self.file)

    @property
    def can_retry(self) -> bool:
        return self.status == ReportStatus.FAILED

    @property
    def kind_label(self):
        from .registry import get_kind

        kind = get_kind(self.kind)
        return kind.label if kind else self.kind

    def may_download(self, user) -> bool:
        """The requester always; others who see the job only if they may see everything the file holds."""
        if user.pk == self.requested_by_id:
            return True
        if not ReportJob.objects.for_user(user).filter(pk=self.pk).exists():
            return False
        areas = self.unit_areas or []
        if not all(access.can_see_unit(user, area) for area in areas):
            return False
        return not self.includes_names or all(access.can_see_person_names(user, area) for area in areas)
