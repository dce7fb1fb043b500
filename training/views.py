"""Public assembly management training pages: courses, reach, learning, certificates and publications.

Summary pages belong to the training unit (403 for other staff). A linked training is looked up through the core
`Activity.objects.for_user`, so its own unit decides who sees it (404 otherwise); certificate PDFs also need the right
to see participant names. The verification page is public and shows only name, course and date.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

import audit
from accounts import access
from programmes import fragments, workflow
from programmes.models import Activity, ParticipationRole

from . import selectors, services
from .certificates import certificate_pdf
from .forms import LinkTrainingForm
from .models import UNIT, Certificate, Course, Publication

PAGE_SIZE = 25


def _get_course_for_user(request, pk):
    return get_object_or_404(Course.objects.for_user(request.user), pk=pk)


def _get_training_for_user(request, pk):
    trainings = Activity.objects.for_user(request.user).filter(training_detail__isnull=False)
    return get_object_or_404(trainings.select_related("training_detail__course", "location"), pk=pk)


def _get_certificate_for_user(request, pk):
    certificate = get_object_or_404(
        Certificate.objects.filter(
            participation__activity__in=Activity.objects.for_user(request.user).filter(training_detail__isnull=False)
        ).select_related("participation__person", "participation__activity__training_detail__course"),
        pk=pk,
    )
    if not access.can_see_person_names(request.user, certificate.participation.activity.unit_area):
        raise Http404
    return certificate


def index(request):
    access.require_unit_visible(request.user, UNIT)
    # The course table aggregates the unit's participations: cached until they or a training record change.
    body = fragments.rendered(
        "training-courses",
        request.user,
        "training/_course_rows.html",
        lambda: {"courses": selectors.learning_by_course(request.user)},
    )
    return render(request, "training/index.html", {"body": body})


def course_detail(request, pk):
    course = _get_course_for_user(request, pk)
    form = LinkTrainingForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not access.editable_unit_areas(request.user):
            raise PermissionDenied
        if form.is_valid():
            services.link_training(activity=form.cleaned_data["activity"], course=course)
            messages.success(request, _("Training linked to the course."))
            return redirect("training:course_detail", pk=course.pk)
    trainings = selectors.linked_trainings(request.user).filter(training_detail__course=course)
    context = {
        "course": course,
        "modules": course.modules.all(),
        "target_groups": course.target_groups.all(),
        "trainings": Paginator(trainings.select_related("location"), PAGE_SIZE).get_page(request.GET.get("page")),
        "form": form,
        "can_link": bool(access.editable_unit_areas(request.user)),
        "can_edit": access.can_edit_unit(request.user, UNIT),
    }
    return render(request, "training/course_detail.html", context)


@never_cache
def training_detail(request, pk):
    activity = _get_training_for_user(request, pk)
    show_names = access.can_see_person_names(request.user, activity.unit_area)
    audit.log_personal_view(request, activity, shown=show_names)
    participations = (
        activity.participations.filter(role=ParticipationRole.PARTICIPANT).select_related("person", "certificate")
        if show_names
        else None
    )
    context = {
        "activity": activity,
        "course": activity.training_detail.course,
        "participations": participations,
        "can_issue": workflow.can_edit(request.user, activity),
    }
    return render(request, "training/training_detail.html", context)


@require_POST
def certificates_issue(request, pk):
    activity = _get_training_for_user(request, pk)
    workflow.require_edit(request.user, activity)
    issued = services.issue_certificates(activity=activity)
    messages.success(request, _("%(count)d certificates issued.") % {"count": issued})
    return redirect("training:training_detail", pk=activity.pk)


@never_cache
def certificate_download(request, pk):
    certificate = _get_certificate_for_user(request, pk)
    audit.log_access(request, "export_personal", certificate.participation.person, detail="certificate")
    response = HttpResponse(certificate_pdf(certificate, request), content_type="application/pdf")
    # No name in the file name: it ends up in download folders and logs.
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.pk}.pdf"'
    return response


@login_not_required
def verify(request, code):
    certificate = get_object_or_404(
        Certificate.objects.select_related("participation__person", "participation__activity__training_detail__course"),
        code=code,
    )
    participation = certificate.participation
    # Public by design (the code is printed on the certificate), but a holder's name shown all the same.
    audit.log_access(request, "view_personal", participation.person, detail="certificate verification")
    context = {
        "name": participation.person.full_name,
        "course": participation.activity.training_detail.course.localized_title,
        "date": participation.activity.end_date,
    }
    response = render(request, "training/verify.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def reach(request):
    access.require_unit_visible(request.user, UNIT)
    return render(request, "training/reach.html", selectors.reach(request.user))


def learning(request):
    access.require_unit_visible(request.user, UNIT)
    trainings = Paginator(selectors.learning_by_training(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"courses": selectors.learning_by_course(request.user), "trainings": trainings}
    return render(request, "training/learning.html", context)


def publications(request):
    access.require_unit_visible(request.user, UNIT)
    items = (
        Publication.objects.for_user(request.user)
        .annotate(distributed=Sum("distributions__copies"))
        .order_by("-published_on", "title")
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/publications.html", {"page": page})


def publication_detail(request, pk):
    publication = get_object_or_404(Publication.objects.for_user(request.user), pk=pk)
    distributions = publication.distributions.select_related("partner")
    total = sum(d.copies for d in distributions)
    context = {
        "publication": publication,
        "distributions": distributions,
        "distributed": total,
        "can_edit": access.can_edit_unit(request.user, UNIT),
    }
    return render(request, "training/publication_detail.html", context)
