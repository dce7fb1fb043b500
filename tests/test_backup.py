"""The restore drill: `make backup` of the database, `make restore` into a new one, the same rows in every table."""

import subprocess
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from programmes.tests.factories import ParticipationFactory

ROOT = Path(__file__).resolve().parent.parent


def _url(params, dbname):
    user, host, port = params.get("user", "postgres"), params.get("host", "127.0.0.1"), params.get("port", 5432)
    return f"postgres://{user}@{host}:{port}/{dbname}"


def _row_counts(params, dbname) -> dict:
    conn = psycopg2.connect(**{**params, "dbname": dbname})
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            tables = [row[0] for row in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names come from pg_tables
                counts[table] = cursor.fetchone()[0]
            return counts
    finally:
        conn.close()


def _make(target, **env):
    import os

    result = subprocess.run(
        ["make", "--no-print-directory", target, f"BACKUP_FILE={env.pop('BACKUP_FILE')}"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_into_a_new_database_keeps_every_row(tmp_path):
    for _ in range(3):
        ParticipationFactory()
    params = connection.get_connection_params()
    params = {k: v for k, v in params.items() if k in ("user", "host", "port", "password")}
    source = connection.settings_dict["NAME"]
    target = f"restore_drill_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "drill.dump"

    _make("backup", DATABASE_URL=_url(params, source), BACKUP_FILE=str(dump))
    assert dump.stat().st_size > 0
    admin = psycopg2.connect(**{**params, "dbname": "postgres"})
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{target}"')
        _make("restore", DATABASE_URL=_url(params, target), BACKUP_FILE=str(dump))
        original, restored = _row_counts(params, source), _row_counts(params, target)
        assert restored == original
        assert original["programmes_participation"] == 3
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.close()
