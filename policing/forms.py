from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from osce_baku.widgets import DateInput
from programmes.models import Project, Theme

from .models import UNIT, CagMember, CommunityAdvisoryGroup, FollowUpAction, IssueRaised
from .services import members_on


def policing_themes():
    return Theme.objects.filter(Q(unit_area=UNIT) | Q(unit_area=""))


class MeetingForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    title = forms.CharField(label=_("Title"), max_length=255, initial=_("Community Advisory Group meeting"))
    date = forms.DateField(label=_("Date"), widget=DateInput)
    venue = forms.CharField(label=_("Venue"), max_length=255, required=False)
    women = forms.IntegerField(label=_("Women attending"), min_value=0, initial=0)
    men = forms.IntegerField(label=_("Men attending"), min_value=0, initial=0)
    members_present = forms.IntegerField(label=_("Group members present"), min_value=0, initial=0)
    police_attendees = forms.IntegerField(label=_("Police officers attending"), min_value=0, initial=0)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def __init__(self, *args, cag, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.cag = cag
        self.fields["project"].queryset = Project.objects.editable_by(user).filter(programme__unit_area=UNIT)
        self.fields["topics"].queryset = policing_themes()

    def clean(self):
        data = super().clean()
        project, date = data.get("project"), data.get("date")
        if project and date and not (project.start_date <= date <= (project.end_date or date)):
            self.add_error("date", _("The date is outside the project's dates."))
        if date and self.cag.established_on and date < self.cag.established_on:
            self.add_error("date", _("The group was only established on %(day)s.") % {"day": self.cag.established_on})
        present = data.get("members_present")
        if date and present:
            members = members_on(self.cag, date)
            if present > members:
                self.add_error(
                    "members_present",
                    _("The group had %(count)d members on that day.") % {"count": members},
                )
        return data


class IssueForm(forms.ModelForm):
    class Meta:
        model = IssueRaised
        fields = ["summary", "theme", "raised_by_sector"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = policing_themes()


class ActionForm(forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["description", "owner", "due_date", "status", "outcome"]
        widgets = {"due_date": DateInput, "outcome": forms.Textarea(attrs={"rows": 3})}


class CagForm(forms.ModelForm):
    class Meta:
        model = CommunityAdvisoryGroup
        fields = ["police_department", "location", "established_on", "legal_basis", "status", "notes"]
        widgets = {"established_on": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}


class CagMemberForm(forms.ModelForm):
    class Meta:
        model = CagMember
        fields = ["name", "sector", "sex", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput, "left_on": DateInput}
