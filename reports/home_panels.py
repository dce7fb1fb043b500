"""The reports its user started, on their home page (registered in ReportsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from accounts import access
from programmes.registry import HomePanel

from .models import ReportJob

SHOWN = 5


def my_reports(user) -> dict | None:
    """The user's latest report jobs (one query); nothing when they have requested none."""
    jobs = list(ReportJob.objects.for_user(user).filter(requested_by=user).order_by("-created_at", "-id")[:SHOWN])
    return {"jobs": jobs} if jobs else None


PANEL = HomePanel(_("Reports you requested"), "reports/_home_jobs.html", my_reports, access.can_request_reports, 50)
