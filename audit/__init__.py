"""Audit: who changed what (from django-simple-history) and who viewed or exported personal data (AccessLog).

Other apps record a view or export with one line:  ``audit.log_access(request, "export", obj, detail="xlsx")``;
a unit's statistics with the generic kinds and the unit as data:
``audit.log_access(request, "view_statistics", unit_area=UNIT, detail="NRM 2023")``.
"""


def log_access(request_or_user, action, obj=None, detail="", unit_area=""):
    from .log import log_access as _log_access  # models load only once the app registry is ready

    return _log_access(request_or_user, action, obj=obj, detail=detail, unit_area=unit_area)


def log_personal_view(request, obj, *, shown):
    from .log import log_personal_view as _log_personal_view

    return _log_personal_view(request, obj, shown=shown)


def scope_history(label, scope):
    """Register `scope(viewer, rows) -> rows` for the audit page's history of one historical model."""
    from .selectors import scope_history as _scope_history

    _scope_history(label, scope)
