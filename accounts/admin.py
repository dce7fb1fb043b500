from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User
from .units import UnitArea


class UnitAreasField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(choices=UnitArea.choices, required=False, **kwargs)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "roles", "get_unit_areas_display", "is_active")
    list_filter = ("groups", "is_active")
    fieldsets = BaseUserAdmin.fieldsets[:2] + (
        (_("Role and unit areas"), {"fields": ("groups", "unit_areas", "is_active")}),
        (_("Language"), {"fields": ("language",)}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "unit_areas":
            return UnitAreasField(label=db_field.verbose_name, help_text=db_field.help_text)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(g.name for g in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")
