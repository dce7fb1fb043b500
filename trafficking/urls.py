from django.urls import path

from . import records, views

app_name = "trafficking"

urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_pk>/measures/new/", views.measure_create, name="measure_create"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", views.measure_update, name="measure_update"),
    path("measures/<int:pk>/activities/", views.measure_link, name="measure_link"),
    path("measures/<int:measure_pk>/progress/new/", views.progress_create, name="progress_create"),
    path("progress/<int:pk>/evidence/", views.evidence_download, name="evidence_download"),
    path("nrm/", views.nrm, name="nrm"),
    path("nrm/export.csv", views.nrm_export, name="nrm_export"),
    path("nrm/new/", views.nrm_entry, name="nrm_entry"),
    path("nrm/import/", views.nrm_import, name="nrm_import"),
    path("cosponsorship/", views.cosponsorship, name="cosponsorship"),
    *records.plans.urls(),
    *records.measures.urls(),
]
