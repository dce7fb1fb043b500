from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.units import UnitArea


class AccessAction(models.TextChoices):
    VIEW_PERSONAL = "view_personal", _("Viewed personal data")
    EXPORT_PERSONAL = "export_personal", _("Exported personal data")
    IMPORT_PERSONAL = "import_personal", _("Imported personal data")
    DOWNLOAD_EVIDENCE = "download_evidence", _("Downloaded evidence")
    # A unit's statistics whose every view is logged (the NRM figures); the entry's unit_area says whose.
    VIEW_STATISTICS = "view_statistics", _("Viewed statistics")
    EXPORT_STATISTICS = "export_statistics", _("Exported statistics")
    EXPORT_REPORT = "export_report", _("Downloaded a report")


STATISTICS_ACTIONS = (AccessAction.VIEW_STATISTICS, AccessAction.EXPORT_STATISTICS)


class AccessLog(models.Model):
    """One view or export of personal data or of a unit's logged statistics. Ids only, never a name; append-only: no
    page or admin screen changes or deletes a row (it is its own history, so it keeps no history table)."""

    # No index of its own: (user, -id) below serves every look-up by user, and a row is written on every view of
    # names, so each index less is less work on the busiest write.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    action = models.CharField(_("what"), max_length=32, choices=AccessAction.choices)
    unit_area = models.CharField(
        _("unit area"),
        max_length=32,
        choices=UnitArea.choices,
        blank=True,
        help_text=_("The unit whose statistics were viewed or exported."),
    )
    object_type = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["user", "-id"]),
            models.Index(fields=["action", "-id"]),
            models.Index(fields=["unit_area", "-id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=[choice.value for choice in AccessAction]), name="audit_action_known"
            ),
            # Statistics belong to a unit: an entry without one could not be found by the unit's filter.
            models.CheckConstraint(
                condition=~models.Q(action__in=[action.value for action in STATISTICS_ACTIONS])
                | ~models.Q(unit_area=""),
                name="audit_statistics_name_their_unit",
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.object_type}#{self.object_id}"
