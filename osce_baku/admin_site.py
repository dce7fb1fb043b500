from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts import access

# Apps of libraries whose labels Django would show raw ("OTP_STATIC") or in English only.
APP_NAMES = {
    "auth": _("Users and roles"),
    "otp_static": _("Two-factor sign-in: backup codes"),
    "otp_totp": _("Two-factor sign-in: authenticator apps"),
    "axes": _("Sign-in lockouts"),
}


class PortalAdminSite(admin.AdminSite):
    """Django admin for the portal's administrators only (the role, not the is_staff flag)."""

    site_header = _("Baku PMU portal administration")
    site_title = _("PMU portal admin")
    index_title = _("Records")

    def has_permission(self, request):
        return access.is_administrator(request.user)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            if app["app_label"] in APP_NAMES:
                app["name"] = APP_NAMES[app["app_label"]]
        return apps

    def app_index(self, request, app_label, extra_context=None):
        if app_label in APP_NAMES:
            extra_context = {**(extra_context or {}), "title": APP_NAMES[app_label]}
        return super().app_index(request, app_label, extra_context)
