"""Bulk reads and writes in chunks. Models with django-simple-history get their historical
rows written in bulk alongside (a plain `bulk_create` would skip them and leave auditors blind).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import models

from hearth.core.casework import Actor

M = TypeVar("M", bound=models.Model)

# Comfortably below every backend's limit on query parameters (SQLite: 999 in old builds).
CHUNK = 500


def chunked(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def has_history(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def in_bulk_by(model: type[M], field: str, keys: Iterable[Any]) -> dict[Any, M]:
    """`{key: instance}` for the rows whose `field` is one of `keys`, one query per chunk."""
    found: dict[Any, M] = {}
    for chunk in chunked(sorted(set(keys))):
        found.update(model._default_manager.in_bulk(chunk, field_name=field))
    return found


def create(model: type[M], objs: Sequence[M], *, actor: Actor = None) -> None:
    """Insert `objs` (their primary keys are set afterwards, on SQLite and PostgreSQL alike),
    with a history row for each ("+", by `actor`) when the model keeps history."""
    if not objs:
        return
    insert(model, objs)
    if has_history(model):
        write_history(model, [obj.pk for obj in objs], "+", actor=actor)


def update(
    model: type[M], objs: Sequence[M], fields: Iterable[str], *, actor: Actor = None
) -> None:
    """Write `fields` of `objs`, with a history row for each ("~", by `actor`) when the model
    keeps history."""
    fields = sorted(set(fields))
    if not objs or not fields:
        return
    update_columns(model, objs, fields)
    if has_history(model):
        write_history(model, [obj.pk for obj in objs], "~", actor=actor)


def write_history(
    model: type[models.Model], pks: Sequence[Any], kind: str, *, actor: Actor = None
) -> None:
    """django-simple-history's rows for the records `pks` as they now stand in the database,
    written with one `INSERT … SELECT` per chunk (what `bulk_create_with_history` writes: the
    tracked fields, the time, no change reason, `kind` and the user), in primary-key order."""
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone
    from simple_history.utils import get_history_model_for_model

    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = get_history_model_for_model(model)
    quote = connection.ops.quote_name
    tracked = list(history.tracked_fields)  # type: ignore[attr-defined]
    targets = [quote(history._meta.get_field(f.name).column) for f in tracked]
    sources = [f"t.{quote(f.column)}" for f in tracked]
    extra = ["history_date", "history_change_reason", "history_type", "history_user"]
    targets += [quote(history._meta.get_field(name).column) for name in extra]
    key = model._meta.pk
    assert key is not None
    when = connection.ops.adapt_datetimefield_value(timezone.now())
    user = actor.pk if actor is not None else None
    head = (
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(targets)}) "  # noqa: S608
        f"SELECT {', '.join(sources)}, %s, NULL, %s, %s FROM {quote(model._meta.db_table)} t "
        f"WHERE t.{quote(key.column)} IN "
    )
    with connection.cursor() as cursor:
        for chunk in chunked(sorted(pks), 900):
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                head + f"({placeholders}) ORDER BY t.{quote(key.column)}",
                [when, kind, user, *chunk],
            )


# Fields whose stored value is the Python value itself when that value is a plain int, str,
# bool or None (so `get_db_prep_save` can be skipped for it).
_PLAIN_FIELDS = (
    models.AutoField,
    models.BigAutoField,
    models.IntegerField,
    models.BooleanField,
    models.CharField,
    models.TextField,
    models.ForeignKey,
)
_PLAIN_TYPES = (int, str, bool, type(None))


def _converter(field: models.Field[Any, Any], connection: Any) -> Any:
    """A function from a field's Python value to what the driver is given, as Django's own
    insert would compute it (`get_db_prep_save`), remembering each distinct value (demo and
    ledger rows repeat the same dates, times and amounts many times)."""
    plain = isinstance(field, _PLAIN_FIELDS) and not isinstance(field, models.JSONField)
    if isinstance(field, models.ForeignKey):
        plain = isinstance(field.target_field, _PLAIN_FIELDS)
    prep = field.get_db_prep_save
    memo: dict[tuple[type, Any], Any] = {}

    def convert(value: Any) -> Any:
        kind = type(value)
        if plain and kind in _PLAIN_TYPES:
            return value
        try:
            key = (kind, value)
            return memo[key]
        except KeyError:
            memo[key] = found = prep(value, connection)
            return found
        except TypeError:  # unhashable (a dict for a JSON field)
            return prep(value, connection)

    return convert


def _copy_in(
    connection: Any, meta: Any, objs: Sequence[M], fields: list[Any], converters: list[Any]
) -> None:
    """PostgreSQL: take the rows' keys from the table's sequence, then `COPY` the rows in. A
    multi-row `INSERT … VALUES` of thousands of rows is one long statement that the driver
    scans for its placeholders on every call (most of the time of inserting 3,000 arrears
    cases in a debit run); `COPY` sends the values as they are."""
    from hearth.core import data_version

    quote = connection.ops.quote_name
    pk = meta.pk
    attnames = [f.attname for f in fields]
    columns = ", ".join(quote(c) for c in [pk.column, *(f.column for f in fields)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [quote(meta.db_table), pk.column, len(objs)],
        )
        keys = [key for (key,) in cursor.fetchall()]
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy,
        ):
            for key, obj in zip(keys, objs, strict=True):
                values = obj.__dict__
                copy.write_row(
                    (
                        key,
                        *(
                            convert(values[name])
                            for convert, name in zip(converters, attnames, strict=True)
                        ),
                    )
                )
                obj.pk = key
    data_version.wrote(connection, meta.db_table)


# Parameters in one multi-row statement on SQLite. Python's sqlite3 keeps the last 128
# statements a connection prepared, and SQLite holds each at about 135 bytes a parameter: a
# 5,000-row insert of 20 columns is 13.5 MB, kept until it falls out of that cache. Every
# batch size an import meets is a statement of its own, so at 100,000 homes those cached
# inserts were most of the import's peak memory. A statement of 999 parameters is about
# 0.13 MB, and inserts no slower (SQLite has no round trip to save).
SQLITE_PARAMS = 999


def _max_params(connection: Any) -> int:
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        limit = int(connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
        return min(limit, SQLITE_PARAMS)
    return 65535 if connection.vendor == "postgresql" else 999


def insert(
    model: type[M],
    objs: Sequence[M],
    *,
    ignore_conflicts: bool = False,
    using: str = "default",
) -> list[M]:
    """`bulk_create` for large volumes: the same rows, values and primary keys (set on each
    object unless `ignore_conflicts`), without the ORM compiling each value one by one.
    Like `bulk_create` it sends no signals and writes no history rows: it is for the demo's
    pure history and other bulk loads that need neither. Objects that already have a
    primary key, or models that are not plain single tables, go through `bulk_create`."""
    from django.db import connections

    objs = list(objs)
    if not objs:
        return objs
    meta = model._meta
    pk = meta.pk
    if (
        meta.parents
        or pk is None
        or not isinstance(pk, models.AutoField | models.BigAutoField)
        or any(obj.pk is not None for obj in objs)
    ):
        return model._default_manager.bulk_create(
            objs, batch_size=CHUNK, ignore_conflicts=ignore_conflicts
        )
    connection = connections[using]
    fields = [f for f in meta.concrete_fields if f is not pk]
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    relations: list[Any] = [f for f in fields if f.is_relation]
    for obj in objs:
        for field in stamped:
            field.pre_save(obj, True)  # sets the time on the object, as a save would
        for field in relations:
            # A related object given before it was saved: take its key now, as bulk_create does.
            if getattr(obj, field.attname) is None and field.is_cached(obj):
                related = field.get_cached_value(obj)
                if related is not None:
                    if related.pk is None:
                        raise ValueError(f"{model.__name__}.{field.name}: unsaved {related!r}")
                    setattr(obj, field.attname, related.pk)
    converters = [_converter(f, connection) for f in fields]
    attnames = [f.attname for f in fields]
    if connection.vendor == "postgresql" and not ignore_conflicts:
        _copy_in(connection, meta, objs, fields, converters)
        for obj in objs:
            obj._state.adding = False
            obj._state.db = using
        return objs
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else f" RETURNING {quote(pk.column)}"
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
    per_batch = max(1, min(5000, _max_params(connection) // max(1, len(fields))))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per_batch):
            batch = objs[start : start + per_batch]
            params: list[Any] = []
            for obj in batch:
                values = obj.__dict__
                params.extend(
                    convert(values[name])
                    for convert, name in zip(converters, attnames, strict=True)
                )
            cursor.execute(head + ", ".join([row_sql] * len(batch)) + tail, params)
            if not ignore_conflicts:
                for obj, (key,) in zip(batch, cursor.fetchall(), strict=True):
                    obj.pk = key
            for obj in batch:
                obj._state.adding = False
                obj._state.db = using
    return objs


def update_columns(
    model: type[M], objs: Sequence[M], fields: Iterable[str], *, using: str = "default"
) -> None:
    """`bulk_update` for large volumes: one prepared `UPDATE … WHERE pk = %s` run for every
    object (Django's `bulk_update` builds a `CASE` per field, slow for thousands of rows).
    No signals and no history rows, as with `bulk_update`."""
    from django.db import connections

    objs = list(objs)
    if not objs:
        return
    connection = connections[using]
    meta = model._meta
    targets: list[Any] = [meta.get_field(name) for name in fields]
    converters = [_converter(f, connection) for f in targets]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in targets)
    key: Any = meta.pk
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(key.column)} = %s"  # noqa: S608
    attnames = [f.attname for f in targets]
    rows = [
        (
            *(
                convert(obj.__dict__[name])
                for convert, name in zip(converters, attnames, strict=True)
            ),
            obj.pk,
        )
        for obj in objs
    ]
    with connection.cursor() as cursor:
        for chunk in chunked(rows, 5000):
            cursor.executemany(sql, chunk)


@contextmanager
def indexes_built_afterwards(
    model: type[models.Model], *, using: str = "default"
) -> Iterator[None]:
    """Load many rows into `model`'s table with its secondary indexes dropped, then build
    them again (a sorted build is several times faster than keeping them up row by row).
    The primary key and the indexes behind constraints (a column's `unique=True`) stay.
    Inside a transaction, so that no other reader sees the table without them; unique
    indexes are checked again when rebuilt, so a duplicate loaded meanwhile still fails.

    On PostgreSQL the table's own foreign keys go too, and are added again afterwards: adding
    one checks every row with a single join, where a kept key checks each row loaded on its
    own (a deferred check queued for every row, all run at the end). A row loaded meanwhile
    that points nowhere still fails, when its key is added again."""
    from django.db import connections

    connection = connections[using]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = %s "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                "WHERE c.conindid = to_regclass(quote_ident(i.indexname)))",
                [table],
            )
        else:
            yield
            return
        indexes = cursor.fetchall()
        keys: list[tuple[str, str]] = []
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = to_regclass(quote_ident(%s)) AND contype = 'f' ORDER BY conname",
                [table],
            )
            keys = cursor.fetchall()
            # PostgreSQL alters no table with checks still queued against it: run every
            # deferred check now, then defer again (Django makes every foreign key deferrable).
            _run_deferred_checks(cursor)
            for name, _ in keys:
                cursor.execute(
                    f"ALTER TABLE {connection.ops.quote_name(table)} "
                    f"DROP CONSTRAINT {connection.ops.quote_name(name)}"
                )
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Nor does it build an index on a table with checks queued against it.
            _run_deferred_checks(cursor)
        for _, sql in indexes:
            cursor.execute(sql)
        for name, definition in keys:
            cursor.execute(
                f"ALTER TABLE {connection.ops.quote_name(table)} "
                f"ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
            )


def _run_deferred_checks(cursor: Any) -> None:
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


# SQLite keeps 2 MB of the database in memory by default. A large landlord's ledger, its indexes
# and the sorts that build them load many times faster with room to work (SQLite takes the
# memory only as it needs it: a small demo landlord uses little of it).
LOADING_CACHE_MIB = 2048


@contextmanager
def sqlite_loading(raw: Any, *, cache_mib: int = LOADING_CACHE_MIB) -> Iterator[None]:
    """Fill a SQLite database in one go (the demo landlord): `raw` is the sqlite3 connection,
    outside any transaction. Meanwhile the database keeps a rollback journal instead of its
    write-ahead log, so each page is written once and not copied from the log at the end;
    writes are not flushed to disk one by one; the connection's cache is `cache_mib` MiB.
    The write-ahead log and flushing come back afterwards, whatever happened (the load's own
    transaction rolls back as usual). A database another connection holds open (a running
    server) stays in write-ahead mode, which is only slower."""
    settings = [
        (name, raw.execute(f"PRAGMA {name}").fetchone()[0])
        for name in ("journal_mode", "synchronous", "cache_size")
    ]
    # Leaving write-ahead mode needs the database to itself: ask once, without waiting.
    timeout = raw.execute("PRAGMA busy_timeout").fetchone()[0]
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        raw.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:
        pass  # "database is locked": another connection has it open
    finally:
        raw.execute(f"PRAGMA busy_timeout = {timeout}")
    raw.execute("PRAGMA synchronous = OFF")
    raw.execute(f"PRAGMA cache_size = -{cache_mib * 1024}")
    try:
        yield
    finally:
        for name, value in settings:
            raw.execute(f"PRAGMA {name} = {value}")
