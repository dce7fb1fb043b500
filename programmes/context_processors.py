from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts import access

from .registry import nav_items


def navigation(request):
    """The navigation entries this user may use: core and unit apps register them in programmes.registry."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    entries = []
    for item in nav_items:
        if item.unit_area and not access.can_see_unit(user, item.unit_area):
            continue
        if item.visible and not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
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
    return {
        "nav": _group_unit_pages(entries),
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
