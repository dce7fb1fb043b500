"""The audit page: administrators only, read-only (GET only; nothing here writes)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import access

from . import selectors
from .forms import AccessFilterForm, ChangeFilterForm
from .log import log_access
from .models import AccessAction


def _only_administrators(request):
    if not access.is_administrator(request.user):
        raise PermissionDenied


def _query_without(request, key) -> str:
    query = request.GET.copy()
    query.pop(key, None)
    return query.urlencode()


@require_GET
def changes(request):
    _only_administrators(request)
    form = ChangeFilterForm(request.GET or None)
    values = form.values() if request.GET else {}
    rows, next_cursor = selectors.changes_page(
        model=values.get("model") or "",
        user=values.get("user"),
        date_from=values.get("date_from"),
        date_to=values.get("date_to"),
        cursor=request.GET.get("after", ""),
        viewer=request.user,
    )
    # Old and new values of every history table, participants' names among them.
    log_access(request, AccessAction.VIEW_PERSONAL, detail="audit changes")
    return render(
        request,
        "audit/changes.html",
        {"form": form, "changes": rows, "next_cursor": next_cursor, "query": _query_without(request, "after")},
    )


@require_GET
def access_log(request):
    _only_administrators(request)
    form = AccessFilterForm(request.GET or None)
    values = form.values() if request.GET else {}
    try:
        before = int(request.GET.get("before", "")) or None
    except ValueError:
        before = None
    entries, next_before = selectors.access_page(
        action=values.get("action") or "",
        unit_area=values.get("unit_area") or "",
        user=values.get("user"),
        date_from=values.get("date_from"),
        date_to=values.get("date_to"),
        before=before,
    )
    return render(
        request,
        "audit/access_log.html",
        {"form": form, "entries": entries, "next_before": next_before, "query": _query_without(request, "before")},
    )
