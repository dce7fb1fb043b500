from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.job_list, name="index"),
    path("new/", views.job_request, name="request"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/progress/", views.job_progress, name="progress"),
    path("<int:pk>/download/", views.job_download, name="download"),
    path("<int:pk>/retry/", views.job_retry, name="retry"),
]
