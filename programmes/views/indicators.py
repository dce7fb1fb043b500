from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access

from .. import results, selectors
from ..indicator_rules import RULES
from ..models import Indicator, IndicatorPeriod

INDICATORS_PER_PAGE = 20


def _get_indicator_for_user(request, pk) -> Indicator:
    queryset = Indicator.objects.for_user(request.user).select_related("result__project__programme")
    return get_object_or_404(queryset, pk=pk)


def _get_period(request, pk, period_pk) -> IndicatorPeriod:
    indicator = _get_indicator_for_user(request, pk)
    periods = indicator.periods.select_related("indicator__result__project__programme", "summary")
    return get_object_or_404(periods, pk=period_pk)


def _current_period(periods, today):
    """The period running today, else the last one that started, else the first."""
    started = [p for p in periods if p.start <= today]
    running = [p for p in started if p.end >= today]
    return (running or started[-1:] or periods[:1] or [None])[0]


def indicator_list(request):
    indicators = (
        Indicator.objects.for_user(request.user)
        .select_related("result__project__programme")
        .prefetch_related(selectors.periods_with_figures(), "rule_partners", "rule_themes")
        .order_by("result__project__code", "result__code", "code")
    )
    project = request.GET.get("project")
    if project and project.isdigit():
        indicators = indicators.filter(result__project_id=project)
    page = selectors.page_without_count(indicators, request.GET.get("page"), INDICATORS_PER_PAGE)
    today = timezone.localdate()
    rows = []
    for indicator in page:
        period = _current_period(list(indicator.periods.all()), today)
        rows.append({"indicator": indicator, "progress": results.progress(period, today) if period else None})
    return render(request, "programmes/indicator_list.html", {"page": page, "rows": rows})


def indicator_detail(request, pk):
    indicator = _get_indicator_for_user(request, pk)
    today = timezone.localdate()
    periods = [
        {"progress": results.progress(period, today), "can_edit": results.can_edit_period(request.user, period)}
        for period in indicator.periods.select_related("submitted_by", "reviewed_by", "summary")
    ]
    return render(
        request,
        "programmes/indicator_detail.html",
        {"indicator": indicator, "periods": periods, "rule": RULES.get(indicator.rule),
         "can_review": access.can_review(request.user)},
    )  # fmt: skip


class ManualActualForm(forms.ModelForm):
    class Meta:
        model = IndicatorPeriod
        fields = ["actual", "actual_women", "actual_men", "narrative", "evidence"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        total, women, men = data.get("actual"), data.get("actual_women"), data.get("actual_men")
        for name in ("actual", "actual_women", "actual_men"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("Figures cannot be negative."))
        if total is not None and women is not None and men is not None and women + men > total:
            self.add_error("actual", _("Women and men together cannot exceed the total."))
        return data


def period_edit(request, pk, period_pk):
    period = _get_period(request, pk, period_pk)
    if not period.indicator.is_manual or not results.can_edit_period(request.user, period):
        raise PermissionDenied
    form = ManualActualForm(request.POST or None, request.FILES or None, instance=period)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Actual saved."))
        return redirect("indicator_detail", pk=pk)
    return render(request, "programmes/period_form.html", {"form": form, "period": period})


@require_POST
def period_transition(request, pk, period_pk):
    period = _get_period(request, pk, period_pk)
    action = request.POST.get("action")
    try:
        if action == "submit":
            results.submit_period(period=period, user=request.user)
        elif action in ("approve", "return"):
            results.review_period(
                period=period, user=request.user, approve=action == "approve", comment=request.POST.get("comment", "")
            )
        else:
            raise PermissionDenied(_("Unknown action."))
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Period updated."))
    return redirect("indicator_detail", pk=pk)


def period_activities(request, pk, period_pk):
    """The activities behind a computed figure."""
    period = _get_period(request, pk, period_pk)
    rule = RULES.get(period.indicator.rule)
    if rule is None:
        raise PermissionDenied
    activities = rule.activities(period.indicator, period.start, period.end).select_related("location", "project")
    page = selectors.page_without_count(activities.order_by("start_date", "id"), request.GET.get("page"), 50)
    return render(
        request,
        "programmes/period_activities.html",
        {"period": period, "page": page, "figure": results.figure(period)},
    )
