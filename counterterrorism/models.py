"""Counter-terrorism and organised crime: strategy/membership tracker and conference details.

Thematic areas are core `programmes.Theme` rows (unit_area counterterrorism) and beneficiary institutions are core
`ActivityPartner` links, so neither is duplicated here.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import access
from accounts.units import UnitArea

UNIT = UnitArea.COUNTERTERRORISM


class UnitScopedQuerySet(models.QuerySet):
    def for_user(self, user):
        """Everything here belongs to one unit area: all or nothing."""
        return self if access.can_see_unit(user, UNIT) else self.none()


class Strategy(models.Model):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("National strategy")
        MEMBERSHIP = "membership", _("International membership")

    title = models.CharField(_("title"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.STRATEGY)
    lead_partner = models.ForeignKey(
        "programmes.Partner",
        verbose_name=_("lead institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ct_strategies",
    )
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    activities = models.ManyToManyField(
        "programmes.Activity", verbose_name=_("linked activities"), blank=True, related_name="ct_strategies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    history = HistoricalRecords(m2m_fields=[activities])

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("strategy or membership")
        verbose_name_plural = _("strategies and memberships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="ct_strategy_end_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    DROPPED = "dropped", _("Dropped")


class Milestone(models.Model):
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=255)
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=MilestoneStatus.choices, default="planned")
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            # A completion date only makes sense for a milestone that is done, and a done one needs it.
            models.CheckConstraint(
                condition=models.Q(status="done", completed_on__isnull=False)
                | (~models.Q(status="done") & models.Q(completed_on__isnull=True)),
                name="ct_milestone_completed_iff_done",
            )
        ]
        indexes = [models.Index(fields=["strategy", "due_date"], name="ct_milestone_due")]

    def __str__(self):
        return f"{self.title} ({formats.date_format(self.due_date, 'SHORT_DATE_FORMAT')})"

    def clean(self):
        super().clean()
        if self.status == MilestoneStatus.DONE and not self.completed_on:
            raise ValidationError({"completed_on": _("Give the date the milestone was completed.")})
        if self.status != MilestoneStatus.DONE and self.completed_on:
            raise ValidationError({"completed_on": _("Only a milestone that is done has a completion date.")})

    @property
    def is_overdue(self) -> bool:
        open_ = self.status not in (MilestoneStatus.DONE, MilestoneStatus.DROPPED)
        return open_ and self.due_date < timezone.localdate()


class EventDetail(models.Model):
    """What a conference (or round table) has beyond a core activity; moderators and speakers are core
    Participations with the roles moderator and speaker."""

    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")
        INTERNATIONAL = "international", _("International")

    activity = models.OneToOneField(
        "programmes.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="ct_event"
    )
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices, default=Scope.NATIONAL)
    agenda = models.TextField(_("agenda"), blank=True)
    target_audience = models.CharField(_("target audience"), max_length=255, blank=True)
    conclusions = models.TextField(_("conclusions and recommendations"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-activity__start_date"]
        verbose_name = _("event detail")
        verbose_name_plural = _("event details")

    def __str__(self):
        return str(self.activity)

    def clean(self):
        super().clean()
        if self.activity_id and self.activity.unit_area != UNIT:
            raise ValidationError({"activity": _("Only counter-terrorism activities have event details here.")})
