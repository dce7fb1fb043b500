import logging

from django.http import HttpRequest

from .models import AccessAction, AccessLog

logger = logging.getLogger("audit")


def log_access(request_or_user, action, obj=None, detail: str = "") -> AccessLog:
    """Record that the signed-in user viewed or exported personal data or trafficking statistics.

    `obj` is the record concerned (its type and id are kept, never its text); `detail` is a short, name-free note
    such as a file format or filter summary.
    """
    request = request_or_user if isinstance(request_or_user, HttpRequest) else None
    user = request.user if request is not None else request_or_user
    entry = AccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=AccessAction(action).value,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:200],
        request_id=getattr(request, "request_id", "")[:64],
    )
    logger.info("access %s", entry.action, extra={"object_type": entry.object_type, "object_id": entry.object_id})
    return entry


def log_personal_view(request, obj, *, shown: bool) -> None:
    """One-line hook for pages that show personal data only to some users: logs only when it was shown."""
    if shown:
        log_access(request, AccessAction.VIEW_PERSONAL, obj)
