from django.urls import NoReverseMatch, reverse

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
        entries.append({"label": item.label, "url": url, "active": request.path.startswith(url) and url != "/"})
    return {"nav": entries, "is_administrator": access.is_administrator(user), "is_manager": access.is_manager(user)}
