"""What every request asks about the signed-in user, read from the shared cache instead of two queries.

Each page asks for the user's roles (accounts.access) and whether they enrolled an authenticator (the second-factor
gate, accounts.mfa). Both change rarely and only through writes we see: group membership, the groups themselves and
TOTP devices. With Redis (USER_FACTS_CACHED) they are kept per user and forgotten on every such write, at the write
and again at commit (a request that read the old rows in between may have stored them). Without a shared cache they
are read from the database on every request: one worker's memory would not hear of a change made through another.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

KEYS = {"roles": "accounts:user-roles:{}", "enrolled": "accounts:user-enrolled:{}"}
# Bumped when a change cannot be traced to its users (a group renamed or deleted, a group's members cleared).
GENERATION_KEY = "accounts:user-facts-generation"
CACHE_SECONDS = 60 * 60


def _read_roles(user) -> frozenset:
    return frozenset(user.groups.values_list("name", flat=True))


def _read_enrolled(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _fact(user, name: str, read):
    """One fact, read once per request (memoised on the user object, which lives as long as the request): both
    facts and the generation come in one cache round trip; a missing one is read from the database alone."""
    facts = getattr(user, "_user_facts", None)
    if facts is not None and name in facts:
        return facts[name]  # asked before in this request: a page asks its access checks some fifty times
    shared = getattr(settings, "USER_FACTS_CACHED", False)
    if facts is None:
        keys = [key.format(user.pk) for key in KEYS.values()]
        facts = user._user_facts = cache.get_many([*keys, GENERATION_KEY]) if shared else {}
    key = KEYS[name].format(user.pk)
    generation = facts.get(GENERATION_KEY, 0)
    stored = facts.get(key)
    if stored is None or stored[0] != generation:
        stored = facts[key] = (generation, read(user))
        if shared:
            cache.set(key, stored, CACHE_SECONDS)
    facts[name] = stored[1]
    return stored[1]


def role_names(user) -> frozenset:
    return _fact(user, "roles", _read_roles)


def has_authenticator(user) -> bool:
    return _fact(user, "enrolled", _read_enrolled)


def warm(user) -> None:
    """Both facts into the shared cache, as for anyone already signed in (tests measure from that steady state);
    nothing is left memoised on `user`."""
    role_names(user)
    has_authenticator(user)
    del user._user_facts


def forget(user_id) -> None:
    keys = [key.format(user_id) for key in KEYS.values()]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_everyone() -> None:
    bump_generation()
    transaction.on_commit(bump_generation)


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 1, None)


# Signal receivers (connected in AccountsConfig.ready) ----------------------------------------------------------


def on_membership_change(sender, instance, action, reverse, pk_set, **_kwargs) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:  # user.groups.add/remove/clear: one user
        forget(instance.pk)
    elif pk_set:  # group.user_set.add/remove: these users
        for user_id in pk_set:
            forget(user_id)
    else:  # group.user_set.clear(): the users are not named
        forget_everyone()


def on_group_change(**_kwargs) -> None:
    forget_everyone()


def on_device_change(sender, instance, **_kwargs) -> None:
    forget(instance.user_id)
