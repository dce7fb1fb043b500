from django.contrib import admin
from django.utils.translation import gettext as _

from .models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the access log can be searched but never added to, changed or deleted by hand."""

    list_display = ("at", "user", "action", "unit_area", "object_type", "object_id", "detail")
    list_filter = ("action", "unit_area", "object_type")
    search_fields = ("object_id", "request_id")
    date_hierarchy = "at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        # The admin's URL for "add" exists for every model; here it shows the list with a note instead of a form.
        self.message_user(request, _("The access log is written by the portal only; entries cannot be added."))
        return self.changelist_view(request, extra_context)
