"""The partner directory: everyone signed in reads it; administrators create, edit and merge partners.

Partners are reference records shared by all units, so any signed-in user may read them; only the activities listed
on a partner's page are scoped (`Activity.objects.for_user`).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import access

from .. import selectors, services
from ..models import Partner
from ..partner_forms import ContactFormSet, FormerNameFormSet, MergeForm, PartnerFilterForm, PartnerForm

PAGE_SIZE = 50


def _require_administrator(request):
    if not access.is_administrator(request.user):
        raise PermissionDenied


def partner_list(request):
    form = PartnerFilterForm(request.GET or None)
    partners = Partner.objects.select_related("parent")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            partners = partners.filter(kind=data["kind"])
        if data["parent"]:
            partners = partners.filter(parent=data["parent"])
        if data["mine"]:
            partners = partners.filter(pk__in=selectors.partners_worked_with(request.user).values("pk"))
        partners = selectors.search_partners(partners, data["q"])
    page = selectors.page_without_count(partners.order_by("name", "id"), request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "programmes/partner_list.html",
        {"form": form, "page": page, "can_edit": access.is_administrator(request.user)},
    )


def partner_detail(request, pk):
    partner = get_object_or_404(Partner.objects.select_related("parent", "successor"), pk=pk)
    return render(
        request,
        "programmes/partner_detail.html",
        {
            "partner": partner,
            "children": partner.children.order_by("name"),
            "predecessors": partner.predecessors.order_by("name"),
            "contacts": partner.contacts.order_by("name"),
            "former_names": partner.former_name_records.all(),
            "links": selectors.partner_activity_links(partner, request.user, role=request.GET.get("role", "")),
            "role_counts": selectors.partner_role_counts(partner, request.user),
            "role": request.GET.get("role", ""),
            "can_edit": access.is_administrator(request.user),
        },
    )


def partner_history(request, pk):
    partner = get_object_or_404(Partner, pk=pk)
    return render(
        request,
        "programmes/partner_history.html",
        {
            "partner": partner,
            "changes": selectors.record_changes(partner),
            "can_edit": access.is_administrator(request.user),
        },
    )


def _save_partner_form(request, partner):
    _require_administrator(request)
    form = PartnerForm(request.POST or None, instance=partner)
    contacts = ContactFormSet(request.POST or None, instance=partner, prefix="contacts")
    former = FormerNameFormSet(request.POST or None, instance=partner, prefix="former")
    if request.method == "POST" and form.is_valid() and contacts.is_valid() and former.is_valid():
        with transaction.atomic():
            is_new = partner.pk is None
            partner = form.save()
            for formset in (contacts, former):
                formset.instance = partner
                formset.save()
        messages.success(request, _("Partner created.") if is_new else _("Partner saved."))
        return redirect("partner_detail", pk=partner.pk)
    return render(
        request,
        "programmes/partner_form.html",
        {"form": form, "contacts": contacts, "former": former, "partner": partner},
    )


def partner_create(request):
    return _save_partner_form(request, Partner())


def partner_edit(request, pk):
    _require_administrator(request)
    return _save_partner_form(request, get_object_or_404(Partner, pk=pk))


def partner_merge(request, pk):
    """Pick the duplicate, see what would move, confirm. Nothing changes until the confirmation."""
    _require_administrator(request)
    keep = get_object_or_404(Partner, pk=pk)
    form = MergeForm(request.POST or request.GET or None, keep=keep)
    preview = None
    if form.is_bound and form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        if request.method == "POST" and request.POST.get("confirm"):
            try:
                services.merge_partners(keep=keep, duplicate=duplicate, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The duplicate record was merged into this partner."))
                return redirect("partner_detail", pk=keep.pk)
        preview = {"duplicate": duplicate, "lines": services.merge_preview(keep=keep, duplicate=duplicate)}
    return render(request, "programmes/partner_merge.html", {"partner": keep, "form": form, "preview": preview})
