"""IATI downloads (anyone who sees projects, for the projects they see) and the partner exchange (administrators)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

import audit
from accounts import access
from programmes.models import Project

from . import iati, partners
from .forms import IatiFilterForm, PartnerImportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xml_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def index(request):
    return render(
        request,
        "interop/index.html",
        {"form": IatiFilterForm(user=request.user), "is_administrator": access.is_administrator(request.user)},
    )


def iati_list(request):
    form = IatiFilterForm(request.GET, user=request.user)
    context = {"form": form, "is_administrator": access.is_administrator(request.user)}
    if not form.is_valid():
        return render(request, "interop/index.html", context, status=400)
    projects = form.projects()
    if not projects.exists():
        # The standard has no empty file (iati-activities needs an iati-activity): say so instead.
        context["empty"] = True
        return render(request, "interop/index.html", context, status=404)
    day = timezone.localdate().isoformat()
    return _xml_response(iati.export_projects(projects), f"iati-activities-{day}.xml")


def iati_project(request, pk):
    project = get_object_or_404(Project.objects.for_user(request.user), pk=pk)
    projects = Project.objects.filter(pk=project.pk)
    return _xml_response(iati.export_projects(projects), f"iati-{iati.project_identifier(project)}.xml")


def _require_administrator(request):
    if not access.is_administrator(request.user):
        raise PermissionDenied


@never_cache
def partner_exchange(request):
    """Export links, and the import form: a dry run lists every row error; an import saves all rows or none."""
    _require_administrator(request)
    form = PartnerImportForm(request.POST or None, request.FILES or None)
    report = file_error = None
    if request.method == "POST" and form.is_valid():
        try:
            report = partners.read_import(
                form.cleaned_data["file"], apply=form.cleaned_data["apply"], user=request.user
            )
        except partners.ImportFileError as error:
            file_error = error.message
        else:
            if report.applied:
                audit.log_access(request, "import_personal", None, detail="partners and contacts")
    return render(
        request,
        "interop/partners.html",
        {"form": form, "report": report, "file_error": file_error, "columns": partners.COLUMNS},
    )


@never_cache
def partner_export(request, fmt):
    _require_administrator(request)
    day = timezone.localdate().isoformat()
    audit.log_access(request, "export_personal", None, detail=f"partners and contacts {fmt}")
    if fmt == "csv":
        response = HttpResponse(partners.write_csv(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(partners.write_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="partners-{day}.{fmt}"'
    return response
