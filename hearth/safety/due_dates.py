"""Each home's next due date for each kind of home check (`DueDate`), kept by triggers.

"Which homes are overdue for their gas safety check?" asked of the checks themselves means
matching every home against its checks: at 100,000 homes that is most of the time of a
compliance officer's "My work". With one row per home and kind holding the latest next due
date of its good checks (any outcome but no access), the latest day one was done and the
first tenancy since, the homes overdue on a day are a few index ranges: no next due date (never
checked) or one before the day, with the check done by the day. A home checked after the day
asked about (an earlier day) is tested against its checks (`queries.drilldown`).

Triggers, not code in the services, as for the ledger's day totals (`rents.ledger_days`):
every path that writes checks or homes (recording a check, `safety_checks.csv`, `homes.csv`,
the demo, a fix made by hand in SQL) keeps the rows true, with nothing to remember.

- A new home gets a row for each kind that covers it (no dates yet): gas and carbon monoxide
  alarms only when it has gas. A home whose gas supply changes gains or loses those rows.
- A check inserted, changed or deleted sets its home's row for its kind again from the
  home's checks of that kind; a tenancy inserted, changed or deleted sets its home's first
  tenancy since each check.
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

from hearth.safety.models import CheckType, Scope

HOMES = "estates_home"
CHECKS = "safety_safetycheck"
TENANCIES = "tenancies_tenancy"
DUE = "safety_duedate"
# The kinds of check done in a home (reference.CHECK_TYPES with applies_to "home"), and those
# done only in homes with gas (scope "homes_with_gas"): a home without gas has no row for them.
HOME_KINDS = ("gas", "electrical", "smoke_alarm", "co_alarm", "fire_door")
GAS_KINDS = ("gas", "co_alarm")
NO_ACCESS = "no_access"

_KINDS = " UNION ALL ".join(
    f"SELECT '{kind}' AS kind, {int(kind in GAS_KINDS)} AS needs_gas" for kind in HOME_KINDS
)
_GAS_KINDS = ", ".join(f"'{kind}'" for kind in GAS_KINDS)
_TRIGGERS = {
    "home_insert": HOMES,
    "home_update": HOMES,
    "check_insert": CHECKS,
    "check_delete": CHECKS,
    "check_update": CHECKS,
    "tenancy_insert": TENANCIES,
    "tenancy_delete": TENANCIES,
    "tenancy_update": TENANCIES,
}


def _first_tenancy_after(home: str, done: str) -> str:
    """The start of the first tenancy of `home` after the day `done` (NULL when `done` is)."""
    return (
        f"(SELECT MIN(t.start_date) FROM {TENANCIES} t "  # noqa: S608
        f"WHERE t.home_id = {home} AND t.start_date > {done})"
    )


def _dates_from_checks(kind: str, home: str) -> tuple[str, str, str]:
    """The three dates of a row (next due, last done, first tenancy since), from the checks
    and tenancies there now."""
    where = (
        f"FROM {CHECKS} c WHERE c.kind = {kind} AND c.home_id = {home} "
        f"AND c.outcome <> '{NO_ACCESS}'"
    )
    last_done = f"(SELECT MAX(c.done_on) {where})"
    return f"(SELECT MAX(c.next_due_on) {where})", last_done, _first_tenancy_after(home, last_done)


def _rows_for_homes(homes: str, home: str, has_gas: str) -> str:
    """Insert the missing rows of the homes `homes` (a FROM item naming each home `home`)."""
    return (
        f"INSERT INTO {DUE} (kind, home_id, next_due_on, last_done_on, new_tenancy_on) "  # noqa: S608
        f"SELECT k.kind, {home}, {', '.join(_dates_from_checks('k.kind', home))} FROM {homes} "
        f"CROSS JOIN ({_KINDS}) k WHERE (k.needs_gas = 0 OR {has_gas}) AND NOT EXISTS "
        f"(SELECT 1 FROM {DUE} e WHERE e.kind = k.kind AND e.home_id = {home}) "
        f"ON CONFLICT (kind, home_id) DO NOTHING;"
    )


def _postgres_checks_changed(rows: str) -> str:
    return f"""
      UPDATE {DUE} d SET next_due_on = x.next_due, last_done_on = x.last_done,
        new_tenancy_on = {_first_tenancy_after("x.home_id", "x.last_done")}
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


