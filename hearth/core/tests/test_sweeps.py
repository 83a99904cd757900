from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from hearth.core import notifications, reminders, sweeps
from hearth.core.models import Message, MessageStatus, SweepRun
from hearth.core.tests.notify_servers import smtp_server
from hearth.core.tests.test_notifications import use_smtp
from hearth.tenancies.tests.factories import TenancyFactory

# A Monday morning, clear of bank holidays either side.
MONDAY = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


@pytest.fixture
def counter_sweep() -> Iterator[list[datetime]]:
    """Registers `test.counter`, a sweep that notes each time its body runs."""
    sweeps.registered()
    saved = dict(sweeps._registry)
    calls: list[datetime] = []

    @sweeps.sweep("test.counter", every=timedelta(hours=1))
    def counter(*, now: datetime) -> dict[str, int]:
        """Counts its runs."""
        calls.append(now)
        # Long enough for a second runner to arrive while the first is still working.
        time.sleep(0.2)
        return {"runs": len(calls)}

    yield calls
    sweeps._registry.clear()
    sweeps._registry.update(saved)


@pytest.fixture
def due_items() -> Iterator[list[reminders.DueItem]]:
    """A due source whose open cases are whatever the test puts in the list."""
    saved = dict(reminders._sources)
    items: list[reminders.DueItem] = []

    @reminders.due_source("test.cases")
    def cases(*, due_by: date) -> list[reminders.DueItem]:
        return [item for item in items if item.due <= due_by]

    yield items
    reminders._sources.clear()
    reminders._sources.update(saved)


def test_a_sweep_runs_once_in_a_time_slot_however_often_it_is_asked(
    db: Any, counter_sweep: list[datetime]
) -> None:
    first = sweeps.run_sweep("test.counter", now=MONDAY)
    again = sweeps.run_sweep("test.counter", now=MONDAY + timedelta(minutes=59))
    next_hour = sweeps.run_sweep("test.counter", now=MONDAY + timedelta(hours=1))

    assert first is not None and first.slot == "2025-03-03T10:00:00Z"
    assert first.result == {"runs": 1} and first.finished_at is not None
    assert again is None
    assert next_hour is not None and next_hour.slot == "2025-03-03T11:00:00Z"
    assert counter_sweep == [MONDAY, MONDAY + timedelta(hours=1)]


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_the_same_slot_run_the_sweep_body_once(
    counter_sweep: list[datetime],
) -> None:
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def worker() -> None:
        try:
            start.wait()
            outcomes.append(sweeps.run_sweep("test.counter", now=MONDAY))
        except Exception as error:  # surfaced by the assertion below
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(counter_sweep) == 1
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["NoneType", "SweepRun"], (
        outcomes
    )
    assert SweepRun.objects.filter(name="test.counter").count() == 1


def test_a_failing_sweep_records_the_error_and_runs_again_next_slot(db: Any) -> None:
    saved = dict(sweeps._registry)
    attempts: list[datetime] = []

    @sweeps.sweep("test.broken", every=timedelta(hours=1))
    def broken(*, now: datetime) -> None:
        attempts.append(now)
        raise RuntimeError("the printer is on fire")

    try:
        run = sweeps.run_sweep("test.broken", now=MONDAY)
        later = sweeps.run_sweep("test.broken", now=MONDAY + timedelta(hours=1))
    finally:
        sweeps._registry.clear()
        sweeps._registry.update(saved)

    assert run is not None and run.result == {"error": "RuntimeError: the printer is on fire"}
    assert later is not None
    assert len(attempts) == 2


def test_hearth_sweep_runs_a_named_sweep_once_per_slot_unless_told_now(
    db: Any, counter_sweep: list[datetime], capsys: Any
) -> None:
    call_command("sweep", "test.counter")
    call_command("sweep", "test.counter")
    call_command("sweep", "test.counter", "--now")

    out = capsys.readouterr().out
    assert len(counter_sweep) == 2
    assert "test.counter: done {'runs': 1}" in out
    assert "test.counter: already run in this slot" in out
    assert "test.counter: done {'runs': 2}" in out


def test_hearth_sweep_with_an_unknown_name_says_which_sweeps_exist(db: Any) -> None:
    with pytest.raises(CommandError, match=r"No sweep called 'nonsense'\. Sweeps: .*outbox"):
        call_command("sweep", "nonsense")


