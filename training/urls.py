from django.urls import path

from . import records, views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("trainings/<int:pk>/", views.training_detail, name="training_detail"),
    path("trainings/<int:pk>/certificates/", views.certificates_issue, name="certificates_issue"),
    path("certificates/<int:pk>/pdf/", views.certificate_download, name="certificate_pdf"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("reach/", views.reach, name="reach"),
    path("learning/", views.learning, name="learning"),
    path("publications/", views.publications, name="publications"),
    path("publications/<int:pk>/", views.publication_detail, name="publication_detail"),
    *(pattern for record_type in records.RECORD_TYPES for pattern in record_type.urls()),
]
