from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programmes.admin_lock import ActivityLockAdmin

from .models import EventDetail, Milestone, Strategy


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(ActivityLockAdmin, SimpleHistoryAdmin):
    activity_path, activity_links = None, "activities"
    list_display = ("title", "kind", "lead_partner", "start_date", "end_date")
    list_filter = ("kind",)
    search_fields = ("title", "description")
    autocomplete_fields = ("lead_partner",)
    raw_id_fields = ("activities",)
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ("title", "strategy", "due_date", "status", "completed_on")
    list_filter = ("status", "strategy")
    search_fields = ("title", "note", "strategy__title")
    list_select_related = ("strategy",)


@admin.register(EventDetail)
class EventDetailAdmin(ActivityLockAdmin, SimpleHistoryAdmin):
    list_display = ("activity", "scope", "target_audience")
    list_filter = ("scope",)
    search_fields = ("activity__title", "agenda", "target_audience")
    raw_id_fields = ("activity",)
    list_select_related = ("activity",)
