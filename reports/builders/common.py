"""What every report says about itself: title, when it was made, and the scope it covers (in the job's language)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.units import UnitArea
from programmes.models import Location, Partner, PartnerRole, Programme, Project

from ..selectors import job_period, job_unit_areas
from ..writers import localize_text


def area_labels(job) -> list[str]:
    labels = dict(UnitArea.choices)
    return [str(labels[a]) for a in job_unit_areas(job) if a in labels]


def describe_scope(job) -> list[tuple[str, str]]:
    """(label, value) pairs for the report's header: period, unit areas and any filter the requester chose."""
    params = job.parameters or {}
    date_from, date_to = job_period(job)
    if date_from or date_to:
        period = f"{localize_text(date_from) or '…'} – {localize_text(date_to) or '…'}"
    else:
        period = _("All dates")
    rows = [(_("Period"), period), (_("Unit areas"), ", ".join(area_labels(job)) or "—")]
    for key, model, label in (
        ("programme", Programme, _("Programme")),
        ("project", Project, _("Project")),
        ("location", Location, _("Location")),
        ("partner", Partner, _("Partner")),
    ):
        if params.get(key):
            obj = model.objects.filter(pk=params[key]).first()
            rows.append((label, str(obj) if obj else "—"))
    if params.get("partner_role"):
        rows.append((_("Partner role"), str(dict(PartnerRole.choices).get(params["partner_role"], ""))))
    return rows


def header_context(job, title) -> dict:
    return {
        "title": title,
        "generated_at": localize_text(timezone.localtime()),
        "scope": describe_scope(job),
        "requested_by": job.requested_by.get_full_name() or job.requested_by.get_username(),
        "language": job.language,
    }
