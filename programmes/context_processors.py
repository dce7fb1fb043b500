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
        return {"nav": [], "nav_html": ""}
    entries = []
    for item in nav_items:
        if item.unit_area and not access.can_see_unit(user, item.unit_area):
            continue
        if item.visible and not item.visible(user):
            continue
        try:
            url = _url(item.url_name, get_script_prefix())
        except NoReverseMatch:
            continue
        entries.append(
            {
                "label": item.label,
                "url": url,
                "active": request.path.startswith(url) and url != "/",
                "menu": item.menu or (UNIT_MENU if item.unit_area else ""),
            }
        )
    nav = _group_unit_pages(entries)
    return {
        "nav": nav,
        "nav_html": _nav_html(get_language(), _frozen(nav)),
        "is_administrator": access.is_administrator(user),
        "is_manager": access.is_manager(user),
    }


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


# The menu was rendered through the template on every page (~10% of a small page's CPU) though there are only a
# few menus: one per set of visible entries, active entry and language. Rendered once per process for each.


def fixed_reverse(url_name: str) -> str:
    """The URL of a view that takes no arguments, reversed once per process (and script prefix)."""
    return _url(url_name, get_script_prefix())


@functools.cache
def _url(url_name: str, _script_prefix: str) -> str:
    return reverse(url_name)  # the URLconf does not change while the process runs


def _frozen(nav: list[dict]) -> tuple:
    return tuple(
        (str(item["label"]), item.get("url"), item["active"], _frozen(item.get("children", []))) for item in nav
    )


@functools.lru_cache(maxsize=512)
def _nav_html(_language: str, frozen: tuple):
    def thaw(items):
        return [
            {"label": label, "url": url, "active": active, "children": thaw(sub)} for label, url, active, sub in items
        ]

    return mark_safe(render_to_string("includes/nav.html", {"nav": thaw(frozen)}))  # noqa: S308 - our template
