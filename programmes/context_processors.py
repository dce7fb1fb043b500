import functools

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import access

from .registry import nav_items


def navigation(request):
    """The navigation entries this user may use: core and unit apps register them in programmes.registry."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_html": ""}
    # Which entries a user sees follows from what accounts.access decides from: worked out once per process for each
    # such set, and the menu rendered once for each set, active entry and language (about 0.15 ms a page before).
    decisions = access.decision_inputs(user)
    prefix = get_script_prefix()
    urls = _visible_urls(decisions, prefix, user)
    active = tuple(request.path.startswith(url) and url != "/" for url in urls)
    return {
        "nav_html": _menu(decisions, prefix, active, get_language()),
        "is_administrator": access.is_administrator(user),
        "is_manager": access.is_manager(user),
    }


_visible_entries: dict[tuple, list[tuple]] = {}


def _visible_urls(decisions: tuple, prefix: str, user) -> list[str]:
    """The URLs of the entries a user with these decisions may use (`user` is one such user), in menu order."""
    key = (decisions, prefix)
    entries = _visible_entries.get(key)
    if entries is None:
        entries = []
        for item in nav_items:
            if item.unit_area and not access.can_see_unit(user, item.unit_area):
                continue
            if item.visible and not item.visible(user):
                continue
            try:
                entries.append((item, _url(item.url_name, prefix)))
            except NoReverseMatch:
                continue
        _visible_entries[key] = entries
    return [url for _item, url in entries]


@functools.lru_cache(maxsize=512)
def _menu(decisions: tuple, prefix: str, active: tuple, _language: str):
    entries = [
        {
            "label": item.label,
            "url": url,
            "active": is_active,
            "menu": item.menu or (UNIT_MENU if item.unit_area else ""),
        }
        for (item, url), is_active in zip(_visible_entries[decisions, prefix], active, strict=True)
    ]
    return mark_safe(render_to_string("includes/nav.html", {"nav": _group_unit_pages(entries)}))  # noqa: S308


UNIT_MENU = _("Programme areas")


def _group_unit_pages(entries: list[dict]) -> list[dict]:
    """Entries of one menu (the unit apps' pages, the administrators' pages) in one drop-down where the first of
    them would be, when there is more than one: the top bar must fit on one line at 1366 px in every language."""
    members: dict[str, list] = {}
    for entry in entries:
        if entry["menu"]:
            members.setdefault(str(entry["menu"]), []).append(entry)
    grouped, placed = [], set()
    for entry in entries:
        children = members.get(str(entry["menu"])) if entry["menu"] else None
        if not children or len(children) < 2:
            grouped.append(entry)
        elif str(entry["menu"]) not in placed:
            placed.add(str(entry["menu"]))
            active = any(child["active"] for child in children)
            grouped.append({"label": entry["menu"], "children": children, "active": active})
    return grouped


def fixed_reverse(url_name: str) -> str:
    """The URL of a view that takes no arguments, reversed once per process (and script prefix)."""
    return _url(url_name, get_script_prefix())


@functools.cache
def _url(url_name: str, _script_prefix: str) -> str:
    return reverse(url_name)  # the URLconf does not change while the process runs
