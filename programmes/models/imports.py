from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.units import UnitArea

from ..registry import import_kinds

# Row numbers kept with a rejected run: enough to find the rows again, few enough for a one-line summary.
ERROR_ROWS_KEPT = 10


class ImportRunQuerySet(models.QuerySet):
    def for_user(self, user):
        """A user's own runs only: a run names a file someone chose, which nobody else needs to see."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(started_by=user)


class ImportRun(models.Model):
    """One import of a spreadsheet (attendance sheet, partners, NRM counts): who, when, what came of it.

    Written by the import's own service in the same transaction as the rows it imported, so a run says "imported"
    exactly when the data is there; a rejected file is recorded after the data's transaction rolled back. It keeps
    counts and row numbers, never a cell's value, so no participant's name reaches it. Runs are never edited, so they
    keep no history of their own.
    """

    class Outcome(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        REJECTED = "rejected", _("Rejected, nothing saved")

    kind = models.CharField(_("kind"), max_length=32)  # a key of registry.import_kinds
    unit_area = models.CharField(_("unit area"), max_length=20, choices=UnitArea.choices, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.CASCADE,
        null=True,  # the command line (import_attendance) runs as nobody in particular
        related_name="import_runs",
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    created = models.PositiveIntegerField(_("rows created"), default=0)
    updated = models.PositiveIntegerField(_("rows updated"), default=0)
    rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    # The first row numbers with errors (as the spreadsheet numbers them); empty when the whole file was refused.
    error_rows = models.JSONField(_("rows with errors"), default=list, blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)  # the page of what the import touched

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["started_by", "-started_at"], name="import_run_user_started")]
        constraints = [
            # Imports are all-or-nothing: a rejected run saved no row, an imported one rejected none.
            models.CheckConstraint(
                condition=models.Q(outcome="imported", rejected=0) | models.Q(outcome="rejected", created=0, updated=0),
                name="import_run_all_or_nothing",
            ),
        ]

    def __str__(self):
        return f"{self.kind_label}: {self.file_name}"

    @property
    def kind_label(self) -> str:
        return str(import_kinds.get(self.kind, self.kind))

    @property
    def file_refused(self) -> bool:
        """Refused as a whole (wrong type, too large, no headings) rather than for some of its rows."""
        return self.outcome == self.Outcome.REJECTED and not self.rejected

    @property
    def more_error_rows(self) -> int:
        """Rows with errors beyond the numbers kept."""
        return max(self.rejected - len(self.error_rows), 0)
