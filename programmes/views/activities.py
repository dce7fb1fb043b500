import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import audit
from accounts import access

from .. import fragments, selectors, services, workflow
from ..forms import ActivityFilterForm, ActivityForm, ActivityPartnerFormSet, ReviewForm
from ..models import Activity
from .lookups import get_activity_for_page, get_activity_for_user, get_editable_activity

PAGE_SIZE = 25


def activity_list(request):
    query = request.GET.copy()
    query.pop("page", None)

    @functools.cache
    def form():  # built only when a part is rendered: its fields and choices were a sixth of a cached page's CPU
        return ActivityFilterForm(request.GET or None, user=request.user)

    def render_rows():
        activities = form().filter(Activity.objects.for_user(request.user)).select_related("location", "project")
        page = selectors.page_without_count(activities, request.GET.get("page"), PAGE_SIZE)
        # No request here: the pager's links are built from the query string the rows are cached under.
        return render_to_string("programmes/_activity_rows.html", {"page": page, "pager_query": request.GET})

    # The filter bar (13 fields, ~110 options through the widget templates) and the rows are most of this page's
    # cost and the same for everyone with the same scope: cached until the data or the reference records change.
    scope = fragments.scope(request.user)
    filter_bar, rows = fragments.cached_many(
        [
            (
                "activity-filters",
                [scope, query.urlencode()],
                lambda: render_to_string("programmes/_activity_filters.html", {"form": form()}),
            ),
            ("activity-rows", [scope, query.urlencode(), request.GET.get("page")], render_rows),
        ]
    )
    return render(
        request,
        "programmes/activity_list.html",
        {
            "filter_bar": mark_safe(filter_bar),  # noqa: S308 - our own template's output
            "rows": mark_safe(rows),  # noqa: S308
            "can_create": bool(access.editable_unit_areas(request.user)),
        },
    )


# Not in a transaction (ATOMIC_REQUESTS): the page only reads, but for its one audit row, whose INSERT commits on its
# own; BEGIN and COMMIT around the reads were half a millisecond of its CPU and two round trips to the database.
@transaction.non_atomic_requests
def activity_detail(request, pk):
    activity = get_activity_for_page(request, pk)
    context = selectors.activity_detail_context(activity, request.user)
    audit.log_personal_view(request, activity, shown=context["names_visible"])
    if any(step.by_reviewer for step in context["transitions"]):
        context["review_form"] = ReviewForm()
    # The heading, the tabs, the facts, themes and partners (two queries) follow the data and reference versions,
    # read in one round trip; the participant names, the evidence, the forms and the buttons stay live.
    facts = {"activity": activity, "tab": "overview"}

    def overview():
        return selectors.activity_overview_context(activity)

    context["heading"], context["tabs"], context["overview"] = fragments.rendered_many(
        request.user,
        ("activity-heading", "programmes/_activity_heading.html", lambda: facts, (activity.pk,)),
        ("activity-tabs", "programmes/_activity_tabs.html", lambda: facts, (activity.pk,)),
        ("activity-overview", "programmes/_activity_overview.html", overview, (activity.pk,)),
    )
    return render(request, "programmes/activity_detail.html", context)


def activity_history(request, pk):
    activity = get_activity_for_user(request, pk)
    return render(
        request,
        "programmes/activity_history.html",
        {
            "activity": activity,
            "changes": selectors.activity_changes(activity),
            "reviews": activity.reviews.select_related("by"),
        },
    )


def _save_activity_form(request, activity, template):
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    formset = ActivityPartnerFormSet(request.POST or None, instance=activity, prefix="partners")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            is_new = form.instance.pk is None
            if is_new:
                form.instance.created_by = request.user
            activity = form.save()
            formset.instance = activity
            formset.save()
            services.refresh_participant_counts(activity=activity)
        messages.success(request, _("Activity created.") if is_new else _("Activity saved."))
        return redirect("activity_detail", pk=activity.pk)
    return render(request, template, {"form": form, "formset": formset, "activity": activity})


def activity_create(request):
    if not access.editable_unit_areas(request.user):
        raise PermissionDenied
    return _save_activity_form(request, Activity(), "programmes/activity_form.html")


def activity_edit(request, pk):
    return _save_activity_form(request, get_editable_activity(request, pk), "programmes/activity_form.html")


def _back_to(request, pk):
    """Where to return after a status change: the page that asked (a unit's own page of the activity, e.g. a CAG
    meeting) when it is one of ours, else the activity."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("activity_detail", pk=pk)


@require_POST
def activity_transition(request, pk):
    activity = get_activity_for_user(request, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        workflow.transition(
            activity=activity, action=request.POST.get("action", ""), user=request.user,
            comment=form.cleaned_data.get("comment", ""),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You cannot do this."))
    else:
        messages.success(
            request,
            _("Status changed to: %(status)s.")
            % {"status": activity.__class__.objects.get(pk=pk).get_status_display()},
        )
    return _back_to(request, pk)


def review_queue(request):
    """Submitted activities awaiting a manager's decision; several can be approved or returned at once."""
    if not access.can_review(request.user):
        raise PermissionDenied
    submitted = Activity.objects.for_user(request.user).filter(status="submitted").select_related("location", "project")
    if request.method == "POST":
        chosen = submitted.filter(pk__in=request.POST.getlist("activity"))
        form = ReviewForm(request.POST)
        form.is_valid()
        if not chosen:
            messages.error(request, _("Choose at least one activity."))
        else:
            try:
                count = workflow.review_many(
                    activities=list(chosen), action=request.POST.get("action", ""), user=request.user,
                    comment=form.cleaned_data.get("comment", ""),
                )  # fmt: skip
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, _("%(count)d activities updated.") % {"count": count})
                return redirect("review_queue")
    page = selectors.page_without_count(submitted.order_by("start_date", "id"), request.GET.get("page"), 100)
    return render(request, "programmes/review_queue.html", {"page": page, "review_form": ReviewForm()})
