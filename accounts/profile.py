"""The user's own profile (their language) and the sign-in that applies it.

The language is stored on the user and set as Django's language cookie at sign-in and whenever the profile is
saved, so LocaleMiddleware serves every later page in it; the footer switcher still changes a single visit.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .models import User


def set_language_cookie(response, language: str):
    """The cookie Django's own set_language view writes, with the same options."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


class SignInView(auth_views.LoginView):
    """Django's sign-in, then the user's chosen language becomes the interface language."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().language
        return set_language_cookie(response, language) if language else response


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]


@never_cache
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        language = user.preferred_language
        translation.activate(language)
        messages.success(request, _("Your profile was saved."))
        return set_language_cookie(redirect("accounts:profile"), language)
    return render(request, "accounts/profile.html", {"form": form})
