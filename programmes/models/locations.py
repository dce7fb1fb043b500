from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .localized import LocalizedNameMixin


class Location(LocalizedNameMixin, models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        ECONOMIC_REGION = "economic_region", _("Economic region")
        AUTONOMOUS_REPUBLIC = "autonomous_republic", _("Autonomous republic")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")
        SETTLEMENT = "settlement", _("Settlement")

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("ISO 3166-2:AZ where one exists."))
    name = models.CharField(_("name (English)"), max_length=200)
    name_az = models.CharField(_("name (Azerbaijani)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    former_names = models.CharField(_("former names"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
        ]

    def __str__(self):
        return self.localized_name
