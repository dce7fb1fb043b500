"""Schemathesis against the OpenAPI schema, in-process through WSGI, as a staff member and as a manager: every
operation gets a bounded number of generated requests; none may answer 5xx and every documented response must
match its schema. Runs in the normal suite (and so in CI)."""

import time

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from accounts.units import UnitArea
from api.tokens import create_token
from programmes.tests.factories import ActivityFactory, ActivityPartnerFactory, ParticipationFactory
from programmes.tests.factories_results import IndicatorPeriodFactory
from reports.tests.factories import ReportJobFactory
from trafficking.tests.factories import MeasureFactory, NrmStatisticFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 20
TIME_BUDGET_SECONDS = 240


@pytest.fixture
def wsgi_app():
    # As Django's test client does: the request signals must not close the test's connection (and its transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def sample_data():
    activity = ActivityFactory(unit_area=UnitArea.POLICING)
    ActivityPartnerFactory(activity=activity)
    ParticipationFactory(activity=activity)
    ParticipationFactory(activity=ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM))
    IndicatorPeriodFactory(indicator__result__project=activity.project)
    ReportJobFactory(done=True)
    MeasureFactory()
    NrmStatisticFactory(count=3)


@pytest.mark.parametrize("persona", ["staff_policing", "manager"])
def test_api_conforms_to_its_schema(request, persona, wsgi_app, sample_data, settings_overrides=None):
    user = request.getfixturevalue(persona)
    headers = {"Authorization": f"Token {create_token(user=user, name='schemathesis')[1]}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app, headers=headers)
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30
    for operation in operations:
        assert time.monotonic() - started < TIME_BUDGET_SECONDS, "schemathesis run over its time budget"

        @given(case=operation.as_strategy(headers=headers))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call(app=wsgi_app)
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

        check()
