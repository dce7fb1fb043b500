"""Summaries kept current on write by programmes.summaries, so pages read a few rows instead of counting many."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.units import UnitArea

from .activities import ParticipantMode
from .results import IndicatorPeriod


class PeriodFigure(models.Model):
    """The figure a computed rule gives for an indicator period, kept current on every write to the data behind it
    (`programmes.summaries`), so indicator pages and the dashboards read one row instead of counting participations.
    Only rules marked `summarised` have one; `rebuild_summaries` recomputes them all from the raw rows."""

    period = models.OneToOneField(IndicatorPeriod, on_delete=models.CASCADE, primary_key=True, related_name="summary")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    women = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    men = models.DecimalField(max_digits=12, decimal_places=2, null=True)

    class Meta:
        verbose_name = _("computed indicator figure")
        verbose_name_plural = _("computed indicator figures")

    def __str__(self):
        return f"{self.period}: {self.value}"


class ActivityMonth(models.Model):
    """Counted activities (completed, submitted, returned, approved) of one project, month, place and way of recording
    participants, and their participants by sex: the dashboards add these up instead of reading every activity.
    Rebuilt for a project and month whenever one of its activities changes."""

    month = models.DateField()  # the first day of the month
    project = models.ForeignKey("Project", on_delete=models.CASCADE, related_name="+")
    unit_area = models.CharField(max_length=24, choices=UnitArea.choices)
    location = models.ForeignKey("Location", null=True, on_delete=models.CASCADE, related_name="+")
    participant_mode = models.CharField(max_length=10, choices=ParticipantMode.choices)
    activities = models.PositiveIntegerField()
    women = models.PositiveIntegerField()
    men = models.PositiveIntegerField()
    unrecorded = models.PositiveIntegerField()
    # Ids of the partners of these activities (any role): "partners engaged" is the size of the union over months.
    partners = models.JSONField(default=list)
    # The people named on these activities' rosters, as a serialized Roaring bitmap of person ids (pyroaring):
    # "unique people" over a period is the size of the union over its months, exact, without reading a participation.
    people = models.BinaryField(default=bytes)

    class Meta:
        verbose_name = _("activities of a month")
        verbose_name_plural = _("activities of a month")
        indexes = [
            models.Index(fields=["month", "unit_area"], name="activitymonth_month_unit"),
            models.Index(fields=["project", "month"], name="activitymonth_project_month"),
        ]

    def __str__(self):
        return f"{self.project_id} {self.month:%Y-%m}: {self.activities}"
