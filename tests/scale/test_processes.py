"""Running at scale (docs/deploy.md), as far as one machine allows: two stateless web
processes (gunicorn) and two `hearth worker` processes against one PostgreSQL database.

- A closure day saved in one process (this test's) counts at once in both web processes,
  which had the old calendar cached: a repair reported through either is due a working day
  later than one reported just before.
- Messages waiting for the outbox are sent once each, though both workers run the outbox
  sweep and take tasks from the same queue (each sweep slot is claimed by one worker; tasks
  are claimed with SELECT … FOR UPDATE SKIP LOCKED).

PostgreSQL only: SQLite is one file for one machine's processes, not this deployment."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from hearth.accounts.models import ApiToken
from hearth.core import calendar, notifications, services
from hearth.core.models import Message, MessageStatus, SweepRun
from hearth.core.tests.test_calendar_processes import _database_url as database_url
from hearth.core.tests.test_calendar_processes import _environment as environment_for
from hearth.tenancies.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db(transaction=True)
MESSAGES = 6


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(tmp_path: Path) -> dict[str, str]:
    env = environment_for(database_url(tmp_path))
    env.update(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
        DEBUG="0",
    )
    return env


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[dict[str, Any]]:
    if connection.vendor != "postgresql":
        pytest.skip("two web processes and two workers on one PostgreSQL database")
    env = _environment(tmp_path)
    ports = [_free_port(), _free_port()]
    started: list[subprocess.Popen[bytes]] = []
    log = (tmp_path / "processes.log").open("wb")
    try:
        for port in ports:
            started.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "hearth.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", "1", "--timeout", "60"],
                env=env, stdout=log, stderr=log,
            ))  # fmt: skip
        for _ in range(2):
            started.append(subprocess.Popen(
                [sys.executable, "-m", "hearth.cli", "worker", "--no-reload", "--no-startup-delay",
                 "--interval", "0.2", "--sweep-interval", "0.5"],
                env=env, stdout=log, stderr=log,
            ))  # fmt: skip
        yield {"web": [f"http://127.0.0.1:{port}" for port in ports], "mail": tmp_path / "mail"}
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def _wait_until(check: Any, what: str, seconds: float = 120.0) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except OSError:  # not listening yet (urllib's errors are OSErrors)
            found = None
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.heavy(seconds=25)
def test_two_web_processes_and_two_workers_share_one_calendar_and_send_each_message_once(
    processes: dict[str, Any], officer: Any, admin_user: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    tenancy = TenancyFactory()
    _, raw = ApiToken.issue(user=officer, name="Two processes")
    headers = {"Authorization": f"Bearer {raw}"}
    body = {"description": "Kitchen tap dripping", "home_id": tenancy.home_id, "priority": "urgent"}

    def report(base: str) -> date:
        request = urllib.request.Request(  # noqa: S310 (http to our own test servers)
            f"{base}/api/v1/repairs",
            data=json.dumps(body).encode(),
            headers={**headers, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            assert response.status == 201
            return date.fromisoformat(json.loads(response.read())["due_on"])

    def answers(base: str) -> bool:
        request = urllib.request.Request(f"{base}/api/v1/me", headers=headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return bool(response.status == 200)

    for base in processes["web"]:
        _wait_until(lambda b=base: answers(b), f"{base} to answer")
    # Both web processes work out (and cache) the calendar: the same due date.
    before = [report(base) for base in processes["web"]]
    assert before[0] == before[1]

    # Close the office on that very day, in this process: the fifth working day moves on by one.
    services.add_closure_day(day=before[0], reason="Office move", actor=admin_user)
    calendar.reset_cache()
    later = calendar.add_working_days(before[0], 1)
    assert later > before[0]
    assert [report(base) for base in processes["web"]] == [later, later]

    # Messages: queued as tasks for the workers, half of them left for the outbox sweep (their
    # task lost, their next attempt due) — both workers run that sweep every half second.
    people = [TenancyFactory().lead_tenant for _ in range(MESSAGES)]
    for n, person in enumerate(people):
        person.email = f"tenant{n}@example.org"
        person.save()
    tasks = settings.TASKS
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []}}
    swept = []
    for n, person in enumerate(people):
        settings.TASKS = dummy if n % 2 else tasks  # the dummy backend's tasks never run
        message = notifications.queue_message(
            person=person, purpose="welcome", context={}, idempotency_key=f"scale:{n}"
        )
        if n % 2:
            swept.append(message.pk)
    settings.TASKS = tasks
    Message.objects.filter(pk__in=swept).update(next_attempt_at=timezone.now() - timedelta(1))
    try:
        _wait_until(
            lambda: (
                Message.objects.filter(
                    idempotency_key__startswith="scale:", status=MessageStatus.SENT
                ).count()
                == MESSAGES
            ),
            "every message to be sent",
        )
    except AssertionError:
        states = list(
            Message.objects.values_list("pk", "status", "status_detail", "next_attempt_at")
        )
        log = (processes["mail"].parent / "processes.log").read_text()[-4000:]
        raise AssertionError(f"{states}\n{log}") from None
    time.sleep(1.5)  # room for a second send, were either worker to make one
    sent = "".join(p.read_text() for p in processes["mail"].glob("*"))
    for n in range(MESSAGES):
        assert sent.count(f"To: tenant{n}@example.org") == 1, n
    runs = list(SweepRun.objects.filter(name="outbox").values_list("slot", flat=True))
    assert len(runs) == len(set(runs)) >= 1
