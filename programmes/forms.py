from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.units import UnitArea
from osce_baku.widgets import DateInput

from .indicator_rules import COUNTED_STATUSES
from .models import (
    Activity,
    ActivityKind,
    ActivityPartner,
    ActivityStatus,
    Location,
    Participation,
    Partner,
    Person,
    Programme,
    Project,
    Theme,
)
from .registry import activity_defaults


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "project", "kind", "title", "start_date", "end_date", "location", "venue", "themes", "description",
            "outcomes", "cost_eur", "participant_mode", "headcount_women", "headcount_men", "headcount_unrecorded",
        ]  # fmt: skip
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        projects = Project.objects.editable_by(user).select_related("programme")
        self.fields["project"].queryset = projects
        self.fields["location"].queryset = Location.objects.order_by("name")
        areas = set(projects.values_list("programme__unit_area", flat=True).distinct())
        self.fields["themes"].queryset = Theme.objects.filter(unit_area__in=[*areas, ""])
        self.fields["themes"].required = False
        for name in self.HEADCOUNT_FIELDS:
            self.fields[name].required = False
        if not self.instance.pk and len(areas) == 1:
            # A unit may ask for its own defaults (counter-terrorism: headcount, names are rarely recorded).
            for field, value in activity_defaults.get(next(iter(areas)), {}).items():
                self.initial[field] = value

    HEADCOUNT_FIELDS = ("headcount_women", "headcount_men", "headcount_unrecorded")

    def clean(self):
        data = super().clean()
        # Headcounts matter only for activities without named participants: never required, blank means none.
        for name in self.HEADCOUNT_FIELDS:
            if name not in self.errors and data.get(name) is None:
                data[name] = 0
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        project = data.get("project")
        start = data.get("start_date")
        if project and start and (start < project.start_date or (project.end_date and start > project.end_date)):
            self.add_error("start_date", _("The activity must start within the project's dates."))
        return data


class ActivityPartnerForm(forms.ModelForm):
    class Meta:
        model = ActivityPartner
        fields = ["partner", "role", "contribution_eur", "contribution_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        # Rows of a table whose column headers name the fields: each control carries its name for screen readers
        # instead of a visible label repeated on every row.
        for field in self.fields.values():
            widget = field.widget
            widget.attrs["aria-label"] = field.label
            if not isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-select" if isinstance(widget, forms.Select) else "form-control"


ActivityPartnerFormSet = inlineformset_factory(
    Activity, ActivityPartner, form=ActivityPartnerForm, extra=2, can_delete=True, max_num=30, validate_max=True
)


class ActivityFilterForm(forms.Form):
    SORTS = {
        "-start_date": _("Newest first"),
        "start_date": _("Oldest first"),
        "title": _("Title"),
        "-updated_at": _("Recently changed"),
    }
    q = forms.CharField(label=_("Search"), required=False)
    unit_area = forms.ChoiceField(label=_("Unit area"), required=False)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none(), required=False)
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "---------"), *ActivityKind.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", "---------"), *ActivityStatus.choices], required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    location = forms.ModelChoiceField(label=_("Location"), queryset=Location.objects.all(), required=False)
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all(), required=False)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=list(SORTS.items()), required=False)
    happened = forms.BooleanField(label=_("Only activities that took place"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts import access

        areas = access.visible_unit_areas(user)
        self.fields["unit_area"].choices = [("", "---------")] + [c for c in UnitArea.choices if c[0] in areas]
        self.fields["programme"].queryset = Programme.objects.for_user(user)
        self.fields["project"].queryset = Project.objects.for_user(user)
        self.fields["theme"].queryset = Theme.objects.filter(unit_area__in=[*areas, ""])

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        exact = {
            "unit_area": "unit_area",
            "programme": "project__programme",
            "project": "project",
            "kind": "kind",
            "status": "status",
            "location": "location",
        }
        for field, lookup in exact.items():
            if data.get(field):
                queryset = queryset.filter(**{lookup: data[field]})
        # Activities that start in the period: the same rule as the dashboard's figures.
        if data.get("date_from"):
            queryset = queryset.filter(start_date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(start_date__lte=data["date_to"])
        if data.get("happened"):
            queryset = queryset.filter(status__in=COUNTED_STATUSES)
        if data.get("partner"):
            queryset = queryset.filter(partner_links__partner=data["partner"]).distinct()
        if data.get("theme"):
            queryset = queryset.filter(themes=data["theme"])
        if data.get("q"):
            queryset = queryset.filter(Q(title__icontains=data["q"]) | Q(venue__icontains=data["q"]))
        return queryset.order_by(data.get("sort") or "-start_date", "-id")


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "patronymic", "sex", "organisation", "position"]


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["role", "days_attended", "pre_test_score", "post_test_score", "certificate_issued"]

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity

    def clean_days_attended(self):
        days = self.cleaned_data.get("days_attended")
        if days is not None and days > self.activity.duration_days:
            raise forms.ValidationError(_("The activity lasted %(days)d days.") % {"days": self.activity.duration_days})
        return days

    def _clean_score(self, field):
        score = self.cleaned_data.get(field)
        if score is not None and not 0 <= score <= 100:
            raise forms.ValidationError(_("Scores are between 0 and 100."))
        return score

    def clean_pre_test_score(self):
        return self._clean_score("pre_test_score")

    def clean_post_test_score(self):
        return self._clean_score("post_test_score")


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[])
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Evidence

        self.fields["kind"].choices = Evidence.Kind.choices


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Sign-in sheet (XLSX, XLS, ODS or CSV)"))
