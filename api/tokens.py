"""Creating, checking and revoking personal API tokens."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import mfa

from .models import ApiToken

TOKEN_PREFIX = "pmu"
# The last-used time is written at most this often, so a busy script does not cost a write per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 20


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(*, user, name: str, verified: bool = False) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value, which is shown once and never stored. `verified`: the
    creating session passed a second factor (only such a token works for a user who must use one)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    active = ApiToken.objects.active().filter(user=user)
    if active.filter(name=name).exists():
        raise ValidationError({"name": _("You already have a token with this name.")})
    if active.filter(expires_at__gt=timezone.now()).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError({"name": _("You have too many tokens; revoke one you no longer use.")})
    token = ApiToken(user=user, name=name, created_with_mfa=verified)
    raw = fill_secret(token)
    token.save()
    return token, raw


def fill_secret(token: ApiToken) -> str:
    """Give an unsaved token its prefix and hash; returns the raw value, which exists only in this response."""
    token.prefix = secrets.token_hex(6)
    raw = f"{TOKEN_PREFIX}_{token.prefix}_{secrets.token_urlsafe(32)}"
    token.key_hash = _hash(raw)
    return raw


def revoke_token(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def find_token(raw: str) -> ApiToken | None:
    """The unrevoked, unexpired token whose hash matches `raw`, or None."""
    parts = raw.split("_", 2)  # the secret itself may contain "_"
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.unexpired().select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.key_hash, _hash(raw)):
        return None
    return token


def lacks_second_factor(token: ApiToken) -> bool:
    """The owner must use a second factor (by policy or because they enrolled one) and the token was not made from a
    session that had passed it: the token would be a way around the second factor."""
    return not token.created_with_mfa and mfa.must_use_second_factor(token.user)


def record_use(token: ApiToken) -> None:
    """Note the last use for the tokens page, at most once per LAST_USED_RESOLUTION (not a write per request)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
