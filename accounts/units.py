"""The unit's four programme areas. Every record that belongs to an area stores one of these codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitArea(models.TextChoices):
    POLICING = "policing", _("Community policing")
    ASSEMBLY = "assembly", _("Public assembly management")
    COUNTERTERRORISM = "counterterrorism", _("Counter-terrorism and organised crime")
    TRAFFICKING = "trafficking", _("Trafficking in human beings")


ALL_UNIT_AREAS = frozenset(UnitArea.values)
