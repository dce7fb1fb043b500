from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interop"
    verbose_name = _("Data exchange")

    def ready(self):
        from programmes.registry import register_import_kind

        from .partners import IMPORT_KIND

        register_import_kind(IMPORT_KIND, _("Partners and contacts"))
