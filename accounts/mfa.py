"""Two-factor sign-in policy and devices (django-otp): a TOTP app plus single-use backup codes.

REQUIRE_MFA decides who must use a second factor: "none", "managers" (managers and administrators) or "all".
A user who has enrolled an authenticator must use it whatever the policy says (`must_use_second_factor`).
"""

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db.models import Q
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import access, user_facts

BACKUP_CODE_COUNT = 10


def mfa_required(user) -> bool:
    policy = getattr(settings, "REQUIRE_MFA", "none")
    if not getattr(user, "is_authenticated", False) or policy == "none":
        return False
    if policy == "all":
        return True
    return access.is_manager(user) or access.is_administrator(user)


def must_use_second_factor(user) -> bool:
    """The policy requires it, or the user enrolled an authenticator: then it is asked at every sign-in, since a
    password alone must not open an account its owner believes is protected by two factors."""
    return mfa_required(user) or (getattr(user, "is_authenticated", False) and user_facts.has_authenticator(user))


def second_factor_pending(user) -> bool:
    """A signed-in user who must use a second factor and has not passed it in this session (django-otp's
    `is_verified`, set by OTPMiddleware). Checked cheapest first: a verified user costs no query."""
    return bool(user.is_authenticated and not user.is_verified() and must_use_second_factor(user))


def confirmed_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp(user) -> TOTPDevice:
    """The not-yet-confirmed device shown during enrolment (the same one on every reload, so the QR code stays)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, grouped in fours, for typing into an app that cannot scan."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG made on the server (no outside QR service sees the secret)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    return svg[svg.index("<svg") :]


def confirm_totp(device: TOTPDevice) -> None:
    """Make `device` the user's only authenticator."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes; the plain codes are shown once and kept only in the database."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="backup", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def users_missing_second_factor():
    """Active users the policy requires a second factor of who have not enrolled an authenticator yet."""
    from .models import User
    from .roles import Role

    policy = getattr(settings, "REQUIRE_MFA", "none")
    if policy == "none":
        return User.objects.none()
    users = User.objects.filter(is_active=True).exclude(
        pk__in=TOTPDevice.objects.filter(confirmed=True).values("user_id")
    )
    if policy != "all":
        users = users.filter(
            Q(groups__name__in=[Role.MANAGER.value, Role.ADMINISTRATOR.value]) | Q(is_superuser=True)
        ).distinct()
    return users.order_by("username")
