"""Public assembly management training: courses, reach targets, certificates and publications.

A training activity of any unit links to a course through a one-to-one `TrainingDetail`, so reach and learning are
counted from the core participation table. Target groups are partner institutions (Patrol Police, Special Response
Units, Internal Troops): a trainee's group is the organisation on their person record.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import access
from accounts.units import UnitArea
from programmes.models import ActivityKind
from programmes.models.localized import LocalizedTitleMixin

UNIT = UnitArea.ASSEMBLY


class TrainingQuerySet(models.QuerySet):
    def for_user(self, user):
        """Courses, targets and publications belong to the assembly-training unit."""
        return self if access.can_see_unit(user, UNIT) else self.none()


class Course(LocalizedTitleMixin, models.Model):
    title = models.CharField(_("title (English)"), max_length=255, unique=True)
    title_az = models.CharField(_("title (Azerbaijani)"), max_length=255, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    duration_days = models.PositiveSmallIntegerField(_("duration (days)"), default=1)
    target_groups = models.ManyToManyField(
        "programmes.Partner", verbose_name=_("target groups"), blank=True, related_name="training_courses"
    )
    active = models.BooleanField(_("active"), default=True)
    # Who signs this course's certificates; empty: settings.CERTIFICATE_SIGNATORY_NAME / _TITLE.
    signatory_name = models.CharField(_("certificate signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    history = HistoricalRecords(m2m_fields=[target_groups])

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [models.CheckConstraint(condition=models.Q(duration_days__gte=1), name="course_duration_min")]

    def __str__(self):
        return self.localized_title


class CourseModule(models.Model):
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["course", "order", "id"]
        verbose_name = _("course module")
        verbose_name_plural = _("course modules")
        constraints = [
            models.UniqueConstraint(fields=["course", "title"], name="course_module_unique_title"),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gt=0), name="course_module_hours_positive"
            ),
        ]

    def __str__(self):
        return self.title


class TrainingDetail(models.Model):
    """Links a training activity (of any unit) to the course it delivered."""

    activity = models.OneToOneField(
        "programmes.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="training_detail"
    )
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="trainings")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training detail")
        verbose_name_plural = _("training details")

    def __str__(self):
        return f"{self.activity} - {self.course}"

    def clean(self):
        super().clean()
        if self.activity_id and self.activity.kind != ActivityKind.TRAINING:
            raise ValidationError({"activity": _("Only a training activity can be linked to a course.")})


class ReachTarget(models.Model):
    """How many different people should be trained: per target group and city, or across all when left empty."""

    target_group = models.ForeignKey(
        "programmes.Partner",
        verbose_name=_("target group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: all target groups."),
    )
    location = models.ForeignKey(
        "programmes.Location",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: all cities."),
    )
    people = models.PositiveIntegerField(_("people to train"))
    label = models.CharField(_("label"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["target_group__name", "location__name", "id"]
        verbose_name = _("reach target")
        verbose_name_plural = _("reach targets")
        constraints = [
            models.UniqueConstraint(fields=["target_group", "location"], name="reach_target_unique"),
            models.CheckConstraint(condition=models.Q(people__gte=1), name="reach_target_positive"),
        ]

    def __str__(self):
        if self.label:
            return self.label
        group = self.target_group or _("all target groups")
        city = self.location or _("all cities")
        return f"{group} · {city}"

    def clean(self):
        super().clean()
        # NULLs are distinct in a unique constraint, so the "all" rows are checked here.
        duplicate = ReachTarget.objects.filter(target_group=self.target_group, location=self.location).exclude(
            pk=self.pk
        )
        if duplicate.exists():
            raise ValidationError(_("There is already a target for this group and city."))


def new_certificate_code() -> str:
    """Unguessable: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    participation = models.OneToOneField(
        "programmes.Participation",
        verbose_name=_("participation"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True, default=new_certificate_code)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.code


class Language(models.TextChoices):
    AZERBAIJANI = "az", _("Azerbaijani")
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")


def validate_isbn(value: str) -> None:
    digits = value.replace("-", "").replace(" ", "").upper()
    if len(digits) == 13 and digits.isdigit():
        ok = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0
    elif len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        ok = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits)) % 11 == 0
    else:
        ok = False
    if not ok:
        raise ValidationError(_("Enter a valid ISBN-10 or ISBN-13 (check digit included)."), code="invalid_isbn")


class Publication(models.Model):
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.AZERBAIJANI)
    isbn = models.CharField(_("ISBN"), max_length=17, blank=True, validators=[validate_isbn])
    series = models.CharField(_("series"), max_length=300, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    copies_printed = models.PositiveIntegerField(_("copies printed"), default=0)
    history = HistoricalRecords()

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(fields=["isbn"], condition=~models.Q(isbn=""), name="publication_unique_isbn"),
        ]

    def __str__(self):
        return self.title


class Distribution(models.Model):
    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), on_delete=models.CASCADE, related_name="distributions"
    )
    partner = models.ForeignKey(
        "programmes.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    copies = models.PositiveIntegerField(_("copies"))
    distributed_on = models.DateField(_("distributed on"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-distributed_on", "id"]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")
        constraints = [models.CheckConstraint(condition=models.Q(copies__gte=1), name="distribution_copies_min")]

    def __str__(self):
        return f"{self.publication} → {self.partner}: {self.copies}"

    def clean(self):
        super().clean()
        if not self.publication_id or self.copies is None:
            return
        others = (
            Distribution.objects.filter(publication_id=self.publication_id)
            .exclude(pk=self.pk)
            .aggregate(total=models.Sum("copies"))["total"]
            or 0
        )
        if others + self.copies > self.publication.copies_printed:
            raise ValidationError(
                {
                    "copies": _("Only %(left)d of the %(printed)d printed copies are left to distribute.")
                    % {
                        "left": max(self.publication.copies_printed - others, 0),
                        "printed": self.publication.copies_printed,
                    }
                }
            )
