from django.urls import path

from . import records, views

app_name = "counterterrorism"

urlpatterns = [
    path("", views.index, name="index"),
    path("beneficiaries/", views.beneficiaries, name="beneficiaries"),
    path("beneficiaries/<int:partner_pk>/", views.beneficiary_detail, name="beneficiary_detail"),
    path("strategies/", views.strategy_list, name="strategy_list"),
    path("strategies/new/", views.strategy_create, name="strategy_create"),
    path("strategies/<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("strategies/<int:pk>/edit/", views.strategy_update, name="strategy_update"),
    path("strategies/<int:pk>/activities/", views.strategy_link, name="strategy_link"),
    path("strategies/<int:strategy_pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", views.milestone_update, name="milestone_update"),
    path("events/", views.event_list, name="event_list"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/contributors/new/", views.event_add_contributor, name="event_add_contributor"),
    *records.strategies.urls(),
    *records.milestones.urls(),
]
