from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts import access
from audit.admin_views import AccessLoggedAdmin
from programmes.admin_lock import ActivityLockAdmin

from .models import Certificate, Course, CourseModule, Distribution, Publication, ReachTarget, TrainingDetail


class CourseModuleInline(admin.TabularInline):
    model = CourseModule
    extra = 0


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ("title", "duration_days", "active")
    list_filter = ("active", "target_groups")
    search_fields = ("title", "title_az", "description")
    filter_horizontal = ("target_groups",)
    inlines = [CourseModuleInline]


@admin.register(TrainingDetail)
class TrainingDetailAdmin(ActivityLockAdmin, SimpleHistoryAdmin):
    list_display = ("activity", "course")
    list_filter = ("course",)
    search_fields = ("activity__title", "course__title")
    raw_id_fields = ("activity",)


@admin.register(ReachTarget)
class ReachTargetAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "target_group", "location", "people")
    list_filter = ("target_group",)
    search_fields = ("label", "target_group__name", "location__name")
    autocomplete_fields = ("target_group", "location")


@admin.register(Certificate)
class CertificateAdmin(ActivityLockAdmin, AccessLoggedAdmin, SimpleHistoryAdmin):
    activity_path = "participation__activity"
    list_display = ("code", "participation", "issued_at")
    search_fields = ("code",)
    raw_id_fields = ("participation",)
    readonly_fields = ("code", "issued_at")

    def get_queryset(self, request):  # a certificate names its holder: the participant-name rule applies
        areas = access.name_visible_unit_areas(request.user)
        return super().get_queryset(request).filter(participation__activity__unit_area__in=areas)


class DistributionInline(admin.TabularInline):
    model = Distribution
    extra = 0
    autocomplete_fields = ("partner",)


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "language", "isbn", "published_on", "copies_printed")
    list_filter = ("language",)
    search_fields = ("title", "title_en", "isbn", "series")
    inlines = [DistributionInline]


@admin.register(Distribution)
class DistributionAdmin(SimpleHistoryAdmin):
    list_display = ("publication", "partner", "copies", "distributed_on")
    search_fields = ("publication__title", "partner__name", "partner__acronym")
    autocomplete_fields = ("publication", "partner")
