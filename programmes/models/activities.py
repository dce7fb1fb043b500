from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import access
from accounts.units import UnitArea


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    CONFERENCE = "conference", _("Conference")
    STUDY_VISIT = "study_visit", _("Study visit")
    MEETING = "meeting", _("Meeting")
    ROUND_TABLE = "round_table", _("Round table")
    PUBLICATION_LAUNCH = "publication_launch", _("Publication launch")
    EXPERT_ADVICE = "expert_advice", _("Expert advice")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed (report being written)")
    SUBMITTED = "submitted", _("Submitted for approval")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantMode(models.TextChoices):
    ROSTER = "roster", _("Named participants")
    HEADCOUNT = "headcount", _("Headcount only")


class ActivityQuerySet(models.QuerySet):
    def for_user(self, user):
        """Activities the user may see: the one filter every activity page and count goes through."""
        return self.filter(unit_area__in=access.visible_unit_areas(user))

    def editable_by(self, user):
        return self.filter(unit_area__in=access.editable_unit_areas(user))


class Activity(models.Model):
    project = models.ForeignKey(
        "Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="activities"
    )
    # Copied from project.programme on save: every scoping filter and dashboard grouping reads this indexed column
    # instead of joining two tables per row.
    unit_area = models.CharField(_("unit area"), max_length=24, choices=UnitArea.choices, editable=False)
    kind = models.CharField(_("kind"), max_length=24, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    location = models.ForeignKey(
        "Location",
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    description = models.TextField(_("description"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    themes = models.ManyToManyField("Theme", verbose_name=_("themes"), blank=True, related_name="activities")
    cost_eur = models.DecimalField(_("cost (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True)
    participant_mode = models.CharField(
        _("participants recorded as"), max_length=10, choices=ParticipantMode.choices, default=ParticipantMode.ROSTER
    )
    # Headcount mode: numbers only, for participants who cannot be named.
    headcount_women = models.PositiveIntegerField(_("women"), default=0)
    headcount_men = models.PositiveIntegerField(_("men"), default=0)
    headcount_unrecorded = models.PositiveIntegerField(_("sex not recorded"), default=0)
    # Summary kept up to date by programmes.services.refresh_participant_counts: the roster where there is one,
    # the headcount otherwise. Dashboards add these instead of counting participation rows.
    participants_women = models.PositiveIntegerField(default=0, editable=False)
    participants_men = models.PositiveIntegerField(default=0, editable=False)
    participants_unrecorded = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[themes])

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="activity_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(cost_eur__isnull=True) | models.Q(cost_eur__gte=0), name="activity_cost_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["unit_area", "-start_date", "-id"], name="activity_unit_start"),
            models.Index(fields=["-start_date", "-id"], name="activity_start"),
            models.Index(fields=["status", "unit_area"], name="activity_status_unit"),
            # "Awaiting approval" and "upcoming planned" lists: one status, earliest first.
            models.Index(fields=["status", "start_date", "id"], name="activity_status_start"),
        ]

    def __str__(self):
        return f"{self.title} ({formats.date_format(self.start_date, 'SHORT_DATE_FORMAT')})"

    def save(self, *args, **kwargs):
        if self.project_id:
            self.unit_area = self.project.programme.unit_area
            if "update_fields" in kwargs and kwargs["update_fields"] is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "unit_area"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Where the activity counted when loaded: a change of project or date refreshes the stored indicator
        # figures of both places (programmes.summaries).
        instance._loaded_summary_key = (instance.__dict__.get("project_id"), instance.__dict__.get("start_date"))
        return instance

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    @property
    def participants_total(self) -> int:
        return self.participants_women + self.participants_men + self.participants_unrecorded

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def is_headcount(self) -> bool:
        return self.participant_mode == ParticipantMode.HEADCOUNT


class PartnerRole(models.TextChoices):
    BENEFICIARY = "beneficiary", _("Beneficiary")
    ORGANISER = "organiser", _("Organiser")
    CO_SPONSOR = "co_sponsor", _("Co-sponsor")
    IMPLEMENTING = "implementing", _("Implementing partner")
    DONOR = "donor", _("Donor")


class ActivityPartner(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="partner_links"
    )
    partner = models.ForeignKey(
        "Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="activity_links"
    )
    role = models.CharField(_("role"), max_length=16, choices=PartnerRole.choices)
    contribution_eur = models.DecimalField(
        _("contribution (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    contribution_note = models.CharField(_("contribution note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "partner__name"]
        verbose_name = _("activity partner")
        verbose_name_plural = _("activity partners")
        constraints = [
            models.UniqueConstraint(fields=["activity", "partner", "role"], name="activity_partner_unique_role"),
            models.CheckConstraint(
                condition=models.Q(contribution_eur__isnull=True) | models.Q(contribution_eur__gte=0),
                name="activity_partner_contribution_positive",
            ),
        ]

    def __str__(self):
        return f"{self.partner} - {self.get_role_display()}"
