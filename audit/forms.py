from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.units import UnitArea
from osce_baku.widgets import DateInput

from . import selectors
from .models import AccessAction


class _AuditFilter(forms.Form):
    user = forms.ModelChoiceField(
        label=_("User"), queryset=get_user_model().objects.order_by("username"), required=False, to_field_name="pk"
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {key: data.get(key) for key in self.fields}


class ChangeFilterForm(_AuditFilter):
    model = forms.ChoiceField(label=_("Record type"), required=False)

    field_order = ["model", "user", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("All"))] + selectors.model_choices()
        self.fields["user"].label_from_instance = lambda user: user.username


class AccessFilterForm(_AuditFilter):
    action = forms.ChoiceField(label=_("What"), required=False, choices=[("", _("All"))] + AccessAction.choices)
    unit_area = forms.ChoiceField(label=_("Unit area"), required=False, choices=[("", _("All"))] + UnitArea.choices)

    field_order = ["action", "unit_area", "user", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = lambda user: user.username
