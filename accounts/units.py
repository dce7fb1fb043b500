"""The unit's programme areas. Every record that belongs to an area stores one of these codes.

An area needs no unit app: democratic control of armed forces works through the core alone (activities,
participants, indicators, dashboards, reports, API, IATI), which is also the proof that the core needs none."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitArea(models.TextChoices):
    POLICING = "policing", _("Community policing")
    ASSEMBLY = "assembly", _("Public assembly management")
    COUNTERTERRORISM = "counterterrorism", _("Counter-terrorism and organised crime")
    TRAFFICKING = "trafficking", _("Trafficking in human beings")
    ARMED_FORCES = "armed_forces", _("Democratic control of armed forces")


ALL_UNIT_AREAS = frozenset(UnitArea.values)
