from rest_framework import permissions

from accounts import access


class SeesUnit(permissions.BasePermission):
    """A unit's data: lists are refused (403) to users who do not see the unit; a single record is looked up through
    the unit's `for_user` queryset, so it is a 404 for them, as on the pages."""

    unit_area = None

    def has_permission(self, request, view):
        if getattr(view, "action", None) == "retrieve" or getattr(view, "detail", False):
            return True
        return access.can_see_unit(request.user, view.unit_area)


class MayRequestReports(permissions.BasePermission):
    def has_permission(self, request, view):
        return access.can_request_reports(request.user)
