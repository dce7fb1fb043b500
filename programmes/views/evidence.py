from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import audit

from ..forms import EvidenceForm
from ..models import Evidence
from ..uploads import check_evidence_file, evidence_response
from .lookups import get_activity_for_user, get_editable_activity


def evidence_upload(request, pk):
    activity = get_editable_activity(request, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            content_type = check_evidence_file(uploaded)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            Evidence.objects.create(
                activity=activity,
                kind=form.cleaned_data["kind"],
                file=uploaded,
                original_name=uploaded.name[:255],
                content_type=content_type,
                size=uploaded.size,
                description=form.cleaned_data["description"],
                uploaded_by=request.user,
            )
            messages.success(request, _("Evidence attached."))
            return redirect("activity_detail", pk=activity.pk)
    return render(request, "programmes/evidence_form.html", {"activity": activity, "form": form})


def evidence_download(request, pk, evidence_pk):
    activity = get_activity_for_user(request, pk)
    evidence = get_object_or_404(activity.evidence, pk=evidence_pk)
    audit.log_access(request, "download_evidence", evidence)
    return evidence_response(evidence.file, filename=evidence.original_name, content_type=evidence.content_type)


@require_POST
def evidence_delete(request, pk, evidence_pk):
    activity = get_editable_activity(request, pk)
    evidence = get_object_or_404(activity.evidence, pk=evidence_pk)
    evidence.file.delete(save=False)
    evidence.delete()
    messages.success(request, _("Evidence removed."))
    return redirect("activity_detail", pk=activity.pk)
