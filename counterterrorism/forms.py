from django import forms
from django.utils.translation import gettext_lazy as _

from osce_baku.widgets import DateInput
from programmes.models import ParticipationRole, Person

from .models import EventDetail, Milestone, Strategy


class StrategyForm(forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ("title", "kind", "lead_partner", "description", "start_date", "end_date")
        widgets = {"start_date": DateInput, "end_date": DateInput}


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ("title", "due_date", "status", "completed_on", "note")
        widgets = {"due_date": DateInput, "completed_on": DateInput, "note": forms.Textarea(attrs={"rows": 3})}


class EventDetailForm(forms.ModelForm):
    class Meta:
        model = EventDetail
        fields = ("scope", "target_audience", "agenda", "conclusions")
        widgets = {"agenda": forms.Textarea(attrs={"rows": 4}), "conclusions": forms.Textarea(attrs={"rows": 4})}


class ContributorForm(forms.ModelForm):
    """A moderator or speaker: a new core Person with a core Participation in the event's role."""

    role = forms.ChoiceField(
        label=_("role"), choices=[(r.value, r.label) for r in (ParticipationRole.MODERATOR, ParticipationRole.SPEAKER)]
    )

    class Meta:
        model = Person
        fields = ("first_name", "last_name", "sex", "organisation", "position")

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity

    def person_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
