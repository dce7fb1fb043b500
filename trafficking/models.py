"""Trafficking in human beings: National Action Plans, NRM aggregate statistics.

Aggregates only: the portal never stores a victim-level record (no names, birth dates or case narratives), and
every NRM count that leaves the database goes through `trafficking.suppression`. Co-sponsorship reuses core
`ActivityPartner` (role co_sponsor, contribution_eur).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import access
from accounts.units import UnitArea
from programmes.uploads import stored_name

UNIT = UnitArea.TRAFFICKING


class UnitScopedQuerySet(models.QuerySet):
    def for_user(self, user):
        """Everything here belongs to one unit area: all or nothing."""
        return self if access.can_see_unit(user, UNIT) else self.none()


class NationalActionPlan(models.Model):
    title = models.CharField(_("title"), max_length=255)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("National Action Plan")
        verbose_name_plural = _("National Action Plans")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="thb_nap_years"),
            models.UniqueConstraint(fields=["start_year", "end_year"], name="thb_nap_unique_period"),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_year}-{self.end_year})"

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot be before the first year.")})

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")


class Measure(models.Model):
    plan = models.ForeignKey(
        NationalActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="measures"
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("As in the plan, e.g. 3.2"))
    text = models.TextField(_("measure"))
    responsible = models.ManyToManyField(
        "programmes.Partner", verbose_name=_("responsible institutions"), blank=True, related_name="thb_measures"
    )
    deadline = models.DateField(_("deadline"))
    indicator = models.TextField(_("indicator"), blank=True)
    activities = models.ManyToManyField(
        "programmes.Activity", verbose_name=_("supporting activities"), blank=True, related_name="thb_measures"
    )
    history = HistoricalRecords(m2m_fields=[responsible, activities])

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="thb_measure_unique_number")]

    def __str__(self):
        return f"{self.number} {self.text[:80]}"


def progress_evidence_path(instance, filename):
    return stored_name(f"trafficking/evidence/{timezone.now():%Y}", filename)


class ProgressUpdate(models.Model):
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="progress_updates"
    )
    reported_on = models.DateField(_("reported on"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=12, choices=MeasureStatus.choices)
    note = models.TextField(_("note"), blank=True)
    # Checked like activity evidence (programmes.uploads), stored under a server-generated name and downloaded
    # through a permission-checked, audited view, never served from MEDIA_URL.
    evidence = models.FileField(_("evidence"), upload_to=progress_evidence_path, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    evidence_type = models.CharField(max_length=100, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [models.Index(fields=["measure", "-reported_on", "-id"], name="thb_progress_latest")]

    def __str__(self):
        return f"{self.measure.number}: {self.get_status_display()} ({self.reported_on:%Y-%m-%d})"


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Not known")


class AgeBand(models.TextChoices):
    CHILD = "child", _("Child (under 18)")
    ADULT = "adult", _("Adult")
    UNKNOWN = "unknown", _("Not known")


class Exploitation(models.TextChoices):
    SEXUAL = "sexual", _("Sexual exploitation")
    LABOUR = "labour", _("Forced labour")
    BEGGING = "begging", _("Forced begging")
    CRIMINAL = "criminal", _("Forced criminal activity")
    ORGANS = "organs", _("Organ removal")
    OTHER = "other", _("Other or not known")


class Nationality(models.TextChoices):
    NATIONAL = "national", _("Azerbaijani citizens")
    FOREIGN = "foreign", _("Foreign nationals")
    STATELESS = "stateless", _("Stateless or not known")


class Stage(models.TextChoices):
    PRESUMED = "presumed", _("Presumed victims")
    IDENTIFIED = "identified", _("Identified victims")
    REFERRED = "referred", _("Referred to assistance")
    ASSISTED = "assisted", _("Assisted")
    INVESTIGATIONS = "investigations", _("Investigations")
    PROSECUTIONS = "prosecutions", _("Prosecutions")
    CONVICTIONS = "convictions", _("Convictions")


class NrmStatistic(models.Model):
    """One aggregate count of the National Referral Mechanism; never a person.

    quarter 0 is the whole year; a year should be reported either in quarters or as a whole, not both.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(0, _("Whole year")), (1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")], default=0
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices)
    exploitation = models.CharField(_("form of exploitation"), max_length=10, choices=Exploitation.choices)
    nationality = models.CharField(_("nationality group"), max_length=10, choices=Nationality.choices)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    count = models.PositiveIntegerField(_("count"))
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = UnitScopedQuerySet.as_manager()

    DIMENSIONS = ("year", "quarter", "sex", "age_band", "exploitation", "nationality", "stage")

    class Meta:
        ordering = ["-year", "quarter", "stage"]
        verbose_name = _("NRM statistic")
        verbose_name_plural = _("NRM statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "sex", "age_band", "exploitation", "nationality", "stage"],
                name="thb_nrm_unique_cell",
            ),
            models.CheckConstraint(condition=models.Q(quarter__gte=0, quarter__lte=4), name="thb_nrm_quarter_range"),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="thb_nrm_year_range"),
        ]
        indexes = [models.Index(fields=["year", "stage"], name="thb_nrm_year_stage")]

    def __str__(self):
        # No count here: __str__ ends up in logs and the admin, and counts must pass through suppression.
        period = f"{self.year}" if not self.quarter else f"{self.year} Q{self.quarter}"
        return f"{period} {self.get_stage_display()} / {self.sex} / {self.age_band}"

    def clean(self):
        super().clean()
        if self.year and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("Give a year between 2000 and 2100.")})
