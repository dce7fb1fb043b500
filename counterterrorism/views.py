from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import audit
from accounts import access
from programmes import fragments, workflow
from programmes.models import Activity

from . import selectors, services
from .forms import ContributorForm, EventDetailForm, MilestoneForm, StrategyForm
from .models import UNIT, EventDetail, Milestone, Strategy

PAGE_SIZE = 50


def _get_strategy_for_user(request, pk):
    return get_object_or_404(Strategy.objects.for_user(request.user).select_related("lead_partner"), pk=pk)


def _get_milestone_for_user(request, pk):
    return get_object_or_404(Milestone.objects.for_user(request.user).select_related("strategy"), pk=pk)


def _get_event_activity_for_user(request, pk):
    return get_object_or_404(selectors.events_for(request.user), pk=pk)


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _year(request):
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return None


def index(request):
    access.require_unit_visible(request.user, UNIT)
    return render(
        request,
        "counterterrorism/index.html",
        {
            # Activities per theme: cached until an activity or a theme changes.
            "body": fragments.rendered(
                "counterterrorism-themes",
                request.user,
                "counterterrorism/_theme_summary.html",
                lambda: {"themes": selectors.theme_summary()},
            ),
            "can_edit": access.can_edit_unit(request.user, UNIT),
        },
    )


def beneficiaries(request):
    access.require_unit_visible(request.user, UNIT)
    year = _year(request)
    return render(
        request,
        "counterterrorism/beneficiaries.html",
        {"rows": selectors.beneficiary_summary(year=year), "years": selectors.beneficiary_years(), "year": year},
    )


def beneficiary_detail(request, partner_pk):
    if not access.can_see_unit(request.user, UNIT):
        raise Http404
    partner = selectors.beneficiary_partner(partner_pk)
    if partner is None:
        raise Http404
    page = _page(request, selectors.activities_for_beneficiary(request.user, partner))
    return render(request, "counterterrorism/beneficiary_detail.html", {"partner": partner, "page": page})


def strategy_list(request):
    access.require_unit_visible(request.user, UNIT)
    return render(
        request,
        "counterterrorism/strategy_list.html",
        {"strategies": selectors.strategies_for(request.user), "can_edit": access.can_edit_unit(request.user, UNIT)},
    )


def strategy_detail(request, pk):
    strategy = _get_strategy_for_user(request, pk)
    can_edit = access.can_edit_unit(request.user, UNIT)
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "counterterrorism/strategy_detail.html",
        {
            "strategy": strategy,
            "milestones": strategy.milestones.all(),
            "activities": Activity.objects.for_user(request.user)
            .filter(ct_strategies=strategy)
            .select_related("location")
            .order_by("-start_date", "-id"),
            "can_edit": can_edit,
            "query": query,
            "candidates": selectors.linkable_activities(request.user, strategy, query) if can_edit and query else [],
        },
    )


def strategy_create(request):
    access.require_unit_editable(request.user, UNIT)
    form = StrategyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        strategy = form.save(commit=False)
        strategy.created_by = request.user
        strategy.save()
        messages.success(request, _("Saved."))
        return redirect("counterterrorism:strategy_detail", strategy.pk)
    return render(request, "counterterrorism/form.html", {"form": form, "title": _("New strategy or membership")})


def strategy_update(request, pk):
    strategy = _get_strategy_for_user(request, pk)
    access.require_unit_editable(request.user, UNIT)
    form = StrategyForm(request.POST or None, instance=strategy)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("counterterrorism:strategy_detail", strategy.pk)
    return render(request, "counterterrorism/form.html", {"form": form, "title": strategy.title})


@require_POST
def strategy_link(request, pk):
    """Link (action=link) or unlink (action=unlink) a counter-terrorism activity."""
    strategy = _get_strategy_for_user(request, pk)
    access.require_unit_editable(request.user, UNIT)
    activity = get_object_or_404(
        Activity.objects.editable_by(request.user).filter(unit_area=UNIT), pk=request.POST.get("activity")
    )
    workflow.require_edit(request.user, activity)
    services.set_activity_link(strategy=strategy, activity=activity, linked=request.POST.get("action") != "unlink")
    return redirect("counterterrorism:strategy_detail", strategy.pk)


def milestone_create(request, strategy_pk):
    strategy = _get_strategy_for_user(request, strategy_pk)
    access.require_unit_editable(request.user, UNIT)
    form = MilestoneForm(request.POST or None, instance=Milestone(strategy=strategy))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("counterterrorism:strategy_detail", strategy.pk)
    return render(
        request, "counterterrorism/form.html", {"form": form, "title": _("New milestone"), "parent": strategy}
    )


def milestone_update(request, pk):
    milestone = _get_milestone_for_user(request, pk)
    access.require_unit_editable(request.user, UNIT)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("counterterrorism:strategy_detail", milestone.strategy_id)
    return render(
        request, "counterterrorism/form.html", {"form": form, "title": milestone.title, "parent": milestone.strategy}
    )


def event_list(request):
    access.require_unit_visible(request.user, UNIT)
    return render(
        request, "counterterrorism/event_list.html", {"page": _page(request, selectors.events_for(request.user))}
    )


def event_detail(request, pk):
    activity = _get_event_activity_for_user(request, pk)
    # Security-service participants: names only for this unit's staff and managers (accounts.access).
    show_names = access.can_see_person_names(request.user, UNIT)
    audit.log_personal_view(request, activity, shown=show_names)
    return render(
        request,
        "counterterrorism/event_detail.html",
        {
            "activity": activity,
            "event": getattr(activity, "ct_event", None),
            "contributors": selectors.event_contributors(activity),
            "show_names": show_names,
            "can_edit": workflow.can_edit(request.user, activity),
        },
    )


def event_edit(request, pk):
    activity = _get_event_activity_for_user(request, pk)
    workflow.require_edit(request.user, activity)
    instance = getattr(activity, "ct_event", None) or EventDetail(activity=activity)
    form = EventDetailForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("counterterrorism:event_detail", activity.pk)
    return render(request, "counterterrorism/form.html", {"form": form, "title": activity.title})


def event_add_contributor(request, pk):
    activity = _get_event_activity_for_user(request, pk)
    workflow.require_edit(request.user, activity)
    form = ContributorForm(request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid():
        services.add_event_contributor(
            activity=activity, role=form.cleaned_data["role"], person_data=form.person_data()
        )
        messages.success(request, _("Saved."))
        return redirect("counterterrorism:event_detail", activity.pk)
    return render(
        request,
        "counterterrorism/form.html",
        {"form": form, "title": _("Add a moderator or speaker"), "parent": activity},
    )
