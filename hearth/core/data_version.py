"""A number that moves on whenever the data the measures read changes, so a measures report
can be cached under it and is never served after the data behind it has changed.

Every connection gets an execute wrapper (installed in `hearth.core.apps`): after any INSERT,
UPDATE, DELETE, COPY or TRUNCATE on a table of a domain the measures read, it moves the number
on. It sees every write, whichever path made it: a service's `save()`, `bulk_create`,
`QuerySet.update()`, the ledger's bulk inserts, an import, the demo.

- PostgreSQL keeps the number in a sequence. `nextval()` takes no row lock, so two writers
  never wait for each other (or deadlock) over it. A sequence is not transactional, so the
  number moves on again when the transaction commits: a report counted in between (from data
  not yet committed) is then out of date too.
- SQLite keeps it in `core.DataVersion` (one row), in the writer's own transaction; SQLite has
  one writer at a time, so there is nothing to wait for.

The move is made on the driver's own cursor, outside Django's query log: tests that count a
page's or an import's queries count its own queries, not this bookkeeping.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from functools import cache
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

# The domains the measures read (and the core rows they use: the landlord's targets and the
# working-day calendar). A write anywhere else (sessions, the cache, timelines, messages,
# tasks) leaves the number alone.
MEASURED_APPS = frozenset(
    {
        "estates",
        "tenancies",
        "contacts",
        "repairs",
        "complaints",
        "neighbourhood",
        "rents",
        "safety",
        "involvement",
        "performance",
        "lettings",
    }
)
MEASURED_CORE_MODELS = frozenset({"landlord", "closureday", "calendarday"})
SEQUENCE = "core_data_version_seq"

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?',
    re.IGNORECASE,
)


# Tables of a measured domain that no measure reads and that are written when a page is only
# read (an access log of who opened a case): a write to one leaves the number alone, so
# reading such a page does not throw the cached measures away. A domain adds its own in
# AppConfig.ready() through `not_measured`.
_NOT_MEASURED: set[str] = set()


def not_measured(*models: str) -> None:
    """Leave the number alone on writes to these models ("app_label.ModelName"): tables no
    measure reads."""
    _NOT_MEASURED.update(model.lower() for model in models)
    measured_tables.cache_clear()


@cache
def measured_tables() -> frozenset[str]:
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.label_lower in _NOT_MEASURED:
            continue
        if meta.app_label in MEASURED_APPS or (
            meta.app_label == "core" and meta.model_name in MEASURED_CORE_MODELS
        ):
            tables.add(meta.db_table)
    return frozenset(tables)


def writes_measured_table(sql: str) -> bool:
    found = _WRITE.match(sql)
    return found is not None and found.group(1) in measured_tables()


def _ready(connection: BaseDatabaseWrapper, cursor: Any) -> bool:
    """Whether the counter exists yet (not while migrations that come before it run)."""
    if getattr(connection, "hearth_data_version_ready", False):
        return True
    if connection.vendor == "postgresql":
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [SEQUENCE])
    else:
        cursor.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'core_dataversion'")
    ready = bool(cursor.fetchone()[0])
    connection.hearth_data_version_ready = ready  # type: ignore[attr-defined]
    return ready


def bump(connection: BaseDatabaseWrapper) -> None:
    """Move the number on (on the driver's cursor: not in Django's query log)."""
    cursor = connection.connection.cursor()  # type: ignore[union-attr]
    try:
        if not _ready(connection, cursor):
            return
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT nextval('{SEQUENCE}')")
        else:
            # A new row (a new database, or one emptied by a test's flush) starts from the
            # time in microseconds, not from 1 (the driver's own cursor: `?` placeholders).
            # Cached reports outlive the row (the cache table is not flushed, and Redis is
            # shared), so a number must not come round again for other data.
            cursor.execute(
                "INSERT INTO core_dataversion (id, number) VALUES (1, ?) "
                "ON CONFLICT (id) DO UPDATE SET number = number + 1",
                [time.time_ns() // 1000],
            )
    finally:
        cursor.close()


def current(connection: BaseDatabaseWrapper | None = None) -> int:
    """The number now (one small query)."""
    if connection is None:
        from django.db import connection as default

        connection = default
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT last_value + CASE WHEN is_called THEN 0 ELSE -1 END FROM {SEQUENCE}"  # noqa: S608
            )
        else:
            cursor.execute("SELECT number FROM core_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _bump_after_commit(connection: BaseDatabaseWrapper) -> Callable[[], None]:
    def after_commit() -> None:
        bump(connection)

    after_commit.hearth_data_version = True  # type: ignore[attr-defined]
    return after_commit


def watch_writes(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    """The execute wrapper: run the statement, then move the number on if it wrote to a
    measured table."""
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and writes_measured_table(sql):
        _moved_on(context["connection"])
    return result


def wrote(connection: BaseDatabaseWrapper, table: str) -> None:
    """For a write made on the driver's own cursor, which the execute wrapper does not see (a
    `COPY` through psycopg's copy API): move the number on as the wrapper would have."""
    if table in measured_tables():
        _moved_on(connection)


def _moved_on(connection: BaseDatabaseWrapper) -> None:
    bump(connection)
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        pending = any(
            getattr(entry[1], "hearth_data_version", False)
            for entry in connection.run_on_commit  # (savepoints, function, robust)
        )
        if not pending:
            transaction.on_commit(_bump_after_commit(connection), using=connection.alias)


def install(connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created` receiver: watch this connection's writes."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)
