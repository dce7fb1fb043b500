from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

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


def _render_dashboard(request, unit_area=""):
    if not access.can_view_dashboards(request.user):
        raise PermissionDenied
    form = dashboard.DashboardFilterForm(request.GET or None, user=request.user, fixed_unit=unit_area or None)
    filters = form.filters()
    overview = dashboard.overview(request.user, filters)
    panels = [
        {"panel": panel, "context": panel.context(request.user, filters)}
        for panel in dashboard_panels
        if unit_area and panel.unit_area == unit_area
    ]
    scope = sorted(access.visible_unit_areas(request.user))
    logged = next((entry["panel"].access_action for entry in panels if entry["panel"].access_action), "")
    if logged:
        audit.log_access(request, logged, detail=f"{unit_area} dashboard")
    return render(
        request,
        "programmes/dashboard.html",
        {
            "form": form,
            # programmes.fragments: the filter bar's choices follow the scope, the reference records and the query;
            # the figures and their tables follow the same and the data (as the cached overview does).
            "filters_key": fragments.key("dashboard-filters", scope, unit_area, request.GET.urlencode()),
            "figures_key": fragments.key("dashboard-figures", scope, unit_area, request.GET.urlencode()),
            "overview": overview,
            "chart_data": _chart_data(overview),
            "unit_area": unit_area,
            "unit_label": dict(UnitArea.choices).get(unit_area, ""),
            "units": [(code, label) for code, label in UnitArea.choices if access.can_see_unit(request.user, code)],
            "activities_url": dashboard.activity_list_url(filters, happened="on"),
            "submitted_url": dashboard.activity_list_url({"unit_area": unit_area}, status="submitted"),
            "awaiting": dashboard.awaiting_approval(request.user),
            "upcoming": dashboard.upcoming(request.user),
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
    """Indicators off track, loaded after the page (HTMX): each needs its own figures, so it is the slow part."""
    if not access.can_view_dashboards(request.user):
        raise PermissionDenied
    unit_area = request.GET.get("unit_area", "")
    if unit_area and not access.can_see_unit(request.user, unit_area):
        raise PermissionDenied
    off_track = dashboard.indicators_off_track(request.user, unit_area)
    return render(request, "programmes/_off_track.html", {"off_track": off_track})
