"""Reports and measures read from a read replica, when there is one.

With `REPLICA_DATABASE_URL` set, settings add a second database, `replica` (a streaming
replica of the primary, read only), and this router. Code that computes reports and measures
runs inside `reading_reports()` (the measures registry's `report` does so itself), and every
read it makes outside a transaction goes to the replica, so the heavy year-long queries of the
measures API, the performance pages and the annual report do not compete with case work on
the primary. Everything else, every write, and any read inside a transaction on the primary
(which must see its own uncommitted rows) stays on `default`. Without a replica nothing
changes.

A replica lags the primary by a moment (usually well under a second): a measure may not yet
count a case closed a second ago, which is fine for figures over months and years.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections

REPLICA = "replica"

_reading_reports: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "hearth_reading_reports", default=False
)


@contextmanager
def reading_reports() -> Iterator[None]:
    """Reads made inside go to the replica, if there is one (see the module's docstring)."""
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


class ReportsReplicaRouter:
    """Reads inside `reading_reports()` go to the replica; everything else to `default`."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if (
            _reading_reports.get()
            and REPLICA in connections.settings
            and not connections["default"].in_atomic_block
        ):
            return REPLICA
        return None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the same data on both

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA  # the replica follows the primary; it is never migrated itself
