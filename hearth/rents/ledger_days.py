"""The ledger's day totals (`LedgerDay`) kept by triggers on the transactions table.

Triggers, not code in the services: every path that writes the ledger (one payment, the
debit run's INSERT ... SELECT, a payment file, `transactions.csv`, the demo, a fix made by
hand in SQL) keeps the totals true, with nothing to remember.

- PostgreSQL: one trigger per statement, reading the statement's rows from its transition
  tables and adding them to the day totals in one set-based upsert, so a 200,000-row debit
  run costs one grouped insert.
- SQLite: a trigger per row (SQLite has no statement triggers); each is one small upsert.

`install` makes (or remakes) the triggers and is run by the migration and after every
`migrate` (a test database built from the models gets them too); `backfill` sets the totals
from the ledger.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

LEDGER = "rents_transaction"
DAYS = "rents_ledgerday"
PENCE = "CAST(ROUND({}.amount * 100) AS BIGINT)"

_POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION rents_ledger_days_add() RETURNS trigger AS $$
    BEGIN
      INSERT INTO {DAYS} (date, kind, pence)
      SELECT date, kind, SUM({PENCE.format("n")}) FROM new_rows n GROUP BY date, kind
      ON CONFLICT (date, kind) DO UPDATE SET pence = {DAYS}.pence + EXCLUDED.pence;
      RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,  # noqa: S608 (names from this module only)
    f"""
    CREATE OR REPLACE FUNCTION rents_ledger_days_remove() RETURNS trigger AS $$
    BEGIN
      INSERT INTO {DAYS} (date, kind, pence)
      SELECT date, kind, -SUM({PENCE.format("o")}) FROM old_rows o GROUP BY date, kind
      ON CONFLICT (date, kind) DO UPDATE SET pence = {DAYS}.pence + EXCLUDED.pence;
      RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,  # noqa: S608 (names from this module only)
    f"""
    CREATE OR REPLACE FUNCTION rents_ledger_days_change() RETURNS trigger AS $$
    BEGIN
      INSERT INTO {DAYS} (date, kind, pence)
      SELECT date, kind, SUM(pence) FROM (
        SELECT date, kind, {PENCE.format("n")} AS pence FROM new_rows n
        UNION ALL
        SELECT date, kind, -{PENCE.format("o")} FROM old_rows o) changed
      GROUP BY date, kind
      ON CONFLICT (date, kind) DO UPDATE SET pence = {DAYS}.pence + EXCLUDED.pence;
      RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,  # noqa: S608 (names from this module only)
    f"DROP TRIGGER IF EXISTS rents_ledger_days_insert ON {LEDGER}",
    f"DROP TRIGGER IF EXISTS rents_ledger_days_delete ON {LEDGER}",
    f"DROP TRIGGER IF EXISTS rents_ledger_days_update ON {LEDGER}",
    f"""CREATE TRIGGER rents_ledger_days_insert AFTER INSERT ON {LEDGER}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION rents_ledger_days_add()""",
    f"""CREATE TRIGGER rents_ledger_days_delete AFTER DELETE ON {LEDGER}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
        EXECUTE FUNCTION rents_ledger_days_remove()""",
    f"""CREATE TRIGGER rents_ledger_days_update AFTER UPDATE ON {LEDGER}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION rents_ledger_days_change()""",
]


def _sqlite_upsert(row: str, sign: str) -> str:
    return (
        f"INSERT INTO {DAYS} (date, kind, pence) VALUES ({row}.date, {row}.kind, "  # noqa: S608
        f"{sign}{PENCE.format(row)}) "
        f"ON CONFLICT (date, kind) DO UPDATE SET pence = pence + excluded.pence;"
    )


_SQLITE = [
    "DROP TRIGGER IF EXISTS rents_ledger_days_insert",
    "DROP TRIGGER IF EXISTS rents_ledger_days_delete",
    "DROP TRIGGER IF EXISTS rents_ledger_days_update",
    f"""CREATE TRIGGER rents_ledger_days_insert AFTER INSERT ON {LEDGER} BEGIN
        {_sqlite_upsert("NEW", "")} END""",
    f"""CREATE TRIGGER rents_ledger_days_delete AFTER DELETE ON {LEDGER} BEGIN
        {_sqlite_upsert("OLD", "-")} END""",
    f"""CREATE TRIGGER rents_ledger_days_update AFTER UPDATE OF date, kind, amount ON {LEDGER}
        BEGIN {_sqlite_upsert("OLD", "-")} {_sqlite_upsert("NEW", "")} END""",
]


def install(connection: BaseDatabaseWrapper) -> None:
    """Make (or remake) the triggers on this database."""
    statements = _POSTGRES if connection.vendor == "postgresql" else _SQLITE
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@contextmanager
def set_afterwards(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Write the ledger in bulk with the triggers off, then set every day total from the
    ledger in one grouped statement and put the triggers back (the demo landlord's millions
    of rows; on SQLite a per-row upsert each would be most of the time). Use it inside a
    transaction, so no other writer sees the ledger without its triggers."""
    on = f" ON {LEDGER}" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        for event in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS rents_ledger_days_{event}{on}")
    yield
    backfill(connection)
    install(connection)


def backfill(connection: BaseDatabaseWrapper) -> None:
    """Set every day total from the ledger (the migration; a repair by hand)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DAYS}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {DAYS} (date, kind, pence) "  # noqa: S608
            f"SELECT date, kind, SUM({PENCE.format(LEDGER)}) FROM {LEDGER} GROUP BY date, kind"
        )


def clear_if_ledger_empty(connection: BaseDatabaseWrapper) -> None:
    """An empty ledger has no day totals (after `flush`, which on SQLite deletes the ledger's
    rows after the totals, so its delete trigger leaves negative totals behind)."""
    tables = connection.introspection.table_names()
    if LEDGER not in tables or DAYS not in tables:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {LEDGER} LIMIT 1")  # noqa: S608
        if cursor.fetchone() is None:
            cursor.execute(f"DELETE FROM {DAYS}")  # noqa: S608
