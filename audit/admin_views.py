"""Django admin screens of personal data or trafficking statistics: scoped history, one access record per view.

Model admins whose records hold participants' names or NRM figures inherit `AccessLoggedAdmin` (before
`SimpleHistoryAdmin`). Their list, change, delete-confirmation and history screens each write one access record when
they show something (HTTP 200), as the portal's own pages do. The history screens of django-simple-history look the
record up without `get_queryset`, so a record the admin's scoped queryset hides would still show its old versions
there; here they answer 404 unless the record is in that queryset.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404

from .log import log_access
from .models import AccessAction


class AccessLoggedAdmin:
    access_action = AccessAction.VIEW_PERSONAL

    def _log_shown(self, request, response, object_id=None, screen=""):
        if response.status_code == 200:
            record = self.model(pk=unquote(object_id)) if object_id is not None else None
            log_access(request, self.access_action, record, detail=f"admin {screen}")
        return response

    def _require_in_scope(self, request, object_id):
        try:
            in_scope = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError):  # not a valid id at all
            in_scope = False
        if not in_scope:
            raise Http404

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        return self._log_shown(request, response, screen="list")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        return self._log_shown(request, response, object_id, "change")

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        return self._log_shown(request, response, object_id, "delete")

    def history_view(self, request, object_id, extra_context=None):
        self._require_in_scope(request, object_id)
        response = super().history_view(request, object_id, extra_context)
        return self._log_shown(request, response, object_id, "history")

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_in_scope(request, object_id)
        response = super().history_form_view(request, object_id, version_id, extra_context)
        return self._log_shown(request, response, object_id, "history version")
