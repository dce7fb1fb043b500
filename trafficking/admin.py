from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audit.admin_views import AccessLoggedAdmin
from audit.models import AccessAction
from programmes.admin_lock import ActivityLockAdmin

from .models import UNIT, Measure, NationalActionPlan, NrmStatistic, ProgressUpdate


class MeasureInline(admin.TabularInline):
    model = Measure
    fields = ("number", "text", "deadline")
    extra = 0
    show_change_link = True


@admin.register(NationalActionPlan)
class NationalActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ("title", "start_year", "end_year", "adopted_on")
    search_fields = ("title",)
    inlines = [MeasureInline]


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0


@admin.register(Measure)
class MeasureAdmin(ActivityLockAdmin, SimpleHistoryAdmin):
    activity_path, activity_links = None, "activities"
    list_display = ("number", "plan", "deadline")
    list_filter = ("plan",)
    search_fields = ("number", "text", "indicator")
    autocomplete_fields = ("responsible",)
    raw_id_fields = ("activities",)
    list_select_related = ("plan",)
    inlines = [ProgressUpdateInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ("measure", "reported_on", "status")
    list_filter = ("status",)
    search_fields = ("measure__number", "note")
    list_select_related = ("measure",)


@admin.register(NrmStatistic)
class NrmStatisticAdmin(AccessLoggedAdmin, SimpleHistoryAdmin):
    access_action = AccessAction.VIEW_STATISTICS
    access_unit_area = UNIT
    # No count in the list: a stored row is finer than any published figure, so even a count of 5 or more there can
    # give away a hidden one ("x" or "<5" on the NRM page). The change form is where an administrator enters and
    # corrects the raw count; everywhere else NRM figures come from trafficking.publication.
    list_display = ("year", "quarter", "stage", "sex", "age_band", "exploitation", "nationality")
    list_filter = ("year", "stage", "sex", "age_band", "exploitation", "nationality")
