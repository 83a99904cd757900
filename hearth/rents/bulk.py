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
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert `rows` (tuples in `columns` order, column names as in the database) into the
    model's table, skipping any that conflict. Returns how many were inserted."""
    rows = list(rows)
    if not rows:
        return 0
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
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
        ops = connection.ops
        rows = [tuple(_adapt_for_sqlite(ops, value) for value in row) for row in rows]
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders}) ON CONFLICT DO NOTHING"  # noqa: S608
        before = connection.connection.total_changes  # type: ignore[union-attr]
        cursor.executemany(sql, rows)
        return int(connection.connection.total_changes - before)  # type: ignore[union-attr]


def _adapt_for_sqlite(ops: Any, value: Any) -> Any:
    """Values as Django itself would store them on SQLite (aware times in UTC, exact decimals)."""
    if isinstance(value, datetime):
        return ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return ops.adapt_datefield_value(value)
    if isinstance(value, Decimal):
        return str(value)
    return value
