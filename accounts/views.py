"""Two-factor enrolment and verification pages. Signing in and out are Django's own views (accounts/urls.py)."""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from . import mfa, sessions

logger = logging.getLogger("osce_baku.security")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split()).lower()


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
@sensitive_post_parameters("token")
def mfa_verify(request):
    """Second step of signing in: a code from the authenticator app, or one of the backup codes."""
    if not mfa.is_enrolled(request.user):
        return redirect("accounts:mfa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if device.__class__.__name__ == "StaticDevice":
                messages.warning(
                    request,
                    _("You used a backup code; %(left)d left. Make new ones on the two-factor page when needed.")
                    % {"left": mfa.backup_codes_left(request.user)},
                )
            return redirect(_next_url(request))
        form.add_error("token", _("This code is not valid. Check the time on your phone, or use a backup code."))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@sensitive_post_parameters("token")
def mfa_setup(request):
    """Enrol (or replace) the authenticator app: scan the QR code, confirm with a code, receive backup codes."""
    if mfa.is_enrolled(request.user) and not request.user.is_verified():
        # Replacing the authenticator needs the current one: a stolen password must not enrol a new phone.
        return redirect("accounts:mfa_verify")
    device = mfa.pending_totp(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            mfa.confirm_totp(device)
            otp_login(request, device)
            # Sessions signed in with the password alone (or with a replaced authenticator) end here: whoever
            # holds one must sign in again, with the new second factor. This one stays, verified.
            ended = sessions.end_sessions_of(request.user, keep=request.session.session_key)
            if ended:
                logger.info(
                    "sessions ended on enrolment", extra={"subject_user_id": request.user.pk, "sessions": ended}
                )
            codes = mfa.new_backup_codes(request.user)
            return render(request, "accounts/mfa_backup_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("token", _("This code is not valid. Check the time on your phone and try the next code."))
    context = {
        "form": form,
        "qr_svg": mark_safe(mfa.qr_svg(device)),  # noqa: S308 - made by the qrcode package from our own data
        "secret": mfa.secret_text(device),
        "next": _next_url(request),
    }
    return render(request, "accounts/mfa_setup.html", context)


@never_cache
def mfa_overview(request):
    return render(
        request,
        "accounts/mfa_overview.html",
        {
            "enrolled": mfa.is_enrolled(request.user),
            "required": mfa.mfa_required(request.user),
            "verified": request.user.is_verified(),
            "codes_left": mfa.backup_codes_left(request.user),
        },
    )


@never_cache
@require_POST
def mfa_backup_codes(request):
    """New backup codes (the old ones stop working); only after the second factor in this session."""
    if not request.user.is_verified():
        return redirect("accounts:mfa_verify")
    return render(request, "accounts/mfa_backup_codes.html", {"codes": mfa.new_backup_codes(request.user)})
