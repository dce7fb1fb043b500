"""Report pages: the list of jobs, the request form, a job's page with a progress bar that refreshes itself (HTMX
polls a fragment every two seconds until the job is finished), the download and the retry of a failed job.

Jobs are looked up through `ReportJob.objects.for_user`, so another user's job is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import audit
from accounts import access
from programmes.selectors import page_without_count

from . import queue, services
from .builders.common import describe_scope
from .errors import ReportError
from .forms import ReportRequestForm
from .models import CONTENT_TYPES, ReportJob, ReportStatus

PAGE_SIZE = 25


def _require_reports(request):
    if not access.can_request_reports(request.user):
        raise PermissionDenied


def _get_job_for_user(request, pk) -> ReportJob:
    return get_object_or_404(ReportJob.objects.for_user(request.user).select_related("requested_by"), pk=pk)


def job_list(request):
    _require_reports(request)
    jobs = ReportJob.objects.for_user(request.user).select_related("requested_by").order_by("-created_at", "-id")
    page = page_without_count(jobs, request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "reports/job_list.html",
        {"page": page, "sees_all": access.is_manager(request.user) or access.is_administrator(request.user)},
    )


def job_request(request):
    """The job is written in the request's transaction and its task sent when that commits (reports.queue)."""
    _require_reports(request)
    if request.method == "POST":
        form = ReportRequestForm(request.POST, user=request.user)
    else:  # ?kind=... (also what the kind menu sends through HTMX) shows that kind's fields, nothing checked yet
        form = ReportRequestForm(initial=request.GET.dict(), user=request.user)
        if request.headers.get("HX-Request"):
            return render(request, "reports/_request_fields.html", {"form": form})
    if request.method == "POST" and form.is_valid():
        try:
            job = queue.request_report(
                user=request.user,
                kind_code=form.kind.code,
                fmt=form.cleaned_data["format"],
                parameters=form.parameters,
                unit_areas=form.unit_areas,
            )
        except ReportError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your report has been requested. This page shows its progress."))
            return redirect("reports:detail", pk=job.pk)
    return render(request, "reports/job_request.html", {"form": form, "kinds": form.kinds})


def _job_context(request, job):
    return {
        "job": job,
        "may_download": job.is_downloadable and job.may_download(request.user),
        "may_retry": job.can_retry,
    }


def job_detail(request, pk):
    job = _get_job_for_user(request, pk)
    context = _job_context(request, job)
    context["scope"] = describe_scope(job)
    return render(request, "reports/job_detail.html", context)


def job_progress(request, pk):
    """The fragment HTMX swaps in every two seconds; once the job is finished it renders without the trigger."""
    job = _get_job_for_user(request, pk)
    response = render(request, "reports/_progress.html", _job_context(request, job))
    response["Cache-Control"] = "no-store"
    return response


def job_download(request, pk):
    job = _get_job_for_user(request, pk)
    if not job.may_download(request.user):
        raise Http404
    if job.status == ReportStatus.EXPIRED:
        return render(request, "reports/expired.html", {"job": job}, status=410)
    if not job.is_downloadable:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.log_access(request, "export_report", job, detail=f"{job.kind} {job.format}")
    response = FileResponse(
        handle, as_attachment=True, filename=services.download_name(job), content_type=CONTENT_TYPES[job.format]
    )
    # The file may hold names: never kept by a browser or proxy cache.
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def job_retry(request, pk):
    job = _get_job_for_user(request, pk)
    try:
        queue.retry_report(job=job)
    except ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report has been requested again."))
    return redirect("reports:detail", pk=job.pk)
