from django import forms
from django.utils.translation import gettext_lazy as _

from osce_baku.widgets import DateInput
from programmes.uploads import check_evidence_file

from .models import Measure, NrmStatistic, ProgressUpdate


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ("number", "text", "responsible", "deadline", "indicator")
        widgets = {
            "deadline": DateInput,
            "text": forms.Textarea(attrs={"rows": 3}),
            "indicator": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_number(self):
        # The plan is not a form field, so Django's unique check skips (plan, number): check it here.
        number = self.cleaned_data["number"].strip()
        clash = Measure.objects.filter(plan=self.instance.plan, number=number).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This plan already has a measure %(number)s.") % {"number": number})
        return number


class ProgressUpdateForm(forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ("reported_on", "status", "note", "evidence")
        widgets = {"reported_on": DateInput, "note": forms.Textarea(attrs={"rows": 3})}

    def clean_evidence(self):
        """The activity evidence rules: allowed types checked by content, and the size limit."""
        evidence = self.cleaned_data.get("evidence")
        if evidence:
            # The uploader's name is kept as data (the download's name); the stored name is the server's.
            self.cleaned_data["evidence_type"] = check_evidence_file(evidence)
            self.cleaned_data["evidence_name"] = evidence.name[:255]
        return evidence


class NrmStatisticForm(forms.Form):
    """One aggregate cell; saving a cell that already exists replaces its count (services.save_nrm_statistics)."""

    FIELDS = (*NrmStatistic.DIMENSIONS, "count")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(NrmStatistic, fields=self.FIELDS))

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            # The model's own checks, but not uniqueness: an existing cell is replaced, not refused.
            try:
                NrmStatistic(**cleaned).full_clean(validate_unique=False, validate_constraints=False)
            except forms.ValidationError as exc:
                self.add_error(None, exc)
        return cleaned


class NrmImportForm(forms.Form):
    # The type is checked by content when the file is read (programmes.spreadsheets).
    file = forms.FileField(
        label=_("Spreadsheet (XLSX, XLS, ODS or CSV)"),
        help_text=_("First row: headings. One row per aggregate count."),
    )
