"""Reads whose SQL the ORM writes once per process, for the few queries of the hottest pages where building and
compiling the queryset costs several times what PostgreSQL takes to answer.

On an activity's page, building and compiling its two queries (the activity with its "has evidence" subquery, and
the participant table's three joins) took 1 ms of CPU per view against 0.2 ms to run them (docs/performance.md).

The SQL is still the ORM's, from ordinary queryset code: `build(MARKER, *variant)` returns the queryset with MARKER
where each call's value goes (an id, say). Its SQL and parameters are kept per variant (a language, say) and every
call runs them with MARKER replaced by the value. A queryset whose parameters hold MARKER other than exactly once is
refused when first used, so a change to the queryset cannot silently bind the value in the wrong place.

On PostgreSQL each query is also prepared on the server (PREPARE, once per connection), so that the database does not
parse and plan it again on every call either: that halved what PostgreSQL spends on the activity page's two reads
(0.6 to 0.3 ms of its CPU). It needs each Django connection to be one server session, as it is here; behind a
connection pooler in transaction mode, set PREPARED_STATEMENTS=false.
"""

import itertools
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

# Databases take ids, LIMIT and OFFSET as signed 64-bit integers: a larger value fails in the query (a 500), so
# callers refuse it first. An id past it belongs to no row.
MAX_BIGINT = 2**63 - 1

# Stands for each call's value while the SQL is written: an id no row has.
MARKER = -987_654_321
_statement_numbers = itertools.count(1)


@dataclass(frozen=True)
class _Compiled:
    queryset: object
    sql: str
    params: tuple
    index: int  # where the value goes in params
    compiler: object
    converters: dict
    prepare: str = ""  # PostgreSQL: the PREPARE statement; `sql` is then its EXECUTE

    def params_for(self, value) -> tuple:
        return (*self.params[: self.index], value, *self.params[self.index + 1 :])

    def statement(self) -> str:
        """The SQL to run now: on PostgreSQL, prepared on this connection first if it has not been yet."""
        if self.prepare:
            connection = connections[DEFAULT_DB_ALIAS]
            # The connection this call will use: the health check (CONN_HEALTH_CHECKS) replaces a dead one, which
            # the next cursor would otherwise do after this looked, and the new one has nothing prepared.
            connection.close_if_health_check_failed()
            connection.ensure_connection()
            prepared = getattr(connection, "_prepared_statements", None)
            if prepared is None or prepared[0] is not connection.connection:
                prepared = connection._prepared_statements = (connection.connection, set())
            if self.prepare not in prepared[1]:
                # Set-up of the connection, like Django's own (time zone, role): not one of a request's queries,
                # so query counts do not depend on which request came first on a connection.
                with connection.wrap_database_errors, connection.connection.cursor() as cursor:
                    cursor.execute(self.prepare)
                prepared[1].add(self.prepare)
        return self.sql


def _postgres_prepared(sql: str, params: tuple) -> tuple[str, str]:
    """(PREPARE ..., EXECUTE ...) for SQL written for psycopg2: its %s placeholders numbered $1, $2... and its
    escaped percent signs (%%) plain ones, as PREPARE runs without parameters."""
    name = f"osce_prepared_{next(_statement_numbers)}"
    numbers = itertools.count(1)
    body = re.sub(r"%%|%s", lambda match: "%" if match[0] == "%%" else f"${next(numbers)}", sql)
    if next(numbers) != len(params) + 1:
        raise ValueError(f"{len(params)} parameters for other placeholders: {sql}")
    return f"PREPARE {name} AS {body}", f"EXECUTE {name} ({', '.join(['%s'] * len(params))})"


class PreparedQuery:
    def __init__(self, build):
        self._build = build
        self._compiled: dict[tuple, _Compiled] = {}

    def _compile(self, variant: tuple) -> _Compiled:
        key = (connections[DEFAULT_DB_ALIAS].vendor, *variant)
        compiled = self._compiled.get(key)
        if compiled is None:
            queryset = self._build(MARKER, *variant)
            compiler = queryset.query.get_compiler(DEFAULT_DB_ALIAS)
            sql, params = compiler.as_sql()
            where = [i for i, param in enumerate(params) if type(param) is int and param == MARKER]
            if len(where) != 1:
                raise ValueError(f"the marker {MARKER} must be among the query's parameters exactly once: {params!r}")
            # The field converters a values_list() applies (decimals and booleans on SQLite, for one); the compiler
            # is kept for them only, and they read the backend's operations, not its connection.
            converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
            prepare = ""
            if connections[DEFAULT_DB_ALIAS].vendor == "postgresql" and settings.PREPARED_STATEMENTS:
                prepare, sql = _postgres_prepared(sql, params)
            compiled = _Compiled(queryset, sql, tuple(params), where[0], compiler, converters, prepare)
            self._compiled[key] = compiled
        return compiled

    def rows(self, value, *variant) -> list[tuple]:
        """The rows of a values_list() queryset, as it would return them."""
        compiled = self._compile(variant)
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(compiled.statement(), compiled.params_for(value))
            rows = cursor.fetchall()
        if compiled.converters:
            rows = [tuple(row) for row in compiled.compiler.apply_converters(rows, compiled.converters)]
        return rows

    def instances(self, value, *variant) -> list:
        """The model instances of a model queryset, annotations set as attributes (through raw())."""
        compiled = self._compile(variant)
        return list(compiled.queryset.model.objects.raw(compiled.statement(), compiled.params_for(value)))
