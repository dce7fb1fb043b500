"""API URLs: JSON endpoints answer 401 to anonymous requests (no redirect to the sign-in page); the docs and tokens
pages are ordinary pages. Records belong to the policing unit unless said otherwise."""

from tests.url_access import Route, everyone_signed_in

ALL = ("staff_same_unit", "staff_other_unit", "manager", "administrator")


def _api(status=200, **overrides) -> dict:
    expect = dict.fromkeys(ALL, status)
    expect["anonymous"] = 401
    expect.update(overrides)
    return expect


POLICING_OBJECT = _api(staff_other_unit=404)
POLICING_LIST = _api(staff_other_unit=403)
TRAFFICKING_LIST = _api(staff_same_unit=403, staff_other_unit=403)
TRAFFICKING_OBJECT = _api(staff_same_unit=404, staff_other_unit=404)


def _indicator(objects):
    from programmes.tests.factories_results import IndicatorPeriodFactory

    return [IndicatorPeriodFactory(indicator__result__project=objects["activity"].project).indicator_id]


def _job(objects):
    from reports.tests.factories import ReportJobFactory

    return [ReportJobFactory(done=True).pk]


def _cag(objects):
    from policing.tests.factories import CagFactory

    return [CagFactory().pk]


def _plan(objects):
    from trafficking.tests.factories import PlanFactory

    return [PlanFactory().pk]


def _measure(objects):
    from trafficking.tests.factories import MeasureFactory

    return [MeasureFactory().pk]


def _nrm_year(objects):
    from trafficking.tests.factories import NrmStatisticFactory

    return [NrmStatisticFactory(year=2021).year]


def _partner(objects):
    from programmes.tests.factories import PartnerFactory

    return [PartnerFactory().pk]


def _token(objects):
    from accounts.tests.factories import UserFactory
    from api.tokens import create_token

    return [create_token(user=UserFactory(username="token.owner"), name="url walk")[0].pk]


ROUTES = [
    Route("api:location-list", _api()),
    Route("api:location-detail", _api(), args=lambda o: [o["activity"].location_id]),
    Route("api:partner-list", _api()),
    Route("api:partner-detail", _api(), args=_partner),
    Route("api:programme-list", _api()),
    Route("api:programme-detail", POLICING_OBJECT, args=lambda o: [o["activity"].project.programme_id]),
    Route("api:project-list", _api()),
    Route("api:project-detail", POLICING_OBJECT, args=lambda o: [o["activity"].project_id]),
    Route("api:activity-list", _api()),
    Route("api:activity-detail", POLICING_OBJECT, args=lambda o: [o["activity"].pk]),
    Route("api:person-list", _api()),
    Route("api:person-detail", POLICING_OBJECT, args=lambda o: [o["person"].pk]),
    Route("api:participation-list", _api()),
    Route("api:participation-detail", POLICING_OBJECT, args=lambda o: [o["participation"].pk]),
    Route("api:indicator-list", _api()),
    Route("api:indicator-detail", POLICING_OBJECT, args=_indicator),
    Route("api:reportjob-list", _api()),
    Route("api:reportjob-detail", POLICING_OBJECT, args=_job),
    Route("api:reportjob-download", POLICING_OBJECT, args=_job),
    Route("api:cag-list", POLICING_LIST),
    Route("api:cag-detail", POLICING_OBJECT, args=_cag),
    Route("api:actionplan-list", TRAFFICKING_LIST),
    Route("api:actionplan-detail", TRAFFICKING_OBJECT, args=_plan),
    Route("api:measure-list", TRAFFICKING_LIST),
    Route("api:measure-detail", TRAFFICKING_OBJECT, args=_measure),
    Route("api:nrm-trend", TRAFFICKING_LIST),
    Route("api:nrm-year", TRAFFICKING_LIST, args=_nrm_year),
    Route("api:no-such-endpoint", _api(404), args=lambda o: ["activities/x1/"]),
    Route("api:schema", _api()),
    Route("api:docs", everyone_signed_in()),
    Route("api:tokens", everyone_signed_in()),
    # Another user's token is a 404 for everyone else; GET is refused before the lookup.
    Route("api:token_revoke", everyone_signed_in(405), args=_token),
]
