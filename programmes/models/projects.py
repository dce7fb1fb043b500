from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import access
from accounts.units import UnitArea

from .. import registry
from .localized import LocalizedNameMixin, LocalizedTitleMixin, pick_localized


class ProgrammeQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(unit_area__in=access.visible_unit_areas(user))


DAC_SECTOR_PATTERN = r"^[0-9]{5}$"


class Programme(models.Model):
    title = models.CharField(_("title (English)"), max_length=255)
    title_az = models.CharField(_("title (Azerbaijani)"), max_length=255, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    unit_area = models.CharField(_("unit area"), max_length=24, choices=UnitArea.choices)
    description = models.TextField(_("description"), blank=True)
    # Data, not a property of the unit area: a programme may fall under another sector than its area usually does.
    dac_sector = models.CharField(
        _("DAC sector"),
        max_length=5,
        blank=True,
        validators=[
            RegexValidator(DAC_SECTOR_PATTERN, _("Enter a DAC CRS purpose code of five digits, for example 15210."))
        ],
        help_text=_(
            "The OECD DAC CRS purpose code (five digits) given as the sector of this programme's projects and "
            "activities in the IATI export. Left empty, the usual code of the unit area is filled in."
        ),
    )
    history = HistoricalRecords()

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["unit_area", "title"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(fields=["unit_area", "title"], name="programme_unique_title"),
            models.CheckConstraint(
                condition=models.Q(dac_sector__regex=DAC_SECTOR_PATTERN) | models.Q(dac_sector=""),
                name="programme_dac_sector_five_digits",
            ),
        ]

    def __str__(self):
        return pick_localized(self, "title")

    def save(self, *args, update_fields=None, **kwargs):
        # The unit area's usual sector, registered by its unit app (registry.register_sector_default).
        if not self.dac_sector and registry.sector_defaults.get(self.unit_area):
            self.dac_sector = registry.sector_defaults[self.unit_area]
            if update_fields is not None:
                update_fields = {*update_fields, "dac_sector"}
        super().save(*args, update_fields=update_fields, **kwargs)


class FundingSource(models.TextChoices):
    UNIFIED_BUDGET = "ub", _("Unified budget")
    EXTRA_BUDGETARY = "xb", _("Extra-budgetary")


class GenderMarker(models.IntegerChoices):
    NOT_TARGETED = 0, _("0 - not targeted")
    SIGNIFICANT = 1, _("1 - significant objective")
    PRINCIPAL = 2, _("2 - principal objective")


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(programme__unit_area__in=access.visible_unit_areas(user))

    def editable_by(self, user):
        return self.filter(programme__unit_area__in=access.editable_unit_areas(user))


class Project(LocalizedTitleMixin, models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=255)
    title_az = models.CharField(_("title (Azerbaijani)"), max_length=255, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    code = models.CharField(_("code"), max_length=40, unique=True)
    external_id = models.CharField(_("external identifier"), max_length=100, blank=True)
    funding = models.CharField(_("funding"), max_length=2, choices=FundingSource.choices)
    donors = models.ManyToManyField("Partner", verbose_name=_("donors"), blank=True, related_name="funded_projects")
    budget_eur = models.DecimalField(_("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    gender_marker = models.PositiveSmallIntegerField(
        _("gender marker"), choices=GenderMarker.choices, default=GenderMarker.SIGNIFICANT
    )
    history = HistoricalRecords(m2m_fields=[donors])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(budget_eur__isnull=True) | models.Q(budget_eur__gte=0),
                name="project_budget_positive",
            ),
            models.CheckConstraint(condition=models.Q(gender_marker__in=[0, 1, 2]), name="project_gender_marker_range"),
        ]

    def __str__(self):
        return f"{self.code} {self.localized_title}"

    @property
    def unit_area(self) -> str:
        return self.programme.unit_area


class Theme(LocalizedNameMixin, models.Model):
    """A subject an activity deals with (crime prevention, cyber crime, victim identification...)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name (English)"), max_length=200)
    name_az = models.CharField(_("name (Azerbaijani)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    unit_area = models.CharField(
        _("unit area"), max_length=24, choices=UnitArea.choices, blank=True, help_text=_("Empty: used by all areas.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.localized_name
