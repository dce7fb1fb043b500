from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..uploads import stored_name
from .activities import ActivityStatus


class ActivityReview(models.Model):
    """One step of an activity's review workflow: who moved it from which status to which, when, and why."""

    activity = models.ForeignKey(
        "Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="reviews"
    )
    from_status = models.CharField(_("from"), max_length=16, choices=ActivityStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=ActivityStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        indexes = [models.Index(fields=["activity", "-at"], name="review_activity_at")]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


def evidence_path(instance, filename):
    # Server-generated name: the uploader's file name is kept only as data, never as a path.
    return stored_name(f"evidence/{instance.activity_id}", filename)


class Evidence(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        ATTENDANCE_SHEET = "attendance", _("Attendance sheet (scan)")
        PHOTO = "photo", _("Photo")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    activity = models.ForeignKey(
        "Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    description = models.CharField(_("description"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "-uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.original_name
