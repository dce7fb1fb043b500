"""The portal's URLs plus the bench's bare view (only under bench.settings; production never serves it)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from osce_baku.urls import handler500  # noqa: F401
from osce_baku.urls import urlpatterns as portal_urlpatterns


@login_not_required
def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
