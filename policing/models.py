"""Community Advisory Groups (CAGs): the police-public bodies in police departments, their meetings, the issues raised
there and what was done about them.

A CAG meeting is a core activity (kind meeting, policing unit) with a one-to-one detail row, so every cross-unit count
reads the one activity table; its attendance by sex is the activity's participant summary and its topics are the
activity's themes. No complainant identities are ever recorded: issues are described, not attributed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import access
from accounts.units import UnitArea
from programmes.models import ActivityKind, Sex
from programmes.models.localized import pick_localized

UNIT = UnitArea.POLICING
PRESIDENTIAL_ORDER_2009 = _("Presidential order of May 2009 on Community Advisory Groups")


class PolicingQuerySet(models.QuerySet):
    def for_user(self, user):
        """Every policing record is visible to exactly those who may see the policing unit."""
        return self if access.can_see_unit(user, UNIT) else self.none()


class CagStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")


class CommunityAdvisoryGroup(models.Model):
    police_department = models.CharField(_("police department"), max_length=200)
    police_department_az = models.CharField(_("police department (Azerbaijani)"), max_length=200, blank=True)
    police_department_ru = models.CharField(_("police department (Russian)"), max_length=200, blank=True)
    location = models.ForeignKey(
        "programmes.Location", verbose_name=_("location"), on_delete=models.PROTECT, related_name="advisory_groups"
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=CagStatus.choices, default=CagStatus.PLANNED)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = PolicingQuerySet.as_manager()

    class Meta:
        ordering = ["location__name", "police_department"]
        verbose_name = _("Community Advisory Group")
        verbose_name_plural = _("Community Advisory Groups")
        constraints = [
            models.UniqueConstraint(fields=["police_department", "location"], name="cag_one_per_department"),
            # Only a planned group may lack its establishment date.
            models.CheckConstraint(
                condition=models.Q(status=CagStatus.PLANNED) | models.Q(established_on__isnull=False),
                name="cag_established_unless_planned",
            ),
        ]

    def __str__(self):
        return f"{self.localized_name} ({self.location})"

    @property
    def localized_name(self) -> str:
        return pick_localized(self, "police_department")

    def clean(self):
        super().clean()
        if self.status != CagStatus.PLANNED and not self.established_on:
            raise ValidationError({"established_on": _("An active or dormant group needs its establishment date.")})


class MemberSector(models.TextChoices):
    POLICE = "police", _("Police")
    COMMUNITY = "community", _("Community")
    NGO = "ngo", _("NGO")
    SCHOOL = "school", _("School")
    ELDERS = "elders", _("Elders")
    BUSINESS = "business", _("Business")
    MEDIA = "media", _("Media")
    MUNICIPALITY = "municipality", _("Municipality")


class CagMemberQuerySet(PolicingQuerySet):
    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(models.Q(left_on__isnull=True) | models.Q(left_on__gte=day), joined_on__lte=day)


class CagMember(models.Model):
    """A seat on a group. The name is optional: counts by sector and sex are what the programme reports."""

    cag = models.ForeignKey(
        CommunityAdvisoryGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=MemberSector.choices)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNRECORDED)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CagMemberQuerySet.as_manager()

    class Meta:
        ordering = ["cag", "sector", "joined_on", "id"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="cag_member_left_after_joined",
            ),
        ]

    def __str__(self):
        return self.name or f"{self.get_sector_display()} ({self.get_sex_display()})"

    def clean(self):
        super().clean()
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A member cannot leave before joining.")})


class CagMeeting(models.Model):
    """A CAG meeting: the activity holds date, place, attendance by sex and topics (themes); this row the rest."""

    activity = models.OneToOneField(
        "programmes.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="cag_meeting"
    )
    cag = models.ForeignKey(
        CommunityAdvisoryGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="meetings"
    )
    members_present = models.PositiveSmallIntegerField(_("members present"), default=0)
    # Snapshot of the membership on the meeting day, so attendance rates need no per-meeting membership query.
    members_total = models.PositiveSmallIntegerField(_("members on the day"), default=0)
    police_attendees = models.PositiveSmallIntegerField(_("police officers attending"), default=0)
    minutes = models.TextField(_("minutes"), blank=True)
    history = HistoricalRecords()

    objects = PolicingQuerySet.as_manager()

    class Meta:
        ordering = ["-activity__start_date", "-id"]
        verbose_name = _("CAG meeting")
        verbose_name_plural = _("CAG meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(members_present__lte=models.F("members_total")),
                name="cag_meeting_present_within_members",
            ),
        ]

    def __str__(self):
        return f"{self.cag} - {formats.date_format(self.activity.start_date, 'SHORT_DATE_FORMAT')}"

    def clean(self):
        super().clean()
        if self.members_present > self.members_total:
            raise ValidationError({"members_present": _("More members present than the group had on the meeting day.")})
        if self.activity_id and (self.activity.kind != ActivityKind.MEETING or self.activity.unit_area != UNIT):
            raise ValidationError({"activity": _("Choose a community-policing activity of kind meeting.")})


class IssueRaised(models.Model):
    meeting = models.ForeignKey(CagMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="issues")
    summary = models.TextField(
        _("issue"), help_text=_("Describe the concern; never record who complained (no complainant identities).")
    )
    theme = models.ForeignKey(
        "programmes.Theme", verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_by_sector = models.CharField(_("raised by sector"), max_length=16, choices=MemberSector.choices, blank=True)
    history = HistoricalRecords()

    objects = PolicingQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting__activity__start_date", "-id"]
        verbose_name = _("issue raised")
        verbose_name_plural = _("issues raised")

    def __str__(self):
        return self.summary[:80]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class FollowUpActionQuerySet(PolicingQuerySet):
    def pending(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None):
        """Actions still open after their due date (due today is not yet overdue)."""
        return self.pending().filter(due_date__lt=today or timezone.localdate())


class FollowUpAction(models.Model):
    issue = models.ForeignKey(IssueRaised, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=500)
    owner = models.CharField(_("owner"), max_length=200, help_text=_("Who does it: a unit, an office or a role."))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    outcome = models.TextField(_("outcome"), blank=True)
    history = HistoricalRecords()

    objects = FollowUpActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        indexes = [
            models.Index(fields=["status", "due_date"], name="followup_status_due"),
            # The oldest overdue actions (the panels' LIMIT 5 by due date) without sorting every open one.
            models.Index(
                fields=["due_date", "id"], condition=models.Q(status__in=OPEN_STATUSES), name="followup_open_by_due"
            ),
        ]
        constraints = [
            # A closed action says what came of it.
            models.CheckConstraint(
                condition=models.Q(status__in=OPEN_STATUSES) | ~models.Q(outcome=""),
                name="followup_closed_has_outcome",
            ),
        ]

    def __str__(self):
        return self.description

    def clean(self):
        super().clean()
        if self.status not in OPEN_STATUSES and not self.outcome.strip():
            raise ValidationError({"outcome": _("Say what came of a done or dropped action.")})

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.status in OPEN_STATUSES and self.due_date < (today or timezone.localdate())


class CagMonth(models.Model):
    """A group's month, kept on write by policing/summaries.py so the rollout page and the unit dashboard read a row
    per group and month instead of every meeting and action: the meetings held in the month (activity neither
    planned nor cancelled), and the follow-up actions still open that fall due in it."""

    cag = models.ForeignKey(CommunityAdvisoryGroup, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    meetings = models.PositiveIntegerField(default=0)
    members_present = models.PositiveIntegerField(default=0)
    members_expected = models.PositiveIntegerField(default=0)
    last_meeting = models.DateField(null=True)
    open_actions_due = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("CAG month summary")
        verbose_name_plural = _("CAG month summaries")
        constraints = [models.UniqueConstraint(fields=["cag", "month"], name="cag_month_once")]
        indexes = [models.Index(fields=["month", "cag"], name="cag_month_by_month")]

    def __str__(self):
        return f"{self.cag_id} {self.month:%Y-%m}"
