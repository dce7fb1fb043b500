from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/review/", views.review_queue, name="review_queue"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/history/", views.activity_history, name="activity_history"),
    path("activities/<int:pk>/status/", views.activity_transition, name="activity_transition"),
    path("activities/<int:pk>/participants/add/", views.participant_add, name="participant_add"),
    path("activities/<int:pk>/participants/import/", views.participant_import, name="participant_import"),
    path("activities/<int:pk>/participants/search/", views.people_search, name="people_search"),
    path("activities/<int:pk>/participants/<int:participation_pk>/", views.participant_edit, name="participant_edit"),
    path(
        "activities/<int:pk>/participants/<int:participation_pk>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("activities/<int:pk>/evidence/add/", views.evidence_upload, name="evidence_upload"),
    path("activities/<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence_download"),
    path("activities/<int:pk>/evidence/<int:evidence_pk>/delete/", views.evidence_delete, name="evidence_delete"),
]
