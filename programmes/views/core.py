from django.shortcuts import render

from .. import selectors


def home(request):
    return render(request, "programmes/home.html", {"recent_activities": selectors.recent_activities_for(request.user)})
