"""Permission-scoped lookups: every view finds its activity through these, so an out-of-scope id is a 404."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..models import Activity
from ..workflow import can_edit


def get_activity_for_user(request, pk) -> Activity:
    queryset = Activity.objects.for_user(request.user).select_related("project__programme", "location")
    return get_object_or_404(queryset, pk=pk)


def get_editable_activity(request, pk) -> Activity:
    activity = get_activity_for_user(request, pk)
    if not can_edit(request.user, activity):
        # Said on the page (templates/403.html): the activity may be seen, only not changed.
        raise PermissionDenied(
            _(
                "You cannot change this activity: your role does not allow it, or it is locked (submitted or "
                "approved activities cannot be changed by programme staff)."
            )
        )
    return activity
