"""Fast inserts for the ledger's bulk work (the weekly debit run, payment files, the demo).

Rows skip the ORM's per-object overhead: PostgreSQL copies them into a temporary table and
inserts from it; SQLite uses one prepared statement for them all. Either way a row that
would break a unique constraint is skipped (ON CONFLICT DO NOTHING), so two runs racing for
the same week charge it once between them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection, models


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    skip_conflicts: bool = True,
) -> int:
    """Insert `rows` (tuples in `columns` order, column names as in the database) into the
    model's table, skipping any that conflict. Returns how many were inserted.

    With `skip_conflicts=False` a row that breaks a constraint raises `IntegrityError`
    instead (PostgreSQL copies straight into the table)."""
    rows = list(rows)
    if not rows:
        return 0
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not skip_conflicts:
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return len(rows)
        if connection.vendor == "postgresql":
            temporary = quote(f"tmp_{uuid.uuid4().hex[:12]}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {temporary} AS SELECT {names} FROM {table} WITH NO DATA"  # noqa: S608
            )
            with cursor.cursor.copy(f"COPY {temporary} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM {temporary} "  # noqa: S608
                "ON CONFLICT DO NOTHING"
            )
            inserted = cursor.rowcount
            cursor.execute(f"DROP TABLE {temporary}")
            return int(inserted)
        rows = _adapted(rows)
        placeholders = ", ".join(["%s"] * len(columns))
        conflicts = " ON CONFLICT DO NOTHING" if skip_conflicts else ""
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders}){conflicts}"  # noqa: S608
        cursor.executemany(sql, rows)
        # The rows this statement inserted (summed over the batch), not the connection's
        # total changes: those also count what triggers write (the ledger's day totals).
        return int(cursor.rowcount)


def _sqlite_adapter(ops: Any) -> Any:
    """Values as Django itself would store them on SQLite (aware times in UTC, exact
    decimals). Ledger rows repeat the same dates, times and amounts, so each distinct value
    is converted once."""
    memo: dict[Any, Any] = {}

    def adapt(value: Any) -> Any:
        kind = type(value)
        if value is None or kind is int or kind is str:
            return value
        key = (kind, value)
        found = memo.get(key)
        if found is None:
            if isinstance(value, datetime):
                found = ops.adapt_datetimefield_value(value)
            elif isinstance(value, date):
                found = ops.adapt_datefield_value(value)
            elif isinstance(value, Decimal):
                found = str(value)
            else:
                found = value
            memo[key] = found
        return found

    return adapt


def update_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Set `columns` on many rows by primary key: each row is the new values then the pk.
    One prepared UPDATE for them all (Django's bulk_update builds a CASE per field, which
    is slow for thousands of rows)."""
    rows = list(rows)
    if not rows:
        return 0
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608
    if connection.vendor != "postgresql":
        rows = _adapted(rows)
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def _adapted(rows: list[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """Rows with every value SQLite's driver cannot take converted, column by column (most
    columns hold only numbers and text and are left as they are)."""
    adapt = _sqlite_adapter(connection.ops)
    columns = list(zip(*rows, strict=True))
    for index, values in enumerate(columns):
        sample = next((v for v in values if v is not None), None)
        if type(sample) not in (int, str, type(None)):
            columns[index] = tuple(map(adapt, values))
    return list(zip(*columns, strict=True))
