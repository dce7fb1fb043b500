"""Trafficking pages: both staff personas (policing and counter-terrorism) are other units' staff here."""

from django.core.files.base import ContentFile

from tests.url_access import LOGIN, Route

from .factories import MeasureFactory, PlanFactory, ProgressUpdateFactory


def _expect(staff, manager=200, administrator=200):
    return {
        "anonymous": LOGIN,
        "staff_same_unit": staff,
        "staff_other_unit": staff,
        "manager": manager,
        "administrator": administrator,
    }


def _evidence(objects):
    update = ProgressUpdateFactory()
    update.evidence.save("report.pdf", ContentFile(b"%PDF-1.4 demo"))
    return [update.pk]


LIST = _expect(403)
OBJECT = _expect(404)
CREATE = _expect(403, manager=403)
EDIT = _expect(404, manager=403)

ROUTES = [
    Route("trafficking:index", LIST),
    Route("trafficking:plan_detail", OBJECT, args=lambda o: [PlanFactory().pk]),
    Route("trafficking:measure_create", EDIT, args=lambda o: [PlanFactory().pk]),
    Route("trafficking:measure_detail", OBJECT, args=lambda o: [MeasureFactory().pk]),
    Route("trafficking:measure_update", EDIT, args=lambda o: [MeasureFactory().pk]),
    Route("trafficking:measure_link", _expect(405, 405, 405), args=lambda o: [MeasureFactory().pk]),
    Route("trafficking:progress_create", EDIT, args=lambda o: [MeasureFactory().pk]),
    Route("trafficking:evidence_download", OBJECT, args=_evidence),
    Route("trafficking:nrm", LIST),
    Route("trafficking:nrm_export", LIST),
    Route("trafficking:nrm_entry", CREATE),
    Route("trafficking:nrm_import", CREATE),
    Route("trafficking:cosponsorship", LIST),
]

# Generic record pages (programmes.unit_records): other units' staff get 404 on all of them.
ROUTES += [
    Route("trafficking:plans_list", OBJECT),
    Route("trafficking:plans_create", EDIT),
    Route("trafficking:plans_edit", EDIT, args=lambda o: [PlanFactory().pk]),
    Route("trafficking:plans_history", OBJECT, args=lambda o: [PlanFactory().pk]),
    Route("trafficking:measures_history", OBJECT, args=lambda o: [MeasureFactory().pk]),
]
