"""Each home's next due date for each kind of home check (`DueDate`), kept by triggers.

"Which homes are overdue for their gas safety check?" asked of the checks themselves means
matching every home against its checks: at 100,000 homes that is most of the time of a
compliance officer's "My work". With one row per home and kind holding the latest next due
date of its good checks (any outcome but no access) and the latest day one was done, the homes
that may be overdue on a day are an index range: no next due date (never checked), a next due
date before the day, or a check done after the day (an earlier day asked about).
`queries.drilldown` then applies the exact test to those few homes only, so the register
narrows the search and never decides the answer.

Triggers, not code in the services, as for the ledger's day totals (`rents.ledger_days`):
every path that writes checks or homes (recording a check, `safety_checks.csv`, `homes.csv`,
the demo, a fix made by hand in SQL) keeps the rows true, with nothing to remember.

- A new home gets a row for each kind (no dates yet).
- A check inserted, changed or deleted sets its home's row for its kind again from the
  home's checks of that kind.
- PostgreSQL: one trigger per statement, reading the statement's rows from its transition
  tables, so a file of 100,000 checks costs one grouped update.
- SQLite: a trigger per row.

`install` makes (or remakes) the triggers, run by the migration and after every `migrate`
(a test database built from the models gets them too); `backfill` sets every row from the
homes and checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

HOMES = "estates_home"
CHECKS = "safety_safetycheck"
DUE = "safety_duedate"
# The kinds of check done in a home (reference.CHECK_TYPES with applies_to "home").
HOME_KINDS = ("gas", "electrical", "smoke_alarm", "co_alarm", "fire_door")
NO_ACCESS = "no_access"

_KINDS = " UNION ALL ".join(f"SELECT '{kind}' AS kind" for kind in HOME_KINDS)
_TRIGGERS = ("home_insert", "check_insert", "check_delete", "check_update")


def _latest(kind: str, home: str) -> str:
    """The two dates of one home and kind, from its good checks."""
    where = (
        f"FROM {CHECKS} c WHERE c.kind = {kind} AND c.home_id = {home} "
        f"AND c.outcome <> '{NO_ACCESS}'"
    )
    return (
        f"next_due_on = (SELECT MAX(c.next_due_on) {where}), "
        f"last_done_on = (SELECT MAX(c.done_on) {where})"
    )


def _postgres_set_from(rows: str) -> str:
    return f"""
      UPDATE {DUE} d SET next_due_on = x.next_due, last_done_on = x.last_done
      FROM (
        SELECT t.kind, t.home_id, MAX(c.next_due_on) AS next_due, MAX(c.done_on) AS last_done
        FROM (SELECT DISTINCT kind, home_id FROM ({rows}) r WHERE home_id IS NOT NULL) t
        LEFT JOIN {CHECKS} c
          ON c.kind = t.kind AND c.home_id = t.home_id AND c.outcome <> '{NO_ACCESS}'
        GROUP BY t.kind, t.home_id
      ) x
      WHERE d.kind = x.kind AND d.home_id = x.home_id
        AND (d.next_due_on IS DISTINCT FROM x.next_due
             OR d.last_done_on IS DISTINCT FROM x.last_done);
    """  # noqa: S608 (names from this module only)


def _postgres_function(name: str, body: str) -> str:
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
    BEGIN
      {body}
      RETURN NULL;
    END $$ LANGUAGE plpgsql
    """


