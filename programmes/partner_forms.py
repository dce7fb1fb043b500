"""Forms of the partner directory: filters, the partner with its contacts and former names, and a merge."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .forms import DateInput
from .models import Contact, Partner, PartnerFormerName


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Partner.Kind.choices])
    parent = forms.ModelChoiceField(
        label=_("Parent organisation"), required=False, queryset=Partner.objects.none(), empty_label=_("Any")
    )
    mine = forms.BooleanField(label=_("Worked with in my areas"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Partner.objects.filter(children__isnull=False).distinct()


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "name", "name_az", "name_az_verified", "name_ru", "acronym", "kind", "parent", "valid_from", "valid_to",
            "successor", "website", "notes",
        ]  # fmt: skip
        widgets = {"valid_from": DateInput(), "valid_to": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Partner.objects.exclude(pk=self.instance.pk) if self.instance.pk else Partner.objects.all()
        self.fields["parent"].queryset = others
        self.fields["successor"].queryset = others

    def clean_acronym(self):
        # Blank acronyms are stored as NULL, so any number of partners may have none (the column is unique).
        return self.cleaned_data["acronym"].strip() or None

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end of validity cannot be before its start."))
        parent, seen = data.get("parent"), set()
        while parent is not None and self.instance.pk and parent.pk not in seen:
            if parent.pk == self.instance.pk:
                self.add_error("parent", _("A partner cannot sit under one of its own child organisations."))
                break
            seen.add(parent.pk)
            parent = parent.parent
        return data


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone"]


class FormerNameForm(forms.ModelForm):
    class Meta:
        model = PartnerFormerName
        fields = ["name", "name_az", "name_ru", "acronym", "valid_from", "valid_to"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}


ContactFormSet = inlineformset_factory(Partner, Contact, form=ContactForm, extra=2, can_delete=True)
FormerNameFormSet = inlineformset_factory(
    Partner, PartnerFormerName, form=FormerNameForm, fk_name="partner", extra=1, can_delete=True
)


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("Duplicate record to merge into this one"),
        queryset=Partner.objects.none(),
        help_text=_(
            "Its activities, contacts, people, child organisations and former names move here; then it is deleted."
        ),
    )

    def __init__(self, *args, keep, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Partner.objects.exclude(pk=keep.pk)
