"""The test database is built straight from the models (pytest --no-migrations, for speed), so
this test keeps the migrations honest: run outside pytest, they match the models and apply
cleanly to an empty database of the kind the suite is running on."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection


def _hearth(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"TEST_DATABASE_URL", "HEARTH_TESTING"}}
    env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "hearth.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def empty_database_url(db, tmp_path: Path):
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    params = connection.get_connection_params()
    name = f"hearth_migrations_{uuid.uuid4().hex[:8]}"
    admin = {k: params[k] for k in ("host", "port", "user") if params.get(k)}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        user = params.get("user") or ""
        yield f"postgres://{user}@{params.get('host', '127.0.0.1')}:{params.get('port', 5432)}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.heavy(seconds=35)
def test_the_migrations_match_the_models_and_apply_to_an_empty_database(empty_database_url):
    check = _hearth("makemigrations", "--check", "--dry-run", database_url=empty_database_url)
    assert check.returncode == 0, check.stdout + check.stderr
    migrate = _hearth("migrate", "--no-input", database_url=empty_database_url)
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    plan = _hearth("migrate", "--plan", database_url=empty_database_url)
    assert "No planned migration operations." in plan.stdout
