from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import access
from accounts.units import UnitArea
from osce_baku.widgets import DateInput
from programmes.models import Programme, Project


class IatiFilterForm(forms.Form):
    """Which projects go into an IATI file: always only those the user may see."""

    unit_area = forms.ChoiceField(label=_("Unit area"), required=False)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none(), required=False)
    active_on = forms.DateField(
        label=_("Running on"),
        required=False,
        widget=DateInput(),
        help_text=_("Only projects running on this day."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        areas = access.visible_unit_areas(user)
        self.fields["unit_area"].choices = [("", _("All my unit areas"))] + [
            choice for choice in UnitArea.choices if choice[0] in areas
        ]
        self.fields["programme"].queryset = Programme.objects.for_user(user)
        self.user = user

    def projects(self):
        projects = Project.objects.for_user(self.user).order_by("code")
        data = self.cleaned_data
        if data.get("unit_area"):
            projects = projects.filter(programme__unit_area=data["unit_area"])
        if data.get("programme"):
            projects = projects.filter(programme=data["programme"])
        if data.get("active_on"):
            day = data["active_on"]
            projects = projects.filter(start_date__lte=day).exclude(end_date__lt=day)
        return projects


class PartnerImportForm(forms.Form):
    file = forms.FileField(label=_("Partners file (XLSX, XLS, ODS or CSV)"))
    apply = forms.BooleanField(
        label=_("Import now"),
        required=False,
        help_text=_("Leave unticked for a dry run: the file is checked and nothing is saved."),
    )
