from django.urls import path  # noqa: F401 - the unit's pages are added here

app_name = "trafficking"

urlpatterns = []