def _postgres_tenancies_changed(rows: str) -> str:
    return f"""
      UPDATE {DUE} d SET new_tenancy_on = {_first_tenancy_after("d.home_id", "d.last_done_on")}
      WHERE d.home_id IN (SELECT home_id FROM ({rows}) r) AND d.last_done_on IS NOT NULL;
    """  # noqa: S608 (names from this module only)


def _postgres_function(name: str, body: str) -> str:
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
    BEGIN
      {body}
      RETURN NULL;
    END $$ LANGUAGE plpgsql
    """


_NEW = "SELECT kind, home_id FROM new_rows"
_OLD = "SELECT kind, home_id FROM old_rows"
_NEW_HOMES = "SELECT home_id FROM new_rows"
_OLD_HOMES = "SELECT home_id FROM old_rows"
_REFERENCING = {
    "insert": "NEW TABLE AS new_rows",
    "delete": "OLD TABLE AS old_rows",
    "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
}
# Each trigger's function is named after it: what it does with the statement's rows.
_BODIES = {
    "home_insert": _rows_for_homes("new_rows n", "n.id", "n.gas_supply"),
    # Only the homes whose gas supply the statement changed.
    "home_update": f"DELETE FROM {DUE} d USING new_rows n, old_rows o "  # noqa: S608
    f"WHERE o.id = n.id AND o.gas_supply AND NOT n.gas_supply AND d.home_id = n.id "
    f"AND d.kind IN ({_GAS_KINDS}); "
    + _rows_for_homes(
        "new_rows n JOIN old_rows o ON o.id = n.id AND n.gas_supply AND NOT o.gas_supply",
        "n.id",
        "n.gas_supply",
    ),
    "check_insert": _postgres_checks_changed(_NEW),
    "check_delete": _postgres_checks_changed(_OLD),
    "check_update": _postgres_checks_changed(f"{_NEW} UNION ALL {_OLD}"),
    "tenancy_insert": _postgres_tenancies_changed(_NEW_HOMES),
    "tenancy_delete": _postgres_tenancies_changed(_OLD_HOMES),
    "tenancy_update": _postgres_tenancies_changed(f"{_NEW_HOMES} UNION ALL {_OLD_HOMES}"),
}
_POSTGRES = [
    *(_postgres_function(f"safety_due_dates_{name}", body) for name, body in _BODIES.items()),
    *(
        f"DROP TRIGGER IF EXISTS safety_due_dates_{name} ON {table}"
        for name, table in _TRIGGERS.items()
    ),
    *(
        f"""CREATE TRIGGER safety_due_dates_{name} AFTER {name.split("_")[1].upper()} ON {table}
        REFERENCING {_REFERENCING[name.split("_")[1]]} FOR EACH STATEMENT
        EXECUTE FUNCTION safety_due_dates_{name}()"""
        for name, table in _TRIGGERS.items()
    ),
]


def _sqlite_checks_changed(row: str) -> str:
    next_due, last_done, new_tenancy = _dates_from_checks(f"{row}.kind", f"{row}.home_id")
    return (
        f"UPDATE {DUE} SET next_due_on = {next_due}, last_done_on = {last_done}, "  # noqa: S608
        f"new_tenancy_on = {new_tenancy} WHERE kind = {row}.kind AND home_id = {row}.home_id;"
    )


def _sqlite_tenancies_changed(row: str) -> str:
    return (
        f"UPDATE {DUE} SET new_tenancy_on = "  # noqa: S608
        f"{_first_tenancy_after(f'{DUE}.home_id', f'{DUE}.last_done_on')} "
        f"WHERE home_id = {row}.home_id AND last_done_on IS NOT NULL;"
    )


_SQLITE = [
    *(f"DROP TRIGGER IF EXISTS safety_due_dates_{name}" for name in _TRIGGERS),
    f"""CREATE TRIGGER safety_due_dates_home_insert AFTER INSERT ON {HOMES} BEGIN
        {_rows_for_homes("(SELECT NEW.id AS id, NEW.gas_supply AS gas_supply) n", "n.id", "n.gas_supply")}
        END""",
    f"""CREATE TRIGGER safety_due_dates_home_update AFTER UPDATE OF gas_supply ON {HOMES} BEGIN
        DELETE FROM {DUE} WHERE home_id = NEW.id AND NOT NEW.gas_supply
          AND kind IN ({_GAS_KINDS});
        {_rows_for_homes("(SELECT NEW.id AS id, NEW.gas_supply AS gas_supply) n", "n.id", "n.gas_supply")}
        END""",  # noqa: S608
    f"""CREATE TRIGGER safety_due_dates_check_insert AFTER INSERT ON {CHECKS}
        WHEN NEW.home_id IS NOT NULL BEGIN {_sqlite_checks_changed("NEW")} END""",
    f"""CREATE TRIGGER safety_due_dates_check_delete AFTER DELETE ON {CHECKS}
        WHEN OLD.home_id IS NOT NULL BEGIN {_sqlite_checks_changed("OLD")} END""",
    f"""CREATE TRIGGER safety_due_dates_check_update
        AFTER UPDATE OF kind, home_id, done_on, next_due_on, outcome ON {CHECKS}
        BEGIN {_sqlite_checks_changed("OLD")} {_sqlite_checks_changed("NEW")} END""",
    f"""CREATE TRIGGER safety_due_dates_tenancy_insert AFTER INSERT ON {TENANCIES}
        BEGIN {_sqlite_tenancies_changed("NEW")} END""",
    f"""CREATE TRIGGER safety_due_dates_tenancy_delete AFTER DELETE ON {TENANCIES}
        BEGIN {_sqlite_tenancies_changed("OLD")} END""",
    f"""CREATE TRIGGER safety_due_dates_tenancy_update
        AFTER UPDATE OF home_id, start_date ON {TENANCIES}
        BEGIN {_sqlite_tenancies_changed("OLD")} {_sqlite_tenancies_changed("NEW")} END""",
]


def cover(check_type: CheckType) -> bool:
    """Whether the rows cover every home `check_type` can apply to: a kind of home check,
    and for gas and carbon monoxide alarms, homes with gas (their scope in the reference
    data; a type given a wider scope is answered from the checks alone)."""
    if check_type.applies_to != "home" or check_type.kind not in HOME_KINDS:
        return False
    return check_type.kind not in GAS_KINDS or check_type.scope == Scope.HOMES_WITH_GAS


def install(connection: BaseDatabaseWrapper) -> None:
    """Make (or remake) the triggers on this database."""
    statements = _POSTGRES if connection.vendor == "postgresql" else _SQLITE
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for name, table in _TRIGGERS.items():
            on = f" ON {table}" if postgres else ""
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
    """Set every row from the homes, their checks and their tenancies (the migration; a repair
    by hand)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DUE}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {DUE} (kind, home_id, next_due_on, last_done_on) "  # noqa: S608
            f"SELECT k.kind, h.id, g.next_due, g.last_done FROM {HOMES} h CROSS JOIN ({_KINDS}) k "
            f"LEFT JOIN (SELECT kind, home_id, MAX(next_due_on) AS next_due, "
            f"MAX(done_on) AS last_done FROM {CHECKS} "
            f"WHERE home_id IS NOT NULL AND outcome <> '{NO_ACCESS}' GROUP BY kind, home_id) g "
            f"ON g.kind = k.kind AND g.home_id = h.id WHERE k.needs_gas = 0 OR h.gas_supply"
        )
        cursor.execute(
            f"UPDATE {DUE} SET new_tenancy_on = "  # noqa: S608
            f"{_first_tenancy_after(f'{DUE}.home_id', f'{DUE}.last_done_on')} "
            f"WHERE last_done_on IS NOT NULL"
        )
