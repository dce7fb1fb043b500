"""Session timeouts and the second-factor gate."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import mfa
from .sessions import AUTH_AT, SEEN_AT

# The idle clock is written at most this often, so a busy user does not cost a session write per request.
SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    """End a session after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_ABSOLUTE_TIMEOUT seconds
    after sign-in whatever happens. Ending flushes the session on the server, not only in the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            auth_at = session.get(AUTH_AT)
            seen_at = session.get(SEEN_AT, auth_at)
            if auth_at is None:
                session[AUTH_AT] = session[SEEN_AT] = now
            elif now - auth_at > settings.SESSION_ABSOLUTE_TIMEOUT or now - seen_at > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("Your session has expired. Please sign in again."))
                return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}")
            elif now - seen_at >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
        return self.get_response(request)


# Reachable before the second factor: signing out, the MFA pages themselves, the health probe, language switch.
_MFA_OPEN_PREFIXES = ("/accounts/logout/", "/accounts/mfa/", "/health/", "/i18n/")


class MFARequiredMiddleware:
    """A user who must use two-factor sign-in (by policy, or because they enrolled) and has not passed it in this
    session goes to verify (or enrol) before anything else, the Django admin included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            not request.path.startswith(_MFA_OPEN_PREFIXES)
            and not request.path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/")
            and mfa.second_factor_pending(user)
        ):
            target = "accounts:mfa_verify" if mfa.is_enrolled(user) else "accounts:mfa_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
