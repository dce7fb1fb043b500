from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "osce_baku.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()
        from . import text

        text.install()  # Django's capfirst (form labels, admin headings) learns İ and ı
