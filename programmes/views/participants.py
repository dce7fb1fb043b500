from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

import audit
from accounts import access

from .. import participants
from ..forms import ParticipationForm, PersonForm
from ..models import Person
from .lookups import get_activity_for_user, get_editable_activity


def _check_names_visible(request, activity):
    if not access.can_see_person_names(request.user, activity.unit_area):
        raise PermissionDenied


@never_cache
def participant_add(request, pk):
    """Add a known person (chosen from the search) or a new one; warn before creating a likely duplicate."""
    activity = get_editable_activity(request, pk)
    _check_names_visible(request, activity)
    existing = None
    if request.method == "POST" and request.POST.get("person"):
        existing = get_object_or_404(Person.objects.named_for(request.user), pk=request.POST["person"])
    person_form = PersonForm(None if existing else (request.POST or None), prefix="person")
    form = ParticipationForm(request.POST or None, activity=activity, prefix="participation")
    duplicates = []
    if request.method == "POST" and form.is_valid() and (existing or person_form.is_valid()):
        if existing is None:
            data = person_form.cleaned_data
            duplicates = participants.likely_duplicates(
                user=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                organisation=data["organisation"],
            )
        if existing or not duplicates or request.POST.get("create_anyway"):
            person = existing or person_form.save(commit=False)
            participants.add_participant(activity=activity, person=person, **form.cleaned_data)
            messages.success(request, _("Participant added."))
            if request.POST.get("add_another"):
                return redirect("participant_add", pk=activity.pk)
            return redirect("activity_detail", pk=activity.pk)
    # Likely duplicates are people already in the portal, shown by name.
    audit.log_personal_view(request, activity, shown=bool(duplicates))
    return render(
        request,
        "programmes/participant_form.html",
        {
            "activity": activity,
            "person_form": person_form,
            "form": form,
            "duplicates": duplicates,
            "existing": existing,
        },
    )


@never_cache
def participant_edit(request, pk, participation_pk):
    activity = get_editable_activity(request, pk)
    _check_names_visible(request, activity)
    participation = get_object_or_404(activity.participations.select_related("person"), pk=participation_pk)
    audit.log_access(request, "view_personal", participation.person)
    form = ParticipationForm(request.POST or None, instance=participation, activity=activity)
    if request.method == "POST" and form.is_valid():
        participants.save_participation(form=form)
        messages.success(request, _("Participant saved."))
        return redirect("activity_detail", pk=activity.pk)
    return render(
        request,
        "programmes/participation_edit.html",
        {"activity": activity, "form": form, "participation": participation},
    )


@require_POST
def participant_remove(request, pk, participation_pk):
    activity = get_editable_activity(request, pk)
    participation = get_object_or_404(activity.participations, pk=participation_pk)
    participants.remove_participant(participation=participation)
    messages.success(request, _("Participant removed from the activity."))
    return redirect("activity_detail", pk=activity.pk)


@never_cache
@require_POST
def people_search(request, pk):
    """Search-as-you-type results (HTMX fragment) for adding an existing person to the activity.

    POST, so the names typed never stand in a URL (and so in no access log)."""
    activity = get_activity_for_user(request, pk)
    _check_names_visible(request, activity)
    results = participants.search_people(user=request.user, query=request.POST.get("q", ""))
    audit.log_access(request, "view_personal", activity, detail="people search")
    return render(request, "programmes/_people_search_results.html", {"activity": activity, "results": results})
