from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts import access
from audit.admin_views import AccessLoggedAdmin

from . import services, summaries
from .admin_lock import ActivityLockAdmin, ActivityLockInline
from .indicator_rules import rule_choices
from .models import (
    Activity,
    ActivityPartner,
    Contact,
    Indicator,
    IndicatorPeriod,
    Location,
    Participation,
    Partner,
    PartnerFormerName,
    Person,
    Programme,
    Project,
    Result,
    Theme,
)


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class FormerNameInline(admin.TabularInline):
    model = PartnerFormerName
    extra = 0


class ChildPartnerInline(admin.TabularInline):
    model = Partner
    fk_name = "parent"
    fields = ("acronym", "name", "kind", "valid_from", "valid_to")
    extra = 0
    verbose_name = _("child organisation")
    verbose_name_plural = _("child organisations")
    show_change_link = True


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = (
        "name", "acronym", "kind", "parent", "valid_from", "valid_to", "name_az_verified", "name_ru_verified",
    )  # fmt: skip
    list_filter = ("kind", "name_az_verified", "name_ru_verified", ("parent", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "acronym", "name_az", "name_ru", "former_names")
    autocomplete_fields = ("parent", "successor")
    inlines = [ContactInline, FormerNameInline, ChildPartnerInline]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ("name", "partner", "position", "email")
    search_fields = ("name", "partner__name", "partner__acronym", "email")
    autocomplete_fields = ("partner",)


@admin.register(Location)
class LocationAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "name_az", "name_ru", "kind", "parent", "latitude", "longitude")
    list_filter = ("kind",)
    search_fields = ("code", "name", "name_az", "name_ru", "former_names")
    autocomplete_fields = ("parent",)


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("title", "unit_area", "dac_sector")
    list_filter = ("unit_area",)
    search_fields = ("title", "title_az", "title_ru", "dac_sector")


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "programme", "funding", "budget_eur", "start_date", "end_date", "gender_marker")
    list_filter = ("programme__unit_area", "funding", "gender_marker")
    search_fields = ("code", "title", "external_id")
    autocomplete_fields = ("programme", "donors")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit_area")
    list_filter = ("unit_area",)
    search_fields = ("code", "name", "name_az", "name_ru")


class ActivityPartnerInline(ActivityLockInline, admin.TabularInline):
    model = ActivityPartner
    autocomplete_fields = ("partner",)
    extra = 0


@admin.register(Activity)
class ActivityAdmin(ActivityLockAdmin, SimpleHistoryAdmin):
    activity_path = ""
    list_display = ("title", "unit_area", "kind", "start_date", "location", "status", "participants_total")
    list_filter = ("unit_area", "kind", "status", "participant_mode")
    search_fields = ("title", "venue")
    date_hierarchy = "start_date"
    autocomplete_fields = ("project", "location", "themes")
    list_select_related = ("location",)
    inlines = [ActivityPartnerInline]
    show_full_result_count = False  # no COUNT(*) over a million rows on every page


@admin.register(Person)
class PersonAdmin(AccessLoggedAdmin, SimpleHistoryAdmin):
    list_display = ("last_name", "first_name", "sex", "organisation", "position")
    list_filter = ("sex",)
    search_fields = ("last_name", "first_name", "name_key")
    autocomplete_fields = ("organisation",)
    list_select_related = ("organisation",)
    show_full_result_count = False

    def get_queryset(self, request):
        # The README's rule holds here too: names of a restricted unit only for its staff and managers
        # (accounts.access). Someone on no activity belongs to no unit: the administrators keeping records see them.
        named = Person.objects.named_for(request.user, unassigned=True).values("pk")
        return super().get_queryset(request).filter(pk__in=named)


@admin.register(Participation)
class ParticipationAdmin(ActivityLockAdmin, AccessLoggedAdmin, SimpleHistoryAdmin):
    list_display = ("person", "activity", "role", "days_attended", "pre_test_score", "post_test_score")
    list_filter = ("role", "certificate_issued")
    raw_id_fields = ("activity", "person")
    list_select_related = ("person", "activity")
    show_full_result_count = False

    def get_queryset(self, request):
        areas = access.name_visible_unit_areas(request.user)
        return super().get_queryset(request).filter(activity__unit_area__in=areas)

    # A roster changed here is a roster change like any other: the activity's participant counts, its history and
    # the summaries the dashboards read follow it (services.record_roster_change), for the activity a participation
    # left as well as the one it joined.
    def save_model(self, request, obj, form, change):
        before = Participation.objects.filter(pk=obj.pk).values_list("activity_id", flat=True).first()
        super().save_model(request, obj, form, change)
        _rosters_changed({obj.activity_id, before})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _rosters_changed({obj.activity_id})

    def delete_queryset(self, request, queryset):
        activity_ids = set(queryset.values_list("activity_id", flat=True))
        super().delete_queryset(request, queryset)
        _rosters_changed(activity_ids)


def _rosters_changed(activity_ids):
    with summaries.batch():  # a bulk delete over many activities recomputes each period and month once
        for activity in Activity.objects.filter(pk__in=activity_ids - {None}):
            services.record_roster_change(activity=activity)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ("code", "title", "rule", "unit", "by_sex")
    extra = 0
    show_change_link = True


@admin.register(Result)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "level", "project")
    list_filter = ("level", "project__programme__unit_area")
    search_fields = ("code", "title", "project__code")
    autocomplete_fields = ("project", "parent")
    inlines = [IndicatorInline]


class IndicatorAdminForm(forms.ModelForm):
    """The rule is chosen from the rules the core and the unit apps registered."""

    rule = forms.ChoiceField(label=_("how actuals are obtained"))

    class Meta:
        model = Indicator
        fields = [
            "result", "code", "title", "unit", "baseline_value", "baseline_year", "direction", "by_sex", "rule",
            "rule_kind", "rule_partners", "rule_themes", "rule_location", "rule_options",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = rule_choices()


class IndicatorPeriodInline(admin.TabularInline):
    model = IndicatorPeriod
    fields = ("label", "start", "end", "target", "target_women", "actual", "status")
    readonly_fields = ("status",)
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    form = IndicatorAdminForm
    list_display = ("code", "title", "rule", "result")
    list_filter = ("rule", "result__project__programme__unit_area")
    search_fields = ("code", "title", "result__project__code")
    autocomplete_fields = ("result", "rule_partners", "rule_themes", "rule_location")
    inlines = [IndicatorPeriodInline]
