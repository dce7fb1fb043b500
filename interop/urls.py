from django.urls import path, register_converter

from . import views


class ExportFormat:
    regex = "xlsx|csv"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "exportformat")

app_name = "interop"

urlpatterns = [
    path("", views.index, name="index"),
    path("iati/", views.iati_list, name="iati_list"),
    path("iati/project/<int:pk>.xml", views.iati_project, name="iati_project"),
    path("partners/", views.partner_exchange, name="partners"),
    path("partners/export.<exportformat:fmt>", views.partner_export, name="partners_export"),
]
