from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .localized import LocalizedNameMixin, pick_localized


class PartnerQuerySet(models.QuerySet):
    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class Partner(LocalizedNameMixin, models.Model):
    """An institution the unit works with: a ministry, a police service, an international organisation, a donor.

    Institutions change: a renamed or replaced body keeps its record with `valid_to` and points to its successor, so
    past activities still name the partner they really worked with.
    """

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
        INTERNATIONAL_ORG = "international_org", _("International organisation")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        ACADEMIA = "academia", _("Academia")
        DONOR = "donor", _("Donor")
        MEDIA = "media", _("Media")

    name = models.CharField(_("name (English)"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, unique=True, null=True, blank=True)
    name_az = models.CharField(_("name (Azerbaijani)"), max_length=255, blank=True)
    name_az_verified = models.BooleanField(_("Azerbaijani name verified"), default=False)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_ru_verified = models.BooleanField(_("Russian name verified"), default=False)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    former_names = models.CharField(_("former names"), max_length=500, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("succeeded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="partner_validity_order",
            ),
        ]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return f"{self.localized_name} ({self.acronym})" if self.acronym else self.localized_name

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_to is None or self.valid_to >= today
        )


class Contact(models.Model):
    """A person at a partner institution whom the unit deals with (not a trainee)."""

    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner__name", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name


class PartnerFormerName(models.Model):
    """A name the partner went by for a while, e.g. the Ministry of National Security until December 2015.

    The partner row keeps its current name; past activities still find it under the old one (directory search).
    """

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="former_name_records"
    )
    name = models.CharField(_("name (English)"), max_length=255)
    name_az = models.CharField(_("name (Azerbaijani)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    valid_from = models.DateField(_("used from"), null=True, blank=True)
    valid_to = models.DateField(_("used until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "-valid_to", "name"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="partner_former_name_validity_order",
            ),
        ]

    def __str__(self):
        return pick_localized(self, "name")

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("A name cannot stop being used before it was first used.")})
