"""Runs the registered demo steps in one transaction."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from django.db import connection, transaction

from hearth.core import bulk
from hearth.core.demo import DemoContext, registered_steps


def build(
    *,
    homes: int = 2000,
    years: int = 1,
    seed: int = 2026,
    today: date,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
    log: Callable[[str], None] | None = None,
) -> DemoContext:
    """Build the demo landlord. `log`, when given, gets one line per step with its time."""
    ctx = DemoContext(
        rng=random.Random(seed), today=today, years=years, homes=homes, progress=progress
    )
    started = time.monotonic()
    with _loading(), transaction.atomic():
        for step in registered_steps():
            step_started = time.monotonic()
            step(ctx)
            if log is not None:
                now = time.monotonic()
                log(
                    f"{step.__module__.split('.')[1]}.{step.__name__}: "
                    f"{now - step_started:.1f} s (total {now - started:.1f} s)"
                )
    return ctx


@contextmanager
def _loading() -> Iterator[None]:
    """SQLite loads the landlord with a rollback journal and a large cache (`bulk.sqlite_loading`):
    at 100,000 homes its write-ahead log would hold every page of a database of several GB
    before copying them in. Not inside a transaction (a test's), where SQLite allows neither."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    with bulk.sqlite_loading(connection.connection):
        yield
