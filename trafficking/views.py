from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

import audit
from accounts import access
from programmes import fragments, workflow
from programmes.models import Activity, Partner
from programmes.uploads import evidence_response
from reports.cells import csv_bytes

from . import selectors, services
from .forms import MeasureForm, NrmImportForm, NrmStatisticForm, ProgressUpdateForm
from .models import UNIT, Measure, NationalActionPlan, NrmStatistic, ProgressUpdate, Stage
from .nrm_import import ImportFileError
from .suppression import LEGEND_SECONDARY, small_counts_note, suppress_value

PAGE_SIZE = 50
IMPORT_SESSION_KEY = "trafficking_nrm_import"


def _get_plan_for_user(request, pk):
    return get_object_or_404(NationalActionPlan.objects.for_user(request.user), pk=pk)


def _get_measure_for_user(request, pk):
    return get_object_or_404(Measure.objects.for_user(request.user).select_related("plan"), pk=pk)


def _int_param(request, name):
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


def index(request):
    access.require_unit_visible(request.user, UNIT)
    return render(
        request,
        "trafficking/index.html",
        {
            "body": fragments.rendered(
                "trafficking-plans",
                request.user,
                "trafficking/_plan_rows.html",
                lambda: {"plans": selectors.plans_for(request.user)},
            ),
            "can_edit": access.can_edit_unit(request.user, UNIT),
        },
    )


def plan_detail(request, pk):
    plan = _get_plan_for_user(request, pk)
    return render(
        request,
        "trafficking/plan_detail.html",
        {"plan": plan, "rows": selectors.coverage_matrix(plan), "can_edit": access.can_edit_unit(request.user, UNIT)},
    )


def measure_detail(request, pk):
    measure = _get_measure_for_user(request, pk)
    can_edit = access.can_edit_unit(request.user, UNIT)
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "trafficking/measure_detail.html",
        {
            "measure": measure,
            "updates": measure.progress_updates.select_related("created_by"),
            "activities": Activity.objects.for_user(request.user)
            .filter(thb_measures=measure)
            .select_related("location")
            .order_by("-start_date", "-id"),
            "can_edit": can_edit,
            "query": query,
            "candidates": selectors.linkable_activities(request.user, measure, query) if can_edit and query else [],
        },
    )


def measure_create(request, plan_pk):
    plan = _get_plan_for_user(request, plan_pk)
    access.require_unit_editable(request.user, UNIT)
    form = MeasureForm(request.POST or None, instance=Measure(plan=plan))
    if request.method == "POST" and form.is_valid():
        measure = form.save()
        messages.success(request, _("Saved."))
        return redirect("trafficking:measure_detail", measure.pk)
    return render(request, "trafficking/form.html", {"form": form, "title": _("New measure"), "parent": plan})


def measure_update(request, pk):
    measure = _get_measure_for_user(request, pk)
    access.require_unit_editable(request.user, UNIT)
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("trafficking:measure_detail", measure.pk)
    return render(request, "trafficking/form.html", {"form": form, "title": str(measure), "parent": measure.plan})


@require_POST
def measure_link(request, pk):
    """Tag (action=link) or untag (action=unlink) a trafficking activity as supporting the measure."""
    measure = _get_measure_for_user(request, pk)
    access.require_unit_editable(request.user, UNIT)
    activity = get_object_or_404(
        Activity.objects.editable_by(request.user).filter(unit_area=UNIT), pk=request.POST.get("activity")
    )
    workflow.require_edit(request.user, activity)
    services.set_activity_link(measure=measure, activity=activity, linked=request.POST.get("action") != "unlink")
    return redirect("trafficking:measure_detail", measure.pk)


