"""Server-side session bookkeeping: sign-in time (for the absolute timeout), the user's list of sessions (so that
deactivating a user ends them all), and sign-in events in the logs (ids and a username hash, never a name)."""

import hashlib
import hmac
import logging
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import User, UserSession

logger = logging.getLogger("osce_baku.security")

AUTH_AT = "_portal_auth_at"
SEEN_AT = "_portal_seen_at"


def username_hash(username: str) -> str:
    """A stable pseudonym for a username in sign-in failure logs: correlates attempts without naming anyone."""
    digest = hmac.new(settings.SECRET_KEY.encode(), (username or "").lower().encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


def session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


@receiver(user_logged_in)
def _record_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
    if not request.session.session_key:
        request.session.save()
    UserSession.objects.update_or_create(session_key=request.session.session_key, defaults={"user": user})
    logger.info("sign-in succeeded", extra={"event": "sign_in", "subject_user_id": user.pk})


@receiver(user_logged_out)
def _record_sign_out(sender, request, user, **kwargs):
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()
    logger.info("signed out", extra={"event": "sign_out", "subject_user_id": getattr(user, "pk", None)})


@receiver(user_login_failed)
def _record_failure(sender, credentials, request=None, **kwargs):
    logger.warning(
        "sign-in failed",
        extra={"event": "sign_in_failed", "username_hash": username_hash(credentials.get("username", ""))},
    )


def end_sessions_of(user, keep: str | None = None) -> int:
    """Delete every server-side session of the user but `keep` (a session key); returns how many were ended."""
    store = session_store()()
    sessions = UserSession.objects.filter(user=user).exclude(session_key=keep or "")
    keys = list(sessions.values_list("session_key", flat=True))
    for key in keys:
        store.delete(key)
    sessions.filter(session_key__in=keys).delete()
    return len(keys)


@receiver(post_save, sender=User)
def _end_sessions_of_deactivated(sender, instance, created, **kwargs):
    if not created and not instance.is_active:
        ended = end_sessions_of(instance)
        if ended:
            logger.info("sessions ended on deactivation", extra={"subject_user_id": instance.pk, "sessions": ended})
