from django import forms
from django.utils.translation import gettext_lazy as _

from programmes import workflow
from programmes.models import Activity, ActivityKind


class LinkTrainingForm(forms.Form):
    """Link a training activity, by its number, to this course (activities of any unit the user may edit)."""

    activity = forms.IntegerField(label=_("Training activity number"), min_value=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_activity(self):
        pk = self.cleaned_data["activity"]
        activity = Activity.objects.editable_by(self.user).filter(pk=pk).first()
        if activity is None:
            raise forms.ValidationError(_("No activity with this number that you may edit."))
        if activity.kind != ActivityKind.TRAINING:
            raise forms.ValidationError(_("Only a training activity can be linked to a course."))
        if not workflow.can_edit(self.user, activity):
            raise forms.ValidationError(workflow.refusal(self.user, activity))
        return activity
