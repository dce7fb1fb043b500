from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programmes.admin_lock import ActivityLockAdmin

from .models import CagMeeting, CagMember, CommunityAdvisoryGroup, FollowUpAction, IssueRaised


class CagMemberInline(admin.TabularInline):
    model = CagMember
    extra = 0


@admin.register(CommunityAdvisoryGroup)
class CommunityAdvisoryGroupAdmin(SimpleHistoryAdmin):
    list_display = ("police_department", "location", "status", "established_on")
    list_filter = ("status", ("location", admin.RelatedOnlyFieldListFilter))
    search_fields = ("police_department", "location__name", "location__name_az", "legal_basis")
    autocomplete_fields = ("location",)
    inlines = [CagMemberInline]


@admin.register(CagMember)
class CagMemberAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "cag", "sector", "sex", "joined_on", "left_on")
    list_filter = ("sector", "sex")
    search_fields = ("name", "cag__police_department")
    autocomplete_fields = ("cag",)


@admin.register(CagMeeting)
class CagMeetingAdmin(ActivityLockAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "cag", "members_present", "members_total", "police_attendees")
    list_filter = (("cag", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("cag__police_department", "activity__title", "minutes")
    raw_id_fields = ("activity",)
    autocomplete_fields = ("cag",)


class FollowUpActionInline(admin.TabularInline):
    model = FollowUpAction
    extra = 0


@admin.register(IssueRaised)
class IssueRaisedAdmin(ActivityLockAdmin, SimpleHistoryAdmin):
    activity_path = "meeting__activity"
    list_display = ("__str__", "meeting", "theme", "raised_by_sector")
    list_filter = ("raised_by_sector", "theme")
    search_fields = ("summary",)
    raw_id_fields = ("meeting",)
    inlines = [FollowUpActionInline]


@admin.register(FollowUpAction)
class FollowUpActionAdmin(SimpleHistoryAdmin):
    list_display = ("description", "owner", "due_date", "status")
    list_filter = ("status",)
    search_fields = ("description", "owner", "outcome")
    raw_id_fields = ("issue",)
