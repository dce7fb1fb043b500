from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(SimpleHistoryAdmin):
    list_display = (
        "id",
        "kind",
        "format",
        "status",
        "progress",
        "attempts",
        "requested_by",
        "created_at",
        "expires_at",
    )
    list_filter = ("status", "kind", "format", "language")
    search_fields = ("kind", "requested_by__username", "task_id", "error")
    readonly_fields = ("file", "task_id", "attempts", "started_at", "finished_at", "progress")
    date_hierarchy = "created_at"
    list_select_related = ("requested_by",)
