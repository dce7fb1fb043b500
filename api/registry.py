"""API routes that unit apps add. A unit's `api_views.py` registers its viewsets and views here when it is imported;
`ApiConfig.ready()` imports every installed app's `api_views` module (autodiscovery, as the admin finds `admin.py`),
so the API names no unit, and `api/urls.py` puts the registered routes after the core ones and before its
catch-all."""

from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules

MODULE_NAME = "api_views"


@dataclass(frozen=True)
class ViewSetRoute:
    prefix: str  # "policing/cags"
    viewset: Any
    basename: str  # URL names are api:<basename>-list and api:<basename>-detail


@dataclass(frozen=True)
class ViewRoute:
    route: str  # "trafficking/nrm/<int:year>/"
    view: Any  # an APIView class
    name: str


_viewsets: list[ViewSetRoute] = []
_views: list[ViewRoute] = []


def register_viewset(prefix: str, viewset, basename: str) -> None:
    if any(route.basename == basename for route in _viewsets):
        return  # a module imported twice (autodiscovery after a test imported it) registers once
    _viewsets.append(ViewSetRoute(prefix, viewset, basename))


def register_view(route: str, view, name: str) -> None:
    if any(existing.name == name for existing in _views):
        return
    _views.append(ViewRoute(route, view, name))


def viewsets() -> list[ViewSetRoute]:
    return list(_viewsets)


def views() -> list[ViewRoute]:
    return list(_views)


def autodiscover() -> None:
    autodiscover_modules(MODULE_NAME)
