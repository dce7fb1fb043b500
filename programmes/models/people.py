from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import access
from programmes.names import person_name_key


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNRECORDED = "unrecorded", _("Not recorded")


class PersonQuerySet(models.QuerySet):
    def for_user(self, user):
        """People who took part in an activity the user may see."""
        from .activities import Activity

        visible = Activity.objects.for_user(user).filter(participations__person=models.OuterRef("pk"))
        return self.filter(models.Exists(visible))

    def named_for(self, user, *, unassigned: bool = False):
        """People whose names the user may see: they took part in an activity of an area where
        `access.can_see_person_names` allows the user. Every lookup by name (search, duplicate warnings, import
        matching, the admin) goes through this, so a name typed or uploaded never reveals anyone outside it.

        `unassigned=True` adds people on no activity at all (no unit's names): the admin and the audit page, where
        administrators keep the records, show them."""
        in_named_area = Participation.objects.filter(
            person=models.OuterRef("pk"), activity__unit_area__in=access.name_visible_unit_areas(user)
        )
        visible = models.Exists(in_named_area)
        if unassigned:
            visible |= ~models.Exists(Participation.objects.filter(person=models.OuterRef("pk")))
        return self.filter(visible)


class Person(models.Model):
    """A participant, one record per real person across all activities (unique people vs person-trainings).

    Only what the unit's reporting needs: name, sex, organisation and position. No birth dates, addresses or IDs.
    """

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNRECORDED)
    organisation = models.ForeignKey(
        "Partner",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    position = models.CharField(_("position or rank"), max_length=200, blank=True)
    # Spelling-insensitive key (Məmmədov / Mammadov / Мамедов agree) used to warn about likely duplicates.
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["organisation", "name_key"], name="person_org_key")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_key = person_name_key(self.first_name, self.last_name)
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Sex and organisation as loaded: when either changes, the stored indicator figures of the person's
        # activities are recomputed (programmes.summaries).
        instance._loaded_summary_key = (instance.__dict__.get("sex"), instance.__dict__.get("organisation_id"))
        return instance

    @property
    def full_name(self) -> str:
        return self.join_name(self.first_name, self.last_name)

    @staticmethod
    def join_name(first_name: str, last_name: str) -> str:
        """A name as pages show it, also from rows read without a model instance."""
        return " ".join(part for part in (first_name, last_name) if part)


class ParticipationRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    TRAINER = "trainer", _("Trainer")
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    OBSERVER = "observer", _("Observer")


class Participation(models.Model):
    activity = models.ForeignKey(
        "Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=ParticipationRole.choices, default=ParticipationRole.PARTICIPANT
    )
    days_attended = models.PositiveSmallIntegerField(_("days attended"), null=True, blank=True)
    pre_test_score = models.DecimalField(_("pre-test score"), max_digits=5, decimal_places=2, null=True, blank=True)
    post_test_score = models.DecimalField(_("post-test score"), max_digits=5, decimal_places=2, null=True, blank=True)
    certificate_issued = models.BooleanField(_("certificate issued"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="participation_once_per_activity"),
            models.CheckConstraint(
                condition=models.Q(pre_test_score__isnull=True)
                | models.Q(pre_test_score__gte=0, pre_test_score__lte=100),
                name="participation_pre_score_range",
            ),
            models.CheckConstraint(
                condition=models.Q(post_test_score__isnull=True)
                | models.Q(post_test_score__gte=0, post_test_score__lte=100),
                name="participation_post_score_range",
            ),
        ]
        indexes = [models.Index(fields=["person", "activity"], name="participation_person")]

    def __str__(self):
        return f"{self.person} @ {self.activity_id}"

    def get_role_display(self):
        # Django's own rebuilds a dict of every choice on each call; the participant table calls it on every row.
        return ParticipationRole(self.role).label if self.role in ParticipationRole.values else self.role

    def clean(self):
        super().clean()
        if self.days_attended is not None and self.activity_id and self.days_attended > self.activity.duration_days:
            raise ValidationError(
                {"days_attended": _("The activity lasted %(days)d days.") % {"days": self.activity.duration_days}}
            )

    @property
    def score_gain(self):
        if self.pre_test_score is None or self.post_test_score is None:
            return None
        return self.post_test_score - self.pre_test_score
