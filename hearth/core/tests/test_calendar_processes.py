"""One clock in every process: a closure day saved by one process counts in another that is
already running (a web process, `hearth worker`) from its next request, without a restart.

Two real `hearth shell` processes share the test database: one keeps running with the closure
days cached, the other adds a closure day through the service people use. The test database must
be reachable from them, so the rows here are committed (transaction=True): on PostgreSQL both
use the test database itself; on SQLite, whose test database lives in this process's memory, it
is copied to a file first."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from hearth.repairs.tests.factories import london, make_repair

# The long-running process: shows its answers, waits, serves one request, shows them again.
WATCHER = """
import sys
from datetime import date
from django.test import Client
from hearth.core import calendar
from hearth.repairs.models import Repair

def show():
    repair = Repair.objects.get(ref="R-CLOCK")
    print(calendar.add_working_days(date(2025, 4, 29), 5), repair.due_on, flush=True)

show()
sys.stdin.readline()
Client().get("/")
show()
"""

CHANGER = """
from datetime import date
from hearth.accounts.models import User
from hearth.core import services
services.add_closure_day(
    day=date(2025, 5, 2), reason="Office move", actor=User.objects.get(username="admin")
)
print("closed", flush=True)
"""


def _database_url(tmp_path: Path) -> str:
    if connection.vendor == "sqlite":
        if not connection.is_in_memory_db():
            return f"sqlite:///{connection.settings_dict['NAME']}"
        copy = tmp_path / "shared.sqlite3"
        with sqlite3.connect(copy) as target:
            connection.ensure_connection()
            connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}"
    found = connection.settings_dict
    user = found.get("USER") or ""
    password = f":{found['PASSWORD']}" if found.get("PASSWORD") else ""
    host = found.get("HOST") or "127.0.0.1"
    port = found.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{found['NAME']}"


def _environment(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"TEST_DATABASE_URL", "HEARTH_TESTING"}}
    env["DATABASE_URL"] = database_url
    return env


def _shell(script: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "hearth.cli",
        "shell",
        "--no-startup",
        "--no-imports",
        "-c",
        script,
    ]


@pytest.mark.django_db(transaction=True)
def test_a_closure_day_added_in_one_process_moves_the_due_dates_another_running_process_sees(
    admin_user: Any, tmp_path: Path
) -> None:
    # Urgent: 5 working days from Tuesday 29 April 2025 (Monday 5 May is a bank holiday):
    # 30 April, 1, 2, 6 and 7 May.
    repair = make_repair(reported_at=london(2025, 4, 29, 10, 0), priority="urgent", ref="R-CLOCK")
    assert str(repair.due_on) == "2025-05-07"
    env = _environment(_database_url(tmp_path))

    watcher = subprocess.Popen(
        _shell(WATCHER),
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert watcher.stdout is not None and watcher.stdin is not None
        before = watcher.stdout.readline().split()
        changer = subprocess.run(
            _shell(CHANGER), env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert changer.stdout.strip() == "closed", changer.stderr
        out, err = watcher.communicate("next request\n", timeout=120)
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait()

    assert before == ["2025-05-07", "2025-05-07"], watcher.stderr and err
    # Friday 2 May closed: the fifth working day is now Thursday 8 May, in the running process's
    # own counting and in the repair's stored due date alike.
    assert out.split() == ["2025-05-08", "2025-05-08"], err
