"""Results framework of a project: outcomes and outputs -> indicators -> targets and actuals per period."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import access


class Result(models.Model):
    class Level(models.TextChoices):
        OUTCOME = "outcome", _("Outcome")
        OUTPUT = "output", _("Output")

    project = models.ForeignKey("Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="results")
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("contributes to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outputs",
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "code"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="result_unique_code")]

    def __str__(self):
        return f"{self.code} {self.title}"


class IndicatorQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(result__project__programme__unit_area__in=access.visible_unit_areas(user))


class Indicator(models.Model):
    class Direction(models.TextChoices):
        INCREASE = "increase", _("Increase")
        DECREASE = "decrease", _("Decrease")
        MAINTAIN = "maintain", _("Maintain")

    result = models.ForeignKey(Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    unit = models.CharField(_("unit of measure"), max_length=50, default="people")
    baseline_value = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=0)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.INCREASE)
    by_sex = models.BooleanField(_("disaggregated by sex"), default=True)
    # How actuals are obtained: a rule registered in programmes.indicator_rules, or "manual" (entered per period).
    rule = models.CharField(_("how actuals are obtained"), max_length=40, default="manual")
    rule_kind = models.CharField(_("activity kind"), max_length=24, blank=True)
    rule_partners = models.ManyToManyField(
        "Partner", verbose_name=_("only people from these institutions"), blank=True, related_name="+"
    )
    rule_themes = models.ManyToManyField("Theme", verbose_name=_("only activities with these themes"), blank=True)
    rule_location = models.ForeignKey(
        "Location",
        verbose_name=_("only this location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rule_options = models.JSONField(_("rule options"), default=dict, blank=True)
    history = HistoricalRecords(m2m_fields=[rule_partners, rule_themes])

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["result__project", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [models.UniqueConstraint(fields=["result", "code"], name="indicator_unique_code")]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def is_manual(self) -> bool:
        return self.rule == "manual"


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Submitted for approval")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved (locked)")


class IndicatorPeriod(models.Model):
    """Target and actual of an indicator for one quarter or year.

    Computed indicators show the live figure until the period is approved; approval stores the figure, so later
    edits to activities never change an approved report. Manual indicators store what staff entered.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="periods"
    )
    label = models.CharField(_("period"), max_length=20)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    target_women = models.DecimalField(_("target (women)"), max_digits=12, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual"), max_digits=12, decimal_places=2, null=True, blank=True)
    actual_women = models.DecimalField(_("actual (women)"), max_digits=12, decimal_places=2, null=True, blank=True)
    actual_men = models.DecimalField(_("actual (men)"), max_digits=12, decimal_places=2, null=True, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="indicator-evidence/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "start"]
        verbose_name = _("indicator period")
        verbose_name_plural = _("indicator periods")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "start"], name="indicator_period_unique_start"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="indicator_period_end_after_start"
            ),
            models.CheckConstraint(condition=models.Q(target__gte=0), name="indicator_period_target_positive"),
            models.CheckConstraint(
                condition=models.Q(actual__isnull=True) | models.Q(actual__gte=0),
                name="indicator_period_actual_positive",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.label}"

    @property
    def is_locked(self) -> bool:
        return self.status == PeriodStatus.APPROVED
