"""Schemathesis against the OpenAPI schema with every check (`--checks all`), in-process through WSGI, as a staff
member and as a manager. Each operation is tested as the CLI tests it: its schema examples, the coverage phase
(boundary and missing values, empty strings, values just outside the schema) and random fuzzing, in positive and
negative modes, with a bounded number of examples; none may answer 5xx, give a status code, header or body the schema
does not document, accept data the schema forbids or refuse data it allows. Runs in the normal suite (and so in CI).

One exception, documented in docs/api.md with its reason: `positive_data_acceptance` is not run on requests with a
body (creating and changing activities, participations, report jobs). Their bodies hold ids of other records and
rules between fields (end after start, a report kind's required parameters) that no schema can state, so a body valid
by the schema is rightly refused with 400 when, say, its project does not exist. Every other check runs there too."""

import time

import pytest
import schemathesis
from django.core.cache.backends.locmem import LocMemCache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from rest_framework.throttling import UserRateThrottle
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation import GenerationMode
from schemathesis.generation.hypothesis.builder import HypothesisTestConfig, HypothesisTestMode, create_test

from accounts.units import UnitArea
from api.tokens import create_token
from programmes.tests.factories import ActivityFactory, ActivityPartnerFactory, ParticipationFactory
from programmes.tests.factories_results import IndicatorPeriodFactory
from reports.tests.factories import ReportJobFactory
from trafficking.tests.factories import MeasureFactory, NrmStatisticFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 10
# Checks not run on operations that take a request body (see the module docstring and docs/api.md).
BODY_EXCEPTIONS = {"positive_data_acceptance"}
TIME_BUDGET_SECONDS = 600


def all_checks() -> list:
    """What `schemathesis run --checks all` runs on each response."""
    load_all_checks()
    return [check for check in CHECKS.get_all() if callable(check) and not isinstance(check, type)]


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
def unthrottled(monkeypatch):
    # A run sends thousands of requests in a few minutes as one user (and, for the auth checks, as anonymous): the
    # hourly limit would turn the rest into 429s. Its request history goes to a cache of its own, so that it does not
    # stay behind in Redis (under CI) and throttle the tests that run after it.
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "1000000/hour"})
    monkeypatch.setattr(UserRateThrottle, "cache", LocMemCache("schemathesis-throttle", {}))


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


def _checker(app, headers, checks):
    def check(case):
        response = case.call(app=app, headers=headers)
        case.validate_response(response, checks=checks, headers=headers, transport_kwargs={"app": app})

    return check


@pytest.mark.parametrize("persona", ["staff_policing", "manager"])
def test_api_conforms_to_its_schema(request, persona, wsgi_app, sample_data, unthrottled):
    user = request.getfixturevalue(persona)
    headers = {"Authorization": f"Token {create_token(user=user, name='schemathesis')[1]}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app, headers=headers)
    schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    checks = all_checks()
    assert {"status_code_conformance", "negative_data_rejection", "ignored_auth"} <= {c.__name__ for c in checks}
    config = HypothesisTestConfig(
        project=schema.config,
        modes=list(HypothesisTestMode),
        settings=hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        ),
        apply_ci_profile=False,
    )
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30
    failures = []
    for operation in operations:
        assert time.monotonic() - started < TIME_BUDGET_SECONDS, "schemathesis run over its time budget"

        operation_checks = [c for c in checks if not (c.__name__ in BODY_EXCEPTIONS and operation.body)]
        check = _checker(wsgi_app, headers, operation_checks)
        try:
            create_test(operation=operation, test_func=check, config=config)()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - collect every operation's failure
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
    print(f"schemathesis as {persona}: {len(operations)} operations in {time.monotonic() - started:.0f} s")
