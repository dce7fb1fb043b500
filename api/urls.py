"""/api/: the REST API (v1), its OpenAPI schema and docs, and the personal tokens page.

API views are login_not_required (DRF marks its views so; we say it here too): LoginRequiredMiddleware would
otherwise redirect a request that authenticates with a token, since DRF authenticates inside the view. DRF's
IsAuthenticated then answers 401/403 in JSON.
The docs page and the tokens page are ordinary pages for signed-in users.
Unit apps add their routes through api/registry.py (their api_views modules); they come after the core routes.
"""

from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import registry
from .views import core, reports
from .views.base import NoSuchEndpoint
from .views.tokens import token_list, token_revoke

app_name = "api"

router = SimpleRouter()
router.register("locations", core.LocationViewSet, basename="location")
router.register("partners", core.PartnerViewSet, basename="partner")
router.register("programmes", core.ProgrammeViewSet, basename="programme")
router.register("projects", core.ProjectViewSet, basename="project")
router.register("activities", core.ActivityViewSet, basename="activity")
router.register("people", core.PersonViewSet, basename="person")
router.register("participations", core.ParticipationViewSet, basename="participation")
router.register("indicators", core.IndicatorViewSet, basename="indicator")
router.register("report-jobs", reports.ReportJobViewSet, basename="reportjob")
for unit_route in registry.viewsets():
    router.register(unit_route.prefix, unit_route.viewset, basename=unit_route.basename)

v1 = [
    *router.urls,
    *(path(view_route.route, view_route.view.as_view(), name=view_route.name) for view_route in registry.views()),
    # Last: whatever else is asked under v1/ gets the API's JSON 404, not the portal's HTML page.
    re_path(r"^(?P<rest>.*)$", NoSuchEndpoint.as_view(), name="no-such-endpoint"),
]
for pattern in v1:
    login_not_required(pattern.callback)

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    # DRF views are login_not_required by default; the docs are a page for people, who go to sign in first.
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("tokens/", token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", token_revoke, name="token_revoke"),
]
