from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from osce_baku.health import health

urlpatterns = [
    path("", include("programmes.urls")),
    path("accounts/", include("accounts.urls")),
    path("policing/", include("policing.urls")),
    path("training/", include("training.urls")),
    path("counterterrorism/", include("counterterrorism.urls")),
    path("trafficking/", include("trafficking.urls")),
    path("reports/", include("reports.urls")),
    # Anyone, signed in or not, may switch the language (the login page offers it).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("audit/", include("audit.urls")),
    path("api/", include("api.urls")),
    path("interop/", include("interop.urls")),
    path("health/", health, name="health"),
]

# A database outage outside a view (session or user lookup) gets the friendly 503 page, not a 500.
handler500 = "osce_baku.middleware.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)
