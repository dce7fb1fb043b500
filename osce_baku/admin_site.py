from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts import access


class PortalAdminSite(admin.AdminSite):
    """Django admin for the portal's administrators only (the role, not the is_staff flag)."""

    site_header = _("Baku PMU portal administration")
    site_title = _("PMU portal admin")
    index_title = _("Records")

    def has_permission(self, request):
        return access.is_administrator(request.user)
