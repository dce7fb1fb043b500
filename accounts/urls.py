from django.contrib.auth import views as auth_views
from django.urls import path

from . import profile, views

app_name = "accounts"

urlpatterns = [
    path("login/", profile.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", profile.profile, name="profile"),
    path("mfa/", views.mfa_overview, name="mfa"),
    path("mfa/setup/", views.mfa_setup, name="mfa_setup"),
    path("mfa/verify/", views.mfa_verify, name="mfa_verify"),
    path("mfa/backup-codes/", views.mfa_backup_codes, name="mfa_backup_codes"),
]
