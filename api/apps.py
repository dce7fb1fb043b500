from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("API")

    def ready(self):
        # Importing schema registers the token scheme with drf-spectacular.
        from . import registry, schema  # noqa: F401

        # Each unit app's api_views module registers its routes (api/registry.py).
        registry.autodiscover()
