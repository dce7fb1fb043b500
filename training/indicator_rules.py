"""Indicator rule of the assembly-training unit: unique people trained in one course.

The course is `indicator.rule_options["course"]` (a course id). Activities are the project's trainings of that
course in the period, with the core rules' filters (kind, location, themes) and counted statuses. Named trainees
(participants, not trainers or speakers) count once each; a training recorded as a headcount adds its number, as in
the core "unique people" rule, since people counted without names cannot be told apart.
"""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from programmes import summaries
from programmes.indicator_rules import Figure, Rule, counted_activities, headcount_totals, register_rule
from programmes.models import Activity, Sex

from . import selectors


def _course_id(indicator):
    try:
        return int(indicator.rule_options.get("course"))
    except (AttributeError, TypeError, ValueError):
        return None


def trainings(indicator, start, end):
    course = _course_id(indicator)
    if course is None:
        return Activity.objects.none()
    return counted_activities(indicator, start, end).filter(training_detail__course_id=course)


def compute(indicator, start, end) -> Figure:
    activities = trainings(indicator, start, end)
    named = (
        selectors.trainees_of(activities.filter(participant_mode="roster"))
        .aggregate(
            total=Count("person", distinct=True),
            women=Count("person", distinct=True, filter=Q(person__sex=Sex.FEMALE)),
            men=Count("person", distinct=True, filter=Q(person__sex=Sex.MALE)),
        )
    )  # fmt: skip
    heads = headcount_totals(activities)
    return Figure(
        value=Decimal(named["total"]) + heads["women"] + heads["men"] + heads["other"],
        women=Decimal(named["women"]) + heads["women"],
        men=Decimal(named["men"]) + heads["men"],
    )


def _training_course_changed(sender, instance, **kwargs):
    summaries.activity_ids_changed([instance.activity_id])


def register() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import TrainingDetail

    register_rule(
        Rule("course_participants", _("Unique people trained in a course"), compute, trainings, summarised=True)
    )
    # The stored figure (programmes.summaries) also depends on which course a training belongs to.
    post_save.connect(_training_course_changed, sender=TrainingDetail, dispatch_uid="summaries-training-save")
    post_delete.connect(_training_course_changed, sender=TrainingDetail, dispatch_uid="summaries-training-delete")
