"""Rendered page parts cached between requests (issue 15: the fixed cost of every page).

A fragment depends on the parts the caller names (the user's scope, the query), the active language, today's date,
and two version numbers: the dashboards' data version (bumped on every change to activities, participations,
activity partners and indicator periods) and the reference version below (bumped on every change to the reference
records that filter bars list and rows name). The first three make its key; the versions are stored with it
(`cached`) or put in the key of a template's `{% cache %}` block (`key`). A write changes a version, so the next
request renders afresh: nothing needs deleting, and an approval shows at once.

Only pages without personal data cache fragments here (docs/security.md: pages with personal data are not cached).
"""

import hashlib
import json

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from accounts import access

from . import dashboard

REFERENCE_VERSION_KEY = "fragments:reference-version"
CACHE_SECONDS = 15 * 60


def reference_version() -> int:
    return dashboard.current_version(REFERENCE_VERSION_KEY)


def invalidate_reference(**_kwargs) -> None:
    """Called on every change to programmes, projects, locations, partners and themes (now and at commit, as
    dashboard.invalidate)."""
    dashboard.bump_now_and_on_commit(REFERENCE_VERSION_KEY)


def watch(app_config) -> None:
    """Bump the reference version on every change to any record of a unit app (its `AppConfig.ready()` calls this),
    so the unit's cached pages follow its own records as they follow activities. Writes to unit records are rare
    next to reads; a bump costs each cached part one fresh render."""
    for model in app_config.get_models(include_auto_created=True):
        uid = f"fragments-{model._meta.label}"
        if model._meta.auto_created:  # the table behind a many-to-many field
            m2m_changed.connect(invalidate_reference, sender=model, dispatch_uid=f"{uid}-m2m")
            continue
        post_save.connect(invalidate_reference, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(invalidate_reference, sender=model, dispatch_uid=f"{uid}-delete")


def scope(user) -> tuple:
    """What a user's cached parts may differ by: the unit areas whose records, and whose participants' names, the
    user may see (accounts.access). Users with the same scope see the same HTML. Worked out once per process for
    each set of what access decides from, as the menu is."""
    decisions = access.decision_inputs(user)
    found = _scopes.get(decisions)
    if found is None:
        found = _scopes[decisions] = (
            tuple(sorted(access.visible_unit_areas(user))),
            tuple(sorted(access.name_visible_unit_areas(user))),
        )
    return found


_scopes: dict[tuple, tuple] = {}


def _versions(found: dict) -> tuple[int, int]:
    """The data and reference versions from a `cache.get_many()` that asked for them (set to 1 where missing)."""
    data = found.get(dashboard.VERSION_KEY) or dashboard.data_version()
    reference = found.get(REFERENCE_VERSION_KEY) or reference_version()
    return data, reference


def _digest(kind: str, parts) -> str:
    raw = json.dumps([kind, get_language(), str(timezone.localdate()), *parts], default=str, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


def key(kind: str, *parts) -> str:
    """A cache key with the versions in it, for `{% cache %}` blocks of templates."""
    data, reference = _versions(cache.get_many([dashboard.VERSION_KEY, REFERENCE_VERSION_KEY]))
    return f"fragment:{data}:{reference}:{_digest(kind, parts)}"


def cached(kind: str, parts: list, render) -> str:
    """The HTML `render()` returns, from the cache when nothing it depends on has changed since.

    Stored with the versions it was rendered under, and read with them in one round trip (this runs on every
    request of the pages that use it): a stored part whose versions are not today's is rendered afresh and replaces
    it."""
    return cached_many([(kind, parts, render)])[0]


def cached_many(wanted: list[tuple[str, list, object]]) -> list[str]:
    """`cached` for several parts of one page, `(kind, parts, render)` each, read in the same round trip."""
    keys = [f"fragment:{_digest(kind, parts)}" for kind, parts, _render in wanted]
    found = cache.get_many([dashboard.VERSION_KEY, REFERENCE_VERSION_KEY, *keys])
    versions = _versions(found)
    html = []
    for body_key, (_kind, _parts, render) in zip(keys, wanted, strict=True):
        stored = found.get(body_key)
        if stored is not None and stored[0] == versions:
            html.append(stored[1])
            continue
        html.append(render())
        cache.set(body_key, (versions, html[-1]), CACHE_SECONDS)
    return html


def rendered(kind: str, user, template: str, context, *parts) -> SafeString:
    """`template` rendered with the dict `context()` returns (called only on a miss, so its queries run only then),
    cached per the user's scope and `parts` (the query, the page number)."""
    return rendered_many(user, (kind, template, context, parts))[0]


def rendered_many(user, *wanted: tuple[str, str, object, tuple]) -> list[SafeString]:
    """`rendered` for several parts of one page, `(kind, template, context, parts)` each, read in one round trip."""
    user_scope = scope(user)
    html = cached_many(
        [
            (
                kind,
                [user_scope, *parts],
                lambda template=template, context=context: render_to_string(template, context()),
            )
            for kind, template, context, parts in wanted
        ]
    )
    return [mark_safe(part) for part in html]  # noqa: S308 - our own templates' output, escaped when rendered
