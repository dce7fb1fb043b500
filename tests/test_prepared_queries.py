"""Queries compiled once per process (osce_baku/prepared.py): they return what the ORM's queryset returns, in every
variant, converters included (decimals and booleans on SQLite), compile once, are prepared once per PostgreSQL
connection, and refuse a queryset that would bind the value in the wrong place."""

from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Count, Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from osce_baku.prepared import MARKER, PreparedQuery
from programmes.models import Activity, Evidence, Participation
from programmes.tests.factories import ActivityFactory, EvidenceFactory, ParticipationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _roster(activity_id, order: str):
    return (
        Participation.objects.filter(activity_id=activity_id)
        .order_by(order, "id")
        .values_list("person__last_name", "pre_test_score", "certificate_issued", "days_attended")
    )


@pytest.fixture
def activities():
    first, second = ActivityFactory(), ActivityFactory()
    ParticipationFactory(
        activity=first, person=PersonFactory(last_name="Əliyev"), pre_test_score=Decimal("61.50"),
        certificate_issued=True, days_attended=3,
    )  # fmt: skip
    ParticipationFactory(activity=first, person=PersonFactory(last_name="Babayeva"), pre_test_score=None)
    ParticipationFactory(activity=second, pre_test_score=Decimal("7.25"))
    EvidenceFactory(activity=second)
    return first, second


def test_rows_are_the_querysets_in_every_variant(activities):
    prepared = PreparedQuery(_roster)
    for activity in (*activities, ActivityFactory()):
        for order in ("person__last_name", "-pre_test_score"):
            rows = prepared.rows(activity.pk, order)
            assert rows == list(_roster(activity.pk, order))
            assert all(type(score) in (Decimal, type(None)) and type(done) is bool for _, score, done, _ in rows)


def test_instances_carry_their_annotations(activities):
    def with_counts(pk):
        has_evidence = Exists(Evidence.objects.filter(activity=OuterRef("pk")))
        return Activity.objects.annotate(has_evidence=has_evidence, people=Count("participations")).filter(pk=pk)

    prepared = PreparedQuery(with_counts)
    first, second = activities
    (found,) = prepared.instances(first.pk)
    assert (found, found.title, bool(found.has_evidence), found.people) == (first, first.title, False, 2)
    (found,) = prepared.instances(second.pk)
    assert (bool(found.has_evidence), found.people) == (True, 1)
    assert prepared.instances(-1) == []


def test_the_sql_is_written_once_and_run_as_one_query(activities):
    prepared = PreparedQuery(_roster)
    first, second = activities
    prepared.rows(first.pk, "person__last_name")
    spy = mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql)
    with spy as compiled, CaptureQueriesContext(connection) as queries:
        assert prepared.rows(second.pk, "person__last_name") == list(_roster(second.pk, "person__last_name"))
    assert len(queries) == 2  # the prepared query and the comparison's own
    assert compiled.call_count == 1  # the comparison's; the prepared query's SQL was kept


def _prepared_on_this_connection() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # it closes the connection
def test_postgresql_prepares_each_query_once_per_connection(activities):
    first, second = activities
    prepared = PreparedQuery(lambda pk: Activity.objects.annotate(share=RawSQL("'50%%'", ())).filter(pk=pk))
    before = _prepared_on_this_connection()
    with CaptureQueriesContext(connection) as queries:
        assert [a.share for a in prepared.instances(first.pk)] == ["50%"]
        assert [a.share for a in prepared.instances(second.pk)] == ["50%"]
    # PREPARE is set-up of the connection, as Django's own: only the two EXECUTEs are the calls' queries.
    assert [query["sql"].split(" ", 1)[0] for query in queries] == ["EXECUTE", "EXECUTE"]
    (name,) = _prepared_on_this_connection() - before
    assert queries[0]["sql"].startswith(f"EXECUTE {name} (")
    connection.close()  # a new connection has nothing prepared
    assert name not in _prepared_on_this_connection()
    assert prepared.instances(first.pk) == [first]
    assert name in _prepared_on_this_connection()


@pytest.mark.postgres
def test_postgresql_runs_the_sql_itself_when_prepared_statements_are_off(activities, settings):
    """PREPARED_STATEMENTS=false, for a connection pooler in transaction mode."""
    settings.PREPARED_STATEMENTS = False
    first, _second = activities
    with CaptureQueriesContext(connection) as queries:
        assert PreparedQuery(lambda pk: Activity.objects.filter(pk=pk)).instances(first.pk) == [first]
    assert [query["sql"].split(" ", 1)[0] for query in queries] == ["SELECT"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # it ends the connection's server session
def test_a_connection_the_server_ended_is_replaced_and_prepared_again(activities):
    """The database restarted: the health check opens a new connection, on which the query is prepared again."""
    import psycopg2

    assert connection.settings_dict["CONN_HEALTH_CHECKS"]
    first, _second = activities
    prepared = PreparedQuery(lambda pk: Activity.objects.filter(pk=pk))
    assert prepared.instances(first.pk) == [first]
    other = psycopg2.connect(**connection.get_connection_params())
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    finally:
        other.close()
    connection.health_check_done = False  # as at the start of a request
    assert prepared.instances(first.pk) == [first]


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda pk: Activity.objects.filter(pk=1), id="the value is not in the query"),
        pytest.param(lambda pk: Activity.objects.filter(pk=pk, project_id=pk), id="the value is in it twice"),
    ],
)
def test_a_query_that_would_bind_the_value_elsewhere_is_refused(build):
    with pytest.raises(ValueError, match=str(MARKER)):
        PreparedQuery(build).rows(1)
