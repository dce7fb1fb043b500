"""Attendance import in two steps: upload and preview, then confirm. The file waits on the server in between,
under a random name known only to the uploader's session, and is parsed and validated again on confirmation.

Also the list of the imports a user started, of every kind (programmes.import_runs)."""

import uuid
from pathlib import Path

from django.contrib import messages
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

import audit

from ..attendance_import import ImportFileError, ImportInvalid, apply_import, start_import
from ..forms import ImportUploadForm
from ..models import ImportRun
from ..selectors import page_without_count
from .lookups import get_editable_activity
from .participants import _check_names_visible

SESSION_KEY = "attendance_imports"
PAGE_SIZE = 50


def _stash(request, activity, uploaded) -> str:
    token = uuid.uuid4().hex
    suffix = Path(uploaded.name).suffix.lower()[:10]
    path = default_storage.save(f"imports/{token}{suffix}", uploaded)
    stash = request.session.get(SESSION_KEY, {})
    stash[token] = {"activity": activity.pk, "path": path, "name": uploaded.name[:255]}
    request.session[SESSION_KEY] = stash
    return token


def _unstash(request, activity, token):
    entry = request.session.get(SESSION_KEY, {}).get(token or "")
    if not entry or entry["activity"] != activity.pk or not default_storage.exists(entry["path"]):
        return None
    return entry


def _forget(request, token):
    stash = request.session.get(SESSION_KEY, {})
    entry = stash.pop(token, None)
    request.session[SESSION_KEY] = stash
    if entry:
        default_storage.delete(entry["path"])


class _StoredUpload:
    """The stashed file, opened with the name the user gave it (the importer reads the type from the name)."""

    def __init__(self, entry):
        self.name = entry["name"]
        self._file = default_storage.open(entry["path"], "rb")
        self.size = self._file.size

    def __getattr__(self, attr):
        return getattr(self._file, attr)


@never_cache
def participant_import(request, pk):
    activity = get_editable_activity(request, pk)
    _check_names_visible(request, activity)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context = {"activity": activity, "form": form}
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request, activity, request.POST["token"])
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            context["preview"] = start_import(activity=activity, uploaded_file=uploaded, user=request.user)
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            if context["preview"].is_valid:
                uploaded.seek(0)
                context["token"] = _stash(request, activity, uploaded)
    return render(request, "programmes/participant_import.html", context)


def _confirm(request, activity, token):
    entry = _unstash(request, activity, token)
    if entry is None:
        messages.error(request, _("The uploaded file has expired. Please upload it again."))
        return redirect("participant_import", pk=activity.pk)
    stored = _StoredUpload(entry)
    try:
        result = apply_import(activity=activity, uploaded_file=stored, user=request.user)
    except (ImportFileError, ImportInvalid):
        messages.error(request, _("The file is no longer valid for this activity. Please upload it again."))
        return redirect("participant_import", pk=activity.pk)
    finally:
        stored.close()
        _forget(request, token)
    audit.log_access(request, "import_personal", activity, detail=f"{result.added} added")
    messages.success(
        request,
        _("Sign-in sheet imported: %(added)d added (%(created)d new people, %(matched)d already known), %(skipped)d "
          "already on the activity.")
        % {"added": result.added, "created": result.created_people, "matched": result.matched_people,
           "skipped": result.skipped},
    )  # fmt: skip
    return redirect("activity_detail", pk=activity.pk)


def import_list(request):
    """Every import the user started, newest first; nobody sees anyone else's."""
    runs = ImportRun.objects.for_user(request.user).order_by("-started_at", "-id")
    page = page_without_count(runs, request.GET.get("page"), PAGE_SIZE)
    return render(request, "programmes/import_list.html", {"page": page})