_POSTGRES = [
    _postgres_function(
        "safety_due_dates_new_homes",
        f"INSERT INTO {DUE} (kind, home_id) SELECT k.kind, n.id FROM new_rows n "  # noqa: S608
        f"CROSS JOIN ({_KINDS}) k ON CONFLICT (kind, home_id) DO NOTHING;",
    ),
    _postgres_function(
        "safety_due_dates_checks_added",
        _postgres_set_from("SELECT kind, home_id FROM new_rows"),
    ),
    _postgres_function(
        "safety_due_dates_checks_removed",
        _postgres_set_from("SELECT kind, home_id FROM old_rows"),
    ),
    _postgres_function(
        "safety_due_dates_checks_changed",
        _postgres_set_from(
            "SELECT kind, home_id FROM new_rows UNION ALL SELECT kind, home_id FROM old_rows"
        ),
    ),
    *(
        f"DROP TRIGGER IF EXISTS safety_due_dates_{name} ON {HOMES if name.startswith('home') else CHECKS}"
        for name in _TRIGGERS
    ),
    f"""CREATE TRIGGER safety_due_dates_home_insert AFTER INSERT ON {HOMES}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION safety_due_dates_new_homes()""",
    f"""CREATE TRIGGER safety_due_dates_check_insert AFTER INSERT ON {CHECKS}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION safety_due_dates_checks_added()""",
    f"""CREATE TRIGGER safety_due_dates_check_delete AFTER DELETE ON {CHECKS}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
        EXECUTE FUNCTION safety_due_dates_checks_removed()""",
    f"""CREATE TRIGGER safety_due_dates_check_update AFTER UPDATE ON {CHECKS}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION safety_due_dates_checks_changed()""",
]


def _sqlite_set(row: str) -> str:
    return (
        f"UPDATE {DUE} SET {_latest(f'{row}.kind', f'{row}.home_id')} "  # noqa: S608
        f"WHERE kind = {row}.kind AND home_id = {row}.home_id;"
    )


_SQLITE = [
    *(f"DROP TRIGGER IF EXISTS safety_due_dates_{name}" for name in _TRIGGERS),
    f"""CREATE TRIGGER safety_due_dates_home_insert AFTER INSERT ON {HOMES} BEGIN
        INSERT OR IGNORE INTO {DUE} (kind, home_id) SELECT kind, NEW.id FROM ({_KINDS}); END""",  # noqa: S608
    f"""CREATE TRIGGER safety_due_dates_check_insert AFTER INSERT ON {CHECKS}
        WHEN NEW.home_id IS NOT NULL BEGIN {_sqlite_set("NEW")} END""",
    f"""CREATE TRIGGER safety_due_dates_check_delete AFTER DELETE ON {CHECKS}
        WHEN OLD.home_id IS NOT NULL BEGIN {_sqlite_set("OLD")} END""",
    f"""CREATE TRIGGER safety_due_dates_check_update
        AFTER UPDATE OF kind, home_id, done_on, next_due_on, outcome ON {CHECKS}
        BEGIN {_sqlite_set("OLD")} {_sqlite_set("NEW")} END""",
]


def install(connection: BaseDatabaseWrapper) -> None:
    """Make (or remake) the triggers on this database."""
    statements = _POSTGRES if connection.vendor == "postgresql" else _SQLITE
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for name in _TRIGGERS:
            on = f" ON {HOMES if name.startswith('home') else CHECKS}" if postgres else ""
            cursor.execute(f"DROP TRIGGER IF EXISTS safety_due_dates_{name}{on}")


@contextmanager
def set_afterwards(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Write homes and checks in bulk with the triggers off, then set every row in one
    statement and put the triggers back (the demo landlord). Use it inside a transaction, so
    no other writer sees the checks without their triggers."""
    uninstall(connection)
    yield
    backfill(connection)
    install(connection)


def backfill(connection: BaseDatabaseWrapper) -> None:
    """Set every row from the homes and their checks (the migration; a repair by hand)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DUE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {DUE} (kind, home_id, next_due_on, last_done_on) "  # noqa: S608
            f"SELECT k.kind, h.id, g.next_due, g.last_done FROM {HOMES} h CROSS JOIN ({_KINDS}) k "
            f"LEFT JOIN (SELECT kind, home_id, MAX(next_due_on) AS next_due, "
            f"MAX(done_on) AS last_done FROM {CHECKS} "
            f"WHERE home_id IS NOT NULL AND outcome <> '{NO_ACCESS}' GROUP BY kind, home_id) g "
            f"ON g.kind = k.kind AND g.home_id = h.id"
        )
