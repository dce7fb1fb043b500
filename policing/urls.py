from django.urls import path

from . import records, views

app_name = "policing"

urlpatterns = [
    path("", views.cag_list, name="index"),
    path("groups/<int:pk>/", views.cag_detail, name="cag_detail"),
    path("groups/<int:pk>/meetings/add/", views.meeting_add, name="meeting_add"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/issues/add/", views.issue_add, name="issue_add"),
    path("issues/<int:pk>/actions/add/", views.action_add, name="action_add"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/overdue/", views.overdue_actions, name="overdue"),
    path("rollout/", views.rollout, name="rollout"),
    *records.groups.urls(),
    *records.members.urls(),
]
