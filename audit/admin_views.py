"""Django admin screens of personal data or trafficking statistics: scoped history, one access record per view.

Model admins whose records hold participants' names or NRM figures inherit `AccessLoggedAdmin` (before
`SimpleHistoryAdmin`). Their list, change, delete-confirmation and history screens each write one access record when
they show something (HTTP 200), as the portal's own pages do. The history screens of django-simple-history look the
record up without `get_queryset`, so a record the admin's scoped queryset hides would still show its old versions
there; here they answer 404 unless the record is in that queryset. A field choosing a related record that itself
holds names (one whose admin is an `AccessLoggedAdmin`: a certificate's participation, a participation's person)
offers, accepts and labels only records of that admin's scoped queryset: Django's raw-id widget would otherwise print
the name of any id put in the URL (`add/?person=<id>`) or the form beside the field.
"""

from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import ValidationError
from django.http import Http404

from .log import log_access
from .models import AccessAction


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """The raw-id widget, labelling only records of `queryset` (the stock one looks any id up)."""

    def __init__(self, rel, admin_site, queryset, **kwargs):
        super().__init__(rel, admin_site, **kwargs)
        self.queryset = queryset

    def label_and_url_for_value(self, value):
        try:
            in_scope = self.queryset.filter(**{self.rel.get_related_field().name: value}).exists()
        except (ValueError, TypeError, ValidationError):
            in_scope = False
        return super().label_and_url_for_value(value) if in_scope else ("", "")


class AccessLoggedAdmin:
    access_action = AccessAction.VIEW_PERSONAL
    access_unit_area = ""  # the unit whose statistics the screens show (with AccessAction.VIEW_STATISTICS)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = self.admin_site._registry.get(db_field.remote_field.model)
        if isinstance(related, AccessLoggedAdmin) and "queryset" not in kwargs:
            kwargs["queryset"] = related.get_queryset(request)
            if db_field.name in self.raw_id_fields:
                kwargs["widget"] = ScopedRawIdWidget(
                    db_field.remote_field, self.admin_site, kwargs["queryset"], using=kwargs.get("using")
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _log_shown(self, request, response, object_id=None, screen=""):
        if response.status_code == 200:
            record = self.model(pk=unquote(object_id)) if object_id is not None else None
            log_access(request, self.access_action, record, detail=f"admin {screen}", unit_area=self.access_unit_area)
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
