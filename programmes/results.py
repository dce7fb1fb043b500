"""Reading and moving indicator periods: figures, progress against targets, and the submit/approve step."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import access

from .indicator_rules import RULES, Figure
from .models import Indicator, IndicatorPeriod, PeriodFigure, PeriodStatus


def figure(period: IndicatorPeriod) -> Figure | None:
    """The period's actual: stored when approved or entered by hand, computed from activity data otherwise (read
    from its summary where the rule keeps one; load periods with `select_related("summary")` to spare a query)."""
    indicator = period.indicator
    if period.is_locked or indicator.is_manual or indicator.rule not in RULES:
        if period.actual is None:
            return None
        return Figure(period.actual, period.actual_women, period.actual_men)
    rule = RULES[indicator.rule]
    if rule.summarised:
        try:
            stored = period.summary
        except PeriodFigure.DoesNotExist:
            stored = None  # not built yet (before `rebuild_summaries` ran): compute as before
        if stored is not None:
            return Figure(_count(stored.value), _count(stored.women), _count(stored.men))
    return rule.compute(indicator, period.start, period.end)


def _count(number: Decimal | None) -> Decimal | None:
    """A stored count without the column's decimal places (12.00 -> 12), as the rule computes it."""
    if number is None or number != number.to_integral_value():
        return number
    return number.to_integral_value()


@dataclass
class Progress:
    period: IndicatorPeriod
    figure: Figure | None
    percent: int | None
    off_track: bool


def progress(period: IndicatorPeriod, today: datetime.date | None = None) -> Progress:
    today = today or timezone.localdate()
    current = figure(period)
    target = period.target
    percent = None
    if current is not None and target:
        percent = int(current.value * 100 / target)
    off_track = False
    if current is not None and period.start <= today and target:
        elapsed = min(
            Decimal(1), Decimal((today - period.start).days + 1) / Decimal((period.end - period.start).days + 1)
        )
        expected = target * elapsed
        if period.indicator.direction == Indicator.Direction.DECREASE:
            off_track = current.value > target and today > period.end
        else:
            # Behind a straight line from zero to the target, with a quarter's grace while the period runs.
            off_track = current.value < (target if today > period.end else expected * Decimal("0.75"))
    return Progress(period, current, percent, off_track)


def can_edit_period(user, period: IndicatorPeriod) -> bool:
    unit_area = period.indicator.result.project.programme.unit_area
    return access.can_edit_unit(user, unit_area) and period.status in (PeriodStatus.OPEN, PeriodStatus.RETURNED)


@transaction.atomic
def submit_period(*, period: IndicatorPeriod, user) -> None:
    if not can_edit_period(user, period):
        raise PermissionDenied(_("You cannot submit this period."))
    if period.indicator.is_manual and (period.actual is None or not period.narrative.strip()):
        raise ValidationError(_("Enter the actual figure and a narrative before submitting."))
    period.status = PeriodStatus.SUBMITTED
    period.submitted_by = user
    period.save(update_fields=["status", "submitted_by"])


@transaction.atomic
def review_period(*, period: IndicatorPeriod, user, approve: bool, comment: str = "") -> None:
    """Approve (locking the figure as it stands now) or return a submitted period; never one's own submission."""
    if not access.can_review(user) or period.status != PeriodStatus.SUBMITTED or period.submitted_by_id == user.pk:
        raise PermissionDenied(_("You cannot review this period."))
    if approve:
        current = figure(period)
        if current is not None:
            period.actual, period.actual_women, period.actual_men = current.value, current.women, current.men
        period.status = PeriodStatus.APPROVED
    else:
        if not comment.strip():
            raise ValidationError(_("Say what needs to change: a comment is required when returning a period."))
        period.status = PeriodStatus.RETURNED
    period.reviewed_by = user
    period.review_comment = comment.strip()
    period.save()
