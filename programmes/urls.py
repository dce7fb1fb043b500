from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard_overview, name="dashboard"),
    path("dashboard/off-track/", views.off_track_fragment, name="dashboard_off_track"),
    path("dashboard/<slug:unit_area>/", views.unit_dashboard, name="unit_dashboard"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/periods/<int:period_pk>/", views.period_edit, name="period_edit"),
    path("indicators/<int:pk>/periods/<int:period_pk>/status/", views.period_transition, name="period_transition"),
    path("indicators/<int:pk>/periods/<int:period_pk>/activities/", views.period_activities, name="period_activities"),
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
