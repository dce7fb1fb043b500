"""Community policing pages: groups, their meetings, issues and follow-up actions, and the rollout overview.

Lists answer 403 to users who may not see the policing unit; object pages look records up through `for_user`, so an
out-of-scope id is a 404. Only those who may edit the unit (its staff and administrators) get the forms.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import access
from programmes import fragments, workflow

from . import selectors, services
from .forms import ActionForm, IssueForm, MeetingForm
from .models import UNIT, CagMeeting, CommunityAdvisoryGroup, FollowUpAction, IssueRaised

PAGE_SIZE = 25


def _get_cag_for_user(request, pk):
    return get_object_or_404(CommunityAdvisoryGroup.objects.for_user(request.user).select_related("location"), pk=pk)


def _get_meeting_for_user(request, pk):
    return get_object_or_404(
        CagMeeting.objects.for_user(request.user).select_related("activity", "cag__location"), pk=pk
    )


def _get_issue_for_user(request, pk):
    return get_object_or_404(
        IssueRaised.objects.for_user(request.user).select_related("meeting__activity", "meeting__cag__location"),
        pk=pk,
    )


def _get_action_for_user(request, pk):
    return get_object_or_404(
        FollowUpAction.objects.for_user(request.user).select_related(
            "issue__meeting__activity", "issue__meeting__cag__location"
        ),
        pk=pk,
    )


def _context(request, **extra):
    return {"can_edit": access.can_edit_unit(request.user, UNIT), **extra}


def cag_list(request):
    access.require_unit_visible(request.user, UNIT)
    number = request.GET.get("page")
    # The table (a count, one annotated query and its rows through the template) was most of this page's CPU and is
    # the same for everyone who may see the unit: cached until an activity or a policing record changes.
    rows = fragments.rendered(
        "policing-groups",
        request.user,
        "policing/_cag_rows.html",
        # The list has no filters: its pager links carry the page number only, whatever else the URL holds.
        lambda: {
            "page": Paginator(selectors.cags_for(request.user), PAGE_SIZE).get_page(number),
            "pager_query": QueryDict(),
        },
        number,
    )
    return render(request, "policing/cag_list.html", _context(request, rows=rows))


def cag_detail(request, pk):
    cag = _get_cag_for_user(request, pk)
    meetings = (
        cag.meetings.select_related("activity")
        .annotate(issue_count=Count("issues"))
        .order_by("-activity__start_date", "-id")
    )
    issues = (
        IssueRaised.objects.filter(meeting__cag=cag)
        .select_related("meeting__activity", "theme")
        .prefetch_related(Prefetch("actions", queryset=FollowUpAction.objects.order_by("due_date", "id")))
    )
    context = _context(
        request,
        cag=cag,
        members=selectors.members_by_sector_and_sex(cag),
        meetings=Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page")),
        issues=Paginator(issues, PAGE_SIZE).get_page(request.GET.get("issues_page")),
    )
    return render(request, "policing/cag_detail.html", context)


def meeting_add(request, pk):
    cag = _get_cag_for_user(request, pk)
    access.require_unit_editable(request.user, UNIT)
    form = MeetingForm(request.POST or None, cag=cag, user=request.user)
    if request.method == "POST" and form.is_valid():
        meeting = services.record_meeting(cag=cag, user=request.user, **form.cleaned_data)
        messages.success(request, _("Meeting recorded."))
        return redirect("policing:meeting_detail", pk=meeting.pk)
    return render(request, "policing/form.html", _context(request, form=form, cag=cag, heading=_("Record a meeting")))


def meeting_detail(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    issues = meeting.issues.select_related("theme").prefetch_related(
        Prefetch("actions", queryset=FollowUpAction.objects.order_by("due_date", "id"))
    )
    context = _context(
        request,
        meeting=meeting,
        topics=meeting.activity.themes.all(),
        issues=issues,
        can_record_issues=workflow.can_edit(request.user, meeting.activity),
        # The activity's own review steps, checked by the one workflow: staff submit the meeting from here.
        transitions=[t for t in workflow.allowed_transitions(request.user, meeting.activity) if not t.by_reviewer],
    )
    return render(request, "policing/meeting_detail.html", context)


def issue_add(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    # Issues raised are part of the meeting's record; follow-up actions are worked on after it and stay open.
    workflow.require_edit(request.user, meeting.activity)
    form = IssueForm(request.POST or None, instance=IssueRaised(meeting=meeting))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Issue recorded."))
        return redirect("policing:meeting_detail", pk=meeting.pk)
    context = _context(request, form=form, cag=meeting.cag, meeting=meeting, heading=_("Record an issue raised"))
    return render(request, "policing/form.html", context)


def action_add(request, pk):
    issue = _get_issue_for_user(request, pk)
    access.require_unit_editable(request.user, UNIT)
    form = ActionForm(request.POST or None, instance=FollowUpAction(issue=issue))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Follow-up action recorded."))
        return redirect("policing:meeting_detail", pk=issue.meeting_id)
    context = _context(
        request,
        form=form,
        cag=issue.meeting.cag,
        meeting=issue.meeting,
        issue=issue,
        heading=_("Add a follow-up action"),
    )
    return render(request, "policing/form.html", context)


def action_edit(request, pk):
    action = _get_action_for_user(request, pk)
    access.require_unit_editable(request.user, UNIT)
    form = ActionForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Follow-up action updated."))
        return redirect("policing:meeting_detail", pk=action.issue.meeting_id)
    meeting = action.issue.meeting
    context = _context(
        request, form=form, cag=meeting.cag, meeting=meeting, issue=action.issue, heading=_("Update a follow-up action")
    )
    return render(request, "policing/form.html", context)


def overdue_actions(request):
    access.require_unit_visible(request.user, UNIT)
    page = Paginator(selectors.overdue_actions_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "policing/overdue.html", _context(request, page=page))


def rollout(request):
    access.require_unit_visible(request.user, UNIT)
    data = selectors.rollout(request.user)
    data["map_data"] = selectors.rollout_map_data(data["groups"])
    return render(request, "policing/rollout.html", _context(request, **data))
