import functools

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import json_script
from django.utils.translation import gettext_lazy as _

import audit
from accounts import access
from accounts.units import UnitArea
from osce_baku.dates import month_label

from .. import dashboard, fragments
from ..registry import dashboard_panels


def _chart_data(overview):
    """Plain lists for the charts (Chart.js) and their table views."""
    units = dict(UnitArea.choices)
    return {
        "months": [
            {
                "label": month_label(row["month"]),
                "activities": row["activities"],
                "women": row["women"] or 0,
                "men": row["men"] or 0,
            }  # fmt: skip
            for row in overview.by_month
        ],
        "units": [
            {
                "label": str(units.get(row["unit_area"], row["unit_area"])),
                "activities": row["activities"],
                "women": row["women"] or 0,
                "men": row["men"] or 0,
            }  # fmt: skip
            for row in overview.by_unit
        ],
        "places": [
            {
                "name": row["location__name"],
                "lat": float(row["location__latitude"]),
                "lon": float(row["location__longitude"]),
                "activities": row["activities"],
            }  # fmt: skip
            for row in overview.places
        ],
    }


def _dashboard_url(unit_area: str, query) -> str:
    url = reverse("unit_dashboard", args=[unit_area]) if unit_area else reverse("dashboard")
    return f"{url}?{query.urlencode()}" if query else url


def _tabs(query, visible) -> list[dict]:
    return [{"code": "", "label": _("All areas"), "url": _dashboard_url("", query)}] + [
        {"code": code, "label": label, "url": _dashboard_url(code, query)}
        for code, label in UnitArea.choices
        if code in visible
    ]


def _render_dashboard(request, unit_area=""):
    if not access.can_view_dashboards(request.user):
        raise PermissionDenied
    # The unit tabs and the unit-area filter are one control: choosing an area in the filter opens its tab (with
    # the other filters kept), and every tab link carries the other filters.
    query = request.GET.copy()
    chosen = query.pop("unit_area", [None])[-1]
    visible = access.visible_unit_areas(request.user)
    if chosen is not None and chosen != unit_area and (chosen == "" or chosen in visible):
        return redirect(_dashboard_url(chosen, query))
    data = None
    if query or chosen:
        data = query.copy()
        data["unit_area"] = unit_area if chosen is None else chosen
    scope = fragments.scope(request.user)
    # Issue 15: the tabs, the filter bar and the figures are one cached block keyed on the raw query string, so on a
    # hit nothing below is needed. Each value is lazy: the form is built and validated, the figures read, only when
    # the block misses (or a unit's panels need the filters). Validation still decides what a miss shows.
    form = SimpleLazyObject(
        lambda: dashboard.DashboardFilterForm(data, user=request.user, fixed_unit=unit_area or None)
    )
    filters = functools.cache(lambda: form.filters())
    overview = SimpleLazyObject(lambda: dashboard.overview(request.user, filters()))
    chart_data = functools.cache(lambda: _chart_data(overview))
    panels = [
        {"panel": panel, "context": panel.context(request.user, filters())}
        for panel in dashboard_panels
        if unit_area and panel.unit_area == unit_area
    ]
    logged = next((entry["panel"].access_action for entry in panels if entry["panel"].access_action), "")
    if logged:
        audit.log_access(request, logged, unit_area=unit_area, detail=f"{unit_area} dashboard")
    return render(
        request,
        "programmes/dashboard.html",
        {
            "form": form,
            # programmes.fragments: the tabs, the filter bar's choices, the figures and their tables follow the scope,
            # the query, the reference records and the data (as the cached overview does): one cached block.
            "page_key": fragments.key("dashboard", scope, unit_area, request.GET.urlencode()),
            "overview": overview,
            "chart_data": SimpleLazyObject(chart_data),
            # Inside the cached figures, so rendered (and the figures read) only when they miss.
            "chart_json": SimpleLazyObject(lambda: json_script(chart_data(), "dashboard-data")),
            "unit_area": unit_area,
            "unit_label": dict(UnitArea.choices).get(unit_area, ""),
            "tabs": SimpleLazyObject(lambda: _tabs(query, visible)),
            "filter_query": SimpleLazyObject(lambda: dashboard.filter_query(filters())),
            "activities_url": SimpleLazyObject(lambda: dashboard.activity_list_url(filters(), happened="on")),
            "submitted_url": SimpleLazyObject(lambda: dashboard.activity_list_url(filters(), status="submitted")),
            "awaiting": SimpleLazyObject(lambda: dashboard.awaiting_approval(request.user, filters())),
            "upcoming": SimpleLazyObject(lambda: dashboard.upcoming(request.user, filters())),
            "panels": panels,
            "today": timezone.localdate(),
        },
    )


def overview(request):
    return _render_dashboard(request)


def unit_dashboard(request, unit_area):
    if unit_area not in UnitArea.values:
        raise Http404
    if not access.can_see_unit(request.user, unit_area):
        raise PermissionDenied
    return _render_dashboard(request, unit_area)


def off_track_fragment(request):
    """Indicators off track, loaded after the page (HTMX): each needs its own figures, so it is the slow part.
    It gets the page's filters, so it shows what the page around it is filtered to."""
    if not access.can_view_dashboards(request.user):
        raise PermissionDenied
    unit_area = request.GET.get("unit_area", "")
    if unit_area and not access.can_see_unit(request.user, unit_area):
        raise PermissionDenied
    form = dashboard.DashboardFilterForm(request.GET, user=request.user, fixed_unit=unit_area or None)
    off_track = dashboard.indicators_off_track(request.user, form.filters())
    return render(request, "programmes/_off_track.html", {"off_track": off_track})
