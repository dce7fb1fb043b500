from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "osce_baku.admin_site.PortalAdminSite"