def test_hearth_worker_help_describes_the_worker_and_its_sweep_options() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hearth.cli", "worker", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "Run background tasks" in result.stdout
    assert "--no-sweeps" in result.stdout
    assert "--batch" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_hearth_worker_in_batch_mode_runs_due_sweeps_then_sends_queued_email(
    settings: Any, tenancy: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    from django_tasks_db.models import DBTaskResult

    with smtp_server() as server:
        use_smtp(settings, server.port)
        message = notifications.queue_message(
            person=tenancy.lead_tenant, purpose="welcome", context={}, idempotency_key="w:1"
        )
        # Committed (no test transaction here), so the send task now waits in the database.
        assert DBTaskResult.objects.count() == 1
        assert server.received == []

        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

        # Other domains' sweeps may write to the resident too (a rent statement, say): the
        # welcome message went exactly once.
        welcomes = [e for e in server.received if message.subject in e.content.decode()]
        assert len(welcomes) == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert set(SweepRun.objects.values_list("name", flat=True)) >= {"outbox", "housekeeping"}
    assert DBTaskResult.objects.count() >= 1
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_due_soon_reminders_email_the_owner_once_per_due_date(
    tenancy: Any, officer: Any, due_items: list[reminders.DueItem]
) -> None:
    due_items.append(
        reminders.DueItem(
            case=tenancy, title="Tenancy T-RITA sign-up", due=date(2025, 3, 4), owner=officer
        )
    )
    far_off = TenancyFactory()
    due_items.append(
        reminders.DueItem(case=far_off, title="Far", due=date(2025, 3, 31), owner=officer)
    )

    first = reminders.send_due_soon_reminders(now=MONDAY)
    second = reminders.send_due_soon_reminders(now=MONDAY + timedelta(hours=1))

    assert (first, second) == ({"queued": 1}, {"queued": 0})
    [message] = Message.objects.all()
    assert message.idempotency_key == f"reminder:tenancies.tenancy:{tenancy.pk}:2025-03-04"
    assert message.staff_recipient == officer
    assert message.to_address == officer.email
    assert message.subject == "Due soon: Tenancy T-RITA sign-up (due 4 March 2025)"
    assert "is due soon: it is due by Tuesday 4 March 2025" in message.body


def test_a_moved_due_date_gets_its_own_reminder(
    tenancy: Any, officer: Any, due_items: list[reminders.DueItem]
) -> None:
    due_items.append(
        reminders.DueItem(case=tenancy, title="T", due=date(2025, 3, 3), owner=officer)
    )
    reminders.send_due_soon_reminders(now=MONDAY)
    due_items[0] = reminders.DueItem(case=tenancy, title="T", due=date(2025, 3, 5), owner=officer)
    reminders.send_due_soon_reminders(now=MONDAY)

    assert sorted(Message.objects.values_list("idempotency_key", flat=True)) == [
        f"reminder:tenancies.tenancy:{tenancy.pk}:2025-03-03",
        f"reminder:tenancies.tenancy:{tenancy.pk}:2025-03-05",
    ]


def test_overdue_cases_are_escalated_once_to_the_owner_and_each_manager(
    tenancy: Any, officer: Any, manager: Any, due_items: list[reminders.DueItem]
) -> None:
    due_items.append(
        reminders.DueItem(
            case=tenancy, title="Tenancy T-RITA sign-up", due=date(2025, 2, 28), owner=officer
        )
    )
    due_items.append(
        reminders.DueItem(
            case=TenancyFactory(), title="Not late", due=date(2025, 3, 3), owner=officer
        )
    )

    run = sweeps.run_sweep("overdue_escalations", now=MONDAY)
    again = sweeps.run_sweep("overdue_escalations", now=MONDAY, force=True)

    assert run is not None and run.result == {"queued": 2}
    assert again is not None and again.result == {"queued": 0}
    recipients = set(Message.objects.values_list("staff_recipient__username", flat=True))
    assert recipients == {"officer", "manager"}
    assert all(m.purpose == "overdue_escalation_staff" for m in Message.objects.all())
    assert all(m.status == MessageStatus.QUEUED for m in Message.objects.all())


def test_housekeeping_forgets_old_sweep_runs(db: Any) -> None:
    SweepRun.objects.create(name="outbox", slot="old", started_at=MONDAY - timedelta(days=31))
    SweepRun.objects.create(name="outbox", slot="recent", started_at=MONDAY - timedelta(days=1))

    run = sweeps.run_sweep("housekeeping", now=MONDAY)

    assert run is not None and run.result["sweep_runs_deleted"] == 1
    assert set(SweepRun.objects.values_list("slot", flat=True)) == {"recent", run.slot}


# The scheduler closes stale connections between ticks, as a long-running thread must, so it
# runs outside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_the_workers_scheduler_runs_each_due_sweep_once_per_slot(
    counter_sweep: list[datetime],
) -> None:
    scheduler = sweeps.Scheduler(interval=0.01)

    first = {run.name for run in scheduler.tick()}
    second = scheduler.tick()

    assert {"outbox", "test.counter"} <= first
    assert second == []
    assert len(counter_sweep) == 1
