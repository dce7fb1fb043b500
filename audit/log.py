import logging

from django.http import HttpRequest

from .models import AccessAction, AccessLog

logger = logging.getLogger("audit")


def log_access(request_or_user, action, obj=None, detail: str = "", unit_area: str = "") -> AccessLog:
    """Record that the signed-in user viewed or exported personal data or a unit's logged statistics.

    `obj` is the record concerned (its type and id are kept, never its text); `detail` is a short, name-free note
    such as a file format or filter summary; `unit_area` names the unit whose statistics these were.
    """
    request, user = _request_and_user(request_or_user)
    entry = AccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=AccessAction(action).value,
        unit_area=unit_area,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:200],
        request_id=getattr(request, "request_id", "")[:64],
    )
    logger.info("access %s", entry.action, extra={"object_type": entry.object_type, "object_id": entry.object_id})
    return entry


def _request_and_user(request_or_user):
    """(Django request or None, user) from a Django request, a DRF request or a bare user.

    A DRF `Request` is not an `HttpRequest`: it wraps one (`_request`, which carries the request id) and holds the
    user its authentication found (a token user is not on the wrapped request), so take each from where it is."""
    wrapped = getattr(request_or_user, "_request", None)
    if isinstance(wrapped, HttpRequest):
        return wrapped, request_or_user.user
    if isinstance(request_or_user, HttpRequest):
        return request_or_user, request_or_user.user
    return None, request_or_user


def log_personal_view(request, obj, *, shown: bool) -> None:
    """One-line hook for pages that show personal data only to some users: logs only when it was shown."""
    if shown:
        log_access(request, AccessAction.VIEW_PERSONAL, obj)
