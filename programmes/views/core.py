from django.shortcuts import render

from .. import home as home_sections


def home(request):
    """Each role's own work (programmes/home.py): staff drafts and returns, managers' approvals, data quality."""
    return render(request, "programmes/home.html", home_sections.home_context(request.user))
