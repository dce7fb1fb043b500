"""Permission-scoped lookups: every view finds its activity through these, so an out-of-scope id is a 404."""

from django.shortcuts import get_object_or_404

from ..models import Activity
from ..workflow import require_edit


def get_activity_for_user(request, pk, queryset=None) -> Activity:
    """The activity, if the user may see it (else 404). `queryset` says what to read with it; by default its project,
    programme and place."""
    if queryset is None:
        queryset = Activity.objects.select_related("project__programme", "location")
    return get_object_or_404(queryset.for_user(request.user), pk=pk)


def get_editable_activity(request, pk) -> Activity:
    activity = get_activity_for_user(request, pk)
    require_edit(request.user, activity)
    return activity
