"""Permission-scoped lookups: every view finds its activity through these, so an out-of-scope id is a 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import access

from .. import selectors
from ..models import Activity
from ..workflow import require_edit


def get_activity_for_user(request, pk) -> Activity:
    """The activity with its project, programme and place, if the user may see it (else 404)."""
    queryset = Activity.objects.select_related("project__programme", "location")
    return get_object_or_404(queryset.for_user(request.user), pk=pk)


def get_activity_for_page(request, pk) -> Activity:
    """The activity for its own page, if the user may see it (else 404). Its read is compiled once per process
    (selectors.activity_for_page), so `for_user`'s rule is checked here on the row."""
    activity = selectors.activity_for_page(pk)
    if activity is None or not access.can_see_unit(request.user, activity.unit_area):
        raise Http404
    return activity


def get_editable_activity(request, pk) -> Activity:
    activity = get_activity_for_user(request, pk)
    require_edit(request.user, activity)
    return activity
