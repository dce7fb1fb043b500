"""Tokens that existed before expiry and second-factor provenance: unknown provenance counts as NOT verified."""

import datetime

from django.utils import timezone

from accounts.tests.factories import UserFactory

BEFORE = [("api", "0001_initial")]
AFTER = [("api", "0002_token_expiry_and_second_factor")]


def test_existing_tokens_become_unverified_and_expire_a_lifetime_after_creation(migrator, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 90
    user = UserFactory(username="old.token.owner")
    old_state = migrator(BEFORE)
    made = timezone.now() - datetime.timedelta(days=100)
    recent = timezone.now() - datetime.timedelta(days=10)
    OldToken = old_state.get_model("api", "ApiToken")  # noqa: N806 - a model class
    OldToken.objects.create(user_id=user.pk, name="old", prefix="aaaa", key_hash="x" * 64, created_at=made)
    OldToken.objects.create(user_id=user.pk, name="recent", prefix="bbbb", key_hash="y" * 64, created_at=recent)

    migrator(AFTER)
    from api.models import ApiToken

    old, fresh = ApiToken.objects.get(prefix="aaaa"), ApiToken.objects.get(prefix="bbbb")
    assert not old.created_with_mfa and not fresh.created_with_mfa
    assert old.expires_at == made + datetime.timedelta(days=90) and old.is_expired
    assert fresh.expires_at == recent + datetime.timedelta(days=90) and not fresh.is_expired
    assert not ApiToken.objects.unexpired().filter(prefix="aaaa").exists()
