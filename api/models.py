"""Personal API tokens: a user names a token, sees it once, and may revoke it.

Only a SHA-256 hash of the token is stored. The token carries a short public prefix (`pmu_<prefix>_<secret>`) so a
request finds its row by an indexed lookup and then compares hashes in constant time.

A token expires (API_TOKEN_LIFETIME_DAYS after creation) and remembers whether it was made from a session verified
with a second factor: a token made without one stops working when its owner must use one (api.authentication).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Not revoked (the unique-name constraint covers these, expired or not)."""
        return self.filter(revoked_at__isnull=True)

    def unexpired(self):
        """Not revoked and not expired: the tokens that may still authenticate."""
        return self.active().filter(expires_at__gt=timezone.now())


def default_expiry():
    return timezone.now() + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. 'monthly export'."))
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), default=default_expiry, editable=False)
    # False unless the creating session had passed a second factor; tokens from before this field count as False.
    created_with_mfa = models.BooleanField(_("created with a second factor"), default=False, editable=False)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_token_unique_active_name",
            ),
            models.CheckConstraint(condition=~models.Q(key_hash=""), name="api_token_has_hash"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
