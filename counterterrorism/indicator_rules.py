"""Indicator rule of the counter-terrorism unit: person-trainings of activities that benefited given institutions.

The core "person-trainings" rule with partner institutions counts named participants whose own organisation is one
of them. This unit counts as its beneficiaries page does: every participant (named or by headcount) of an activity
whose beneficiary is one of `indicator.rule_partners`, whoever employs them; names of security-service staff are
often not recorded, so their organisation is unknown. With no institutions chosen, activities with any beneficiary
count. Activities are the project's counted activities in the period (core filters: kind, location, themes).
"""

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from programmes.indicator_rules import Figure, Rule, counted_activities, register_rule
from programmes.models import ActivityPartner, PartnerRole


def beneficiary_activities(indicator, start, end):
    links = ActivityPartner.objects.filter(role=PartnerRole.BENEFICIARY)
    partners = [p.pk for p in indicator.rule_partners.all()]
    if partners:
        links = links.filter(partner__in=partners)
    return counted_activities(indicator, start, end).filter(pk__in=links.values("activity_id"))


def compute(indicator, start, end) -> Figure:
    totals = beneficiary_activities(indicator, start, end).aggregate(
        women=Sum("participants_women"), men=Sum("participants_men"), other=Sum("participants_unrecorded")
    )
    women, men, other = (Decimal(totals[k] or 0) for k in ("women", "men", "other"))
    return Figure(value=women + men + other, women=women, men=men)


def register() -> None:
    register_rule(
        Rule(
            "beneficiary_trainings",
            _("Person-trainings of activities benefiting given institutions"),
            compute,
            beneficiary_activities,
            summarised=True,  # inputs: activities, their partners and participant summaries (programmes.summaries)
        )
    )
