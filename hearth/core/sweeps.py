"""Periodic sweeps: work that runs on a schedule (sending due reminders, escalating overdue
cases, retrying the outbox, each domain's scheduled jobs).

A domain registers a sweep in its own `sweeps.py` module (found automatically):

    @sweep("repairs.appointment_reminders", every=timedelta(hours=1))
    def appointment_reminders(*, now: datetime) -> dict[str, int]: ...

Time is cut into slots of `every` (counted from the Unix epoch, in UTC). Before a sweep runs,
its runner inserts a `SweepRun` row for (name, slot); the unique constraint lets exactly one
worker win, so with any number of workers a sweep runs once per slot. Sweeps must still be
idempotent (e.g. a reminder's idempotency key names the case and due date), because a
sweep can be run again by hand (`hearth sweep NAME --now`) and a crashed run is not resumed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import (
    IntegrityError,
    OperationalError,
    close_old_connections,
    connections,
    transaction,
)
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from hearth.core import calendar
from hearth.core.models import SweepRun

logger = logging.getLogger(__name__)

SweepFunc = Callable[..., Any]
CLAIM_TRIES = 5


@dataclass(frozen=True)
class Sweep:
    name: str
    every: timedelta
    func: SweepFunc
    description: str

    def slot(self, now: datetime) -> str:
        """The time slot `now` falls in, named by the UTC time it starts."""
        seconds = int(self.every.total_seconds())
        start = int(now.timestamp()) // seconds * seconds
        return datetime.fromtimestamp(start, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_registry: dict[str, Sweep] = {}
_discovered = False


def sweep(name: str, *, every: timedelta) -> Callable[[SweepFunc], SweepFunc]:
    """Register a function as a sweep run once per `every` (at least a minute)."""
    if every < timedelta(minutes=1):
        raise ValueError("A sweep runs at most once a minute.")

    def register(func: SweepFunc) -> SweepFunc:
        existing = _registry.get(name)
        if existing is not None and existing.func is not func:
            raise ValueError(f"Two sweeps are called {name!r}.")
        doc = (func.__doc__ or "").strip().splitlines()
        _registry[name] = Sweep(name, every, func, doc[0] if doc else "")
        return func

    return register


def registered() -> dict[str, Sweep]:
    """Every sweep, after importing each installed app's `sweeps` module."""
    global _discovered
    if not _discovered:
        autodiscover_modules("sweeps")
        _discovered = True
    return dict(sorted(_registry.items()))


def get_sweep(name: str) -> Sweep:
    sweeps = registered()
    if name not in sweeps:
        raise KeyError(f"No sweep called {name!r}. Sweeps: {', '.join(sweeps) or 'none'}.")
    return sweeps[name]


def _claim(name: str, slot: str, now: datetime) -> SweepRun | None:
    for attempt in range(CLAIM_TRIES):
        try:
            with transaction.atomic():
                return SweepRun.objects.create(name=name, slot=slot, started_at=now)
        except IntegrityError:
            return None
        except OperationalError as error:
            # SQLite reports a writer in the way as "locked" once its busy timeout is spent;
            # the other writer is usually the worker that is claiming this very slot.
            if "locked" not in str(error) or attempt == CLAIM_TRIES - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    return None


def run_sweep(name: str, *, now: datetime | None = None, force: bool = False) -> SweepRun | None:
    """Run a sweep for the slot `now` falls in, unless a worker has already claimed that slot
    (then None). `force` runs it whatever has happened in this slot (for `hearth sweep --now`)."""
    found = get_sweep(name)
    now = now or timezone.now()
    slot = f"manual {now:%Y-%m-%dT%H:%M:%S.%fZ}" if force else found.slot(now)
    run = _claim(found.name, slot, now)
    if run is None:
        return None
    # Each sweep sees closure days saved by any other process up to its start.
    calendar.check_for_changes()
    try:
        value = found.func(now=now)
    except Exception as error:
        logger.exception("Sweep %s failed in slot %s", found.name, slot)
        result: dict[str, Any] = {"error": f"{type(error).__name__}: {error}"[:500]}
    else:
        result = value if isinstance(value, dict) else {"result": value}
    SweepRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), result=result)
    run.finished_at, run.result = timezone.now(), result
    return run


def run_due_sweeps(
    *, now: datetime | None = None, seen: dict[str, str] | None = None
) -> list[SweepRun]:
    """Run every sweep whose current slot nobody has claimed. `seen` (name → slot) lets a
    long-running scheduler skip slots it has already tried without asking the database."""
    now = now or timezone.now()
    runs = []
    for name, found in registered().items():
        slot = found.slot(now)
        if seen is not None:
            if seen.get(name) == slot:
                continue
            seen[name] = slot
        run = run_sweep(name, now=now)
        if run is not None:
            runs.append(run)
    return runs


class Scheduler:
    """Runs due sweeps every `interval` seconds until stopped (a thread beside the worker)."""

    def __init__(self, *, interval: float = 30.0) -> None:
        self.interval = interval
        self.stopping = threading.Event()
        self.seen: dict[str, str] = {}

    def tick(self) -> list[SweepRun]:
        close_old_connections()
        try:
            return run_due_sweeps(seen=self.seen)
        except Exception:
            # A database hiccup must not kill the scheduler: log it and try the next tick.
            logger.exception("Running sweeps failed")
            self.seen.clear()
            return []
        finally:
            close_old_connections()

    def run(self) -> None:
        try:
            while not self.stopping.is_set():
                self.tick()
                self.stopping.wait(self.interval)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopping.set()


# Core's own sweeps. Domains register theirs in their own `sweeps.py`.

HOUSEKEEPING_KEEP = timedelta(days=30)


@sweep("outbox", every=timedelta(minutes=1))
def outbox(*, now: datetime) -> dict[str, int]:
    """Send outbox messages whose next attempt time has passed (retries with backoff)."""
    from hearth.core.notifications import send_due_messages

    return send_due_messages(now=now)


@sweep("due_soon_reminders", every=timedelta(hours=1))
def due_soon_reminders(*, now: datetime) -> dict[str, int]:
    """Email each open case's owner once when it falls due soon."""
    from hearth.core.reminders import send_due_soon_reminders

    return send_due_soon_reminders(now=now)


@sweep("overdue_escalations", every=timedelta(hours=1))
def overdue_escalations(*, now: datetime) -> dict[str, int]:
    """Email the owner and the managers once when an open case goes overdue."""
    from hearth.core.reminders import escalate_overdue

    return escalate_overdue(now=now)


@sweep("housekeeping", every=timedelta(days=1))
def housekeeping(*, now: datetime) -> dict[str, int]:
    """Forget sweep runs and finished background-task results older than 30 days."""
    from django_tasks_db.models import DBTaskResult

    cutoff = now - HOUSEKEEPING_KEEP
    sweep_runs, _ = SweepRun.objects.filter(started_at__lt=cutoff).delete()
    task_results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return {"sweep_runs_deleted": sweep_runs, "task_results_deleted": task_results}


@sweep("retention", every=timedelta(days=1))
def retention(*, now: datetime) -> dict[str, int]:
    """Anonymise closed records and delete files past their retention period (docs/security.md)."""
    from hearth.core import retention as schedule

    done = schedule.apply(today=timezone.localdate(now))
    return {line.rule.key: line.count for line in done if line.count}
