"""Reports and measures read from the read replica when REPLICA_DATABASE_URL names one;
everything else reads the primary.

A real `hearth shell` runs with two SQLite files: the primary, and a "replica" that is a copy
taken before three more homes were added (a replica a little behind). Measures count the
replica's homes; ordinary reads, and reads inside a transaction, count the primary's."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from hearth.core.db_router import REPLICA, ReportsReplicaRouter, reading_reports
from hearth.estates.models import Home
from hearth.estates.tests.factories import HomeFactory

SCRIPT = """
from datetime import date
from django.db import transaction
from hearth.core import measures
from hearth.estates.models import Home
report = measures.report(date(2025, 4, 1), date(2026, 3, 31), only=["RP01"])
with transaction.atomic():
    inside = Home.objects.count()
print(report["homes"], Home.objects.count(), inside, flush=True)
"""


def _copy_to(path: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
    target.close()


@pytest.mark.django_db(transaction=True)
def test_measures_read_the_replica_and_everything_else_the_primary(tmp_path: Path) -> None:
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        pytest.skip("copies SQLite's in-memory test database to two files")
    for _ in range(2):
        HomeFactory()
    _copy_to(tmp_path / "replica.sqlite3")
    for _ in range(3):
        HomeFactory()
    _copy_to(tmp_path / "primary.sqlite3")
    env = {k: v for k, v in os.environ.items() if k not in {"TEST_DATABASE_URL", "HEARTH_TESTING"}}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'primary.sqlite3'}"
    env["REPLICA_DATABASE_URL"] = f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    shell = [sys.executable, "-m", "hearth.cli", "shell", "--no-startup", "--no-imports"]
    result = subprocess.run(
        [*shell, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.split() == ["2", "5", "5"], result.stderr[-3000:]

    del env["REPLICA_DATABASE_URL"]  # without a replica, measures read the primary
    result = subprocess.run(
        [*shell, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.split() == ["5", "5", "5"], result.stderr[-3000:]


def test_the_router_sends_only_report_reads_to_the_replica_and_never_migrates_it(
    settings: object,
) -> None:
    router = ReportsReplicaRouter()
    assert router.db_for_write(Home) == "default"
    assert router.allow_migrate(REPLICA, "estates") is False
    assert router.allow_migrate("default", "estates") is True
    assert router.db_for_read(Home) is None  # outside reading_reports(): the primary
    with reading_reports():
        # This test process has no replica configured, so reports read the primary too.
        assert router.db_for_read(Home) is None
