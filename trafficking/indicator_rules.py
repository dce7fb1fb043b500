"""Indicator rule of the trafficking unit: National Action Plan measures supported in a period.

A measure counts when at least one of its supporting activities took place in the period; the activities are the
indicator project's counted activities (core filters: kind, location, themes) linked to any measure, so the drill-down
lists exactly the support behind the figure.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from programmes.indicator_rules import Figure, Rule, counted_activities, register_rule

from .models import Measure


def supporting_activities(indicator, start, end):
    return counted_activities(indicator, start, end).filter(
        pk__in=Measure.activities.through.objects.values("activity_id")
    )


def compute(indicator, start, end) -> Figure:
    support = Measure.activities.through.objects.filter(
        activity__in=supporting_activities(indicator, start, end).values("pk")
    )
    return Figure(value=Decimal(support.values("measure").distinct().count()))


def register() -> None:
    register_rule(
        Rule("nap_measures_supported", _("National Action Plan measures supported"), compute, supporting_activities)
    )