def progress_create(request, measure_pk):
    measure = _get_measure_for_user(request, measure_pk)
    access.require_unit_editable(request.user, UNIT)
    form = ProgressUpdateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.record_progress(measure=measure, user=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("trafficking:measure_detail", measure.pk)
    return render(
        request,
        "trafficking/form.html",
        {"form": form, "title": _("Progress update"), "parent": measure, "files": True},
    )


def evidence_download(request, pk):
    update = get_object_or_404(ProgressUpdate.objects.for_user(request.user), pk=pk)
    if not update.evidence:
        raise Http404
    audit.log_access(request, "download_evidence", update)
    return evidence_response(
        update.evidence,
        filename=update.evidence_name or update.evidence.name.rsplit("/", 1)[-1],  # files stored before the name was
        content_type=update.evidence_type or "application/octet-stream",
    )


# --- NRM statistics -------------------------------------------------------------------------------------------


@never_cache
def nrm(request):
    access.require_unit_visible(request.user, UNIT)
    years = selectors.nrm_years()
    year = _int_param(request, "year")
    year = year if year in years else (years[0] if years else None)
    audit.log_access(request, "view_statistics", unit_area=UNIT, detail=f"NRM {year or ''}")
    publication = selectors.nrm_publication()
    return render(
        request,
        "trafficking/nrm.html",
        {
            "years": years,
            "year": year,
            "tables": selectors.nrm_year_tables(year, publication) if year else [],
            "trend": publication.trend(),
            "small_counts_note": small_counts_note(),
            "legend": LEGEND_SECONDARY,
            "can_edit": access.can_edit_unit(request.user, UNIT),
        },
    )


@never_cache
def nrm_export(request):
    """The stage-by-year table as CSV, suppressed exactly like the page."""
    access.require_unit_visible(request.user, UNIT)
    table = selectors.nrm_trend()
    audit.log_access(request, "export_statistics", unit_area=UNIT, detail="NRM by year, CSV")
    # No row adding up the stages: the same people pass through several of them.
    # Stages by code (`identified`), the same in every language; the trend's rows are the stages in their order.
    rows = [
        [code, *(c.display for c in cells), total.display]
        for code, (_label, cells, total) in zip(Stage.values, table.lines(), strict=True)
    ]
    content = csv_bytes([_("Stage"), *table.col_labels, _("Total")], rows)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nrm-by-year.csv"'
    return response


def nrm_entry(request):
    access.require_unit_editable(request.user, UNIT)
    form = NrmStatisticForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        row = {name: form.cleaned_data[name] for name in (*NrmStatistic.DIMENSIONS, "count")}
        created, _updated = services.save_nrm_statistics(rows=[row])
        messages.success(request, _("Count added.") if created else _("Count replaced."))
        return redirect("trafficking:nrm_entry")
    return render(request, "trafficking/form.html", {"form": form, "title": _("Enter an NRM count")})


@never_cache
def nrm_import(request):
    """Upload -> preview with row errors -> confirm. Nothing is written until the whole sheet is valid and confirmed."""
    access.require_unit_editable(request.user, UNIT)
    if request.method == "POST" and "confirm" in request.POST:
        checked = request.session.pop(IMPORT_SESSION_KEY, None)
        if not isinstance(checked, dict) or not checked.get("rows"):
            messages.error(request, _("Nothing to import: upload the file again."))
            return redirect("trafficking:nrm_import")
        created, updated = services.import_nrm_statistics(
            rows=checked["rows"], user=request.user, file_name=checked["file_name"]
        )
        messages.success(request, _("Imported: %(c)d new counts, %(u)d replaced.") % {"c": created, "u": updated})
        return redirect("trafficking:nrm")
    form = NrmImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            parsed = services.check_nrm_sheet(uploaded=uploaded, user=request.user)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            context["errors"] = parsed.errors
            if parsed.errors:
                request.session.pop(IMPORT_SESSION_KEY, None)
            elif not parsed.rows:
                form.add_error("file", _("The sheet has no data rows."))
            else:
                request.session[IMPORT_SESSION_KEY] = {"rows": parsed.rows, "file_name": uploaded.name}
                # The preview shows counts, so they pass through suppression like everything else.
                context["preview"] = [{**row, "shown": suppress_value(row["count"])} for row in parsed.rows[:200]]
                context["row_count"] = len(parsed.rows)
    return render(request, "trafficking/nrm_import.html", context)


# --- Co-sponsorship -------------------------------------------------------------------------------------------


def cosponsorship(request):
    access.require_unit_visible(request.user, UNIT)
    sponsors = selectors.co_sponsors()
    partner_pk, year = _int_param(request, "partner"), _int_param(request, "year")
    partner = get_object_or_404(Partner, pk=partner_pk) if partner_pk else None
    filters = {"partner": partner, "year": year}
    page = Paginator(selectors.co_sponsor_rows(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    for link in page.object_list:
        cost = link.activity.cost_eur
        link.share = (link.contribution_eur / cost * 100) if cost and link.contribution_eur is not None else None
    totals = selectors.co_sponsor_totals(**filters)
    return render(
        request,
        "trafficking/cosponsorship.html",
        {
            "sponsors": sponsors,
            "years": selectors.co_sponsor_years(),
            "partner": partner,
            "year": year,
            "page": page,
            "totals": totals,
            "grand_total": sum((t["contribution"] or 0) for t in totals),
        },
    )
