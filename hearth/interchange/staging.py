"""Staging tables: a large file's parsed rows kept in a temporary table, not in memory.

A file spec that says `staged = True` has its rows streamed, a chunk at a time, into a TEMP
table of the import's database connection (`COPY` on PostgreSQL, one prepared `INSERT` on
SQLite) as they are read and checked cell by cell. Its checks across rows, files and the
database are then SQL over that table, and its loader reads it back a chunk at a time in line
order, so an import holds at most a chunk of the file whatever its size.

Each row keeps its physical line (the table's key) and the parsed value of every column present
in the file, typed as the database types them (dates, exact decimals, times with their zone),
and is given back with the same Python values the reader made. A date and time is kept as
the text of its ISO 8601 form, so that it comes back with the offset the file gave it (messages
quote it as written); the database's own time zone would otherwise replace it.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, connection, transaction

from hearth.core import bulk
from hearth.interchange.columns import Boolean, Column, Date, Integer, Money, Timestamp

# Rows written to, or read back from, a staging table at a time.
CHUNK = 5000
# Distinct values a column's conversions remember (dates and amounts repeat a great deal). A
# staging table keeps its memos for the whole import: at 100,000 a column, they came to 26 MB.
MEMO_LIMIT = 10_000

# How much of its temporary tables a PostgreSQL connection keeps in memory while it imports
# (the default is 8 MB; a ledger's staged rows run to hundreds).
TEMP_BUFFERS = "256MB"


def room_for_staging() -> None:
    """Give the connection `TEMP_BUFFERS` for its temporary tables. PostgreSQL allows it only
    before the connection's first temporary table; after that, it stays as it was."""
    if connection.vendor != "postgresql":
        return
    with contextlib.suppress(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET temp_buffers = '{TEMP_BUFFERS}'")


_POSTGRES_TYPES: list[tuple[type[Column], str]] = [
    (Date, "date"),
    (Money, "numeric"),
    (Integer, "bigint"),
    (Boolean, "boolean"),
]


def _sql_type(column: Column) -> str:
    if connection.vendor == "postgresql":
        return next((sql for kind, sql in _POSTGRES_TYPES if isinstance(column, kind)), "text")
    return "integer" if isinstance(column, Integer | Boolean) else "text"


def _to_text(column: Column) -> Callable[[Any], Any] | None:
    """How a parsed value is written to PostgreSQL (None: as it is)."""
    return (lambda value: value.isoformat()) if isinstance(column, Timestamp) else None


def _from_text(column: Column) -> Callable[[Any], Any] | None:
    """How a value read back from PostgreSQL becomes the parsed value again (None: as it is)."""
    return datetime.fromisoformat if isinstance(column, Timestamp) else None


def _to_sqlite(column: Column) -> Callable[[Any], Any] | None:
    """How a parsed value is written to SQLite (None: as it is)."""
    if isinstance(column, Date | Timestamp):
        return lambda value: value.isoformat()
    if isinstance(column, Money):
        return str
    if isinstance(column, Boolean):
        return int
    return None


def _from_sqlite(column: Column) -> Callable[[Any], Any] | None:
    """How a value read back from SQLite becomes the parsed value again (None: as it is)."""
    if isinstance(column, Date):
        return date.fromisoformat
    if isinstance(column, Timestamp):
        return datetime.fromisoformat
    if isinstance(column, Money):
        return Decimal
    if isinstance(column, Boolean):
        return bool
    return None


def _memoised(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`convert`, done once for each distinct value (dates and amounts repeat a great deal)."""
    memo: dict[Any, Any] = {}

    def cached(value: Any) -> Any:
        if value is None:
            return None
        found = memo.get(value)
        if found is None:
            found = convert(value)
            if len(memo) < MEMO_LIMIT:
                memo[value] = found
        return found

    return cached


def _none_kept(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else convert(value)


class Staging:
    """The rows of one file in a TEMP table named `table`: `line` then one column for each
    of `columns` (the file's columns present in its header), named `c0`, `c1`, ..."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self.table = f"hearth_staging_{uuid.uuid4().hex[:12]}"
        self.names = {column.name: f"c{i}" for i, column in enumerate(self.columns)}
        self.rows = 0
        # Whether a row repeats an earlier row's ref (set by the checks once it is written).
        self.ref_repeats = False
        self._buffer: list[tuple[Any, ...]] = []
        self._sqlite = connection.vendor != "postgresql"
        definitions = ", ".join(
            f"{self.names[c.name]} {_sql_type(c)}" for c in self.columns
        )  # fmt: skip
        separator = ", " if definitions else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.table} "
                f"(line integer PRIMARY KEY{separator}{definitions})"
            )
        to, back = (_to_sqlite, _from_sqlite) if self._sqlite else (_to_text, _from_text)
        # Times are written one by one: two equal instants can be written with different
        # offsets (10:00+01:00 and 09:00+00:00), and each keeps its own.
        self._write: list[Callable[[Any], Any] | None] = [
            None
            if (convert := to(c)) is None
            else _none_kept(convert)
            if isinstance(c, Timestamp)
            else _memoised(convert)
            for c in self.columns
        ]
        self._read: list[Callable[[Any], Any] | None] = [
            _memoised(convert) if (convert := back(c)) else None for c in self.columns
        ]

    def column(self, name: str) -> str:
        """The staging table's column for the file's column `name`."""
        return self.names[name]

    def has(self, name: str) -> bool:
        return name in self.names

    def first_only(self, alias: str, ref: str) -> str:
        """An SQL condition keeping, of rows that repeat a ref, only the first (the one the
        ref names), for the staging table as `alias` with its ref column `ref`."""
        if not self.ref_repeats:
            return "TRUE"
        column = self.names[ref]
        return (
            f"NOT EXISTS (SELECT 1 FROM {self.table} earlier "  # noqa: S608
            f"WHERE earlier.{column} = {alias}.{column} AND earlier.line < {alias}.line)"
        )

    # -- writing ------------------------------------------------------------------------------

    def add(self, line: int, values: Sequence[Any]) -> None:
        """Keep one row: its line and the values of `columns`, in that order."""
        self._buffer.append((line, *values))
        if len(self._buffer) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        rows, self._buffer = self._buffer, []
        if not rows:
            return
        self.rows += len(rows)
        names = ", ".join(["line", *(self.names[c.name] for c in self.columns)])
        if any(self._write):
            # Column by column: most columns need no conversion, and `map` is quick.
            columns: list[Any] = list(zip(*rows, strict=True))
            for index, convert in enumerate(self._write, start=1):
                if convert is not None:
                    columns[index] = map(convert, columns[index])
            rows = list(zip(*columns, strict=True))
        with connection.cursor() as cursor:
            if not self._sqlite:
                with cursor.cursor.copy(f"COPY {self.table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            placeholders = ", ".join(["%s"] * (len(self.columns) + 1))
            with transaction.atomic():
                cursor.executemany(
                    f"INSERT INTO {self.table} ({names}) VALUES ({placeholders})",  # noqa: S608
                    rows,
                )

    def finish(self, indexed: Sequence[str] = ()) -> None:
        """Write what is left, and index the columns the checks join on."""
        self.flush()
        # Nothing more is written: the memos of the values converted for writing go (up to
        # 100,000 a column, held for the whole import otherwise).
        self._write = [None] * len(self.columns)
        with connection.cursor() as cursor:
            for name in indexed:
                if name in self.names:
                    column = self.names[name]
                    cursor.execute(f"CREATE INDEX {self.table}_{column} ON {self.table} ({column})")
            if not self._sqlite:
                cursor.execute(f"ANALYZE {self.table}")

    # -- reading ------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of `sql`, in which `{t}` is the staging table and `{name}` the column of
        the file's column `name`."""
        with connection.cursor() as cursor:
            cursor.execute(sql.format(t=self.table, **self.names), params)
            return list(cursor.fetchall())

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run `sql` (a write), formatted as `query` formats it."""
        with connection.cursor() as cursor:
            cursor.execute(sql.format(t=self.table, **self.names), params)

    def distinct(self, name: str) -> list[Any]:
        """The distinct non-empty values of the file's column `name`."""
        column = self.names[name]
        found = self.query(f"SELECT DISTINCT {column} FROM {{t}} WHERE {column} IS NOT NULL")  # noqa: S608
        return [value for (value,) in found]

    def lines_with(self, name: str, values: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        """(line, value) of the rows whose `name` is one of `values`, in line order."""
        column = self.names[name]
        yield from sorted(self._where_in(f"line, {column}", column, values))

    def _where_in(self, selected: str, column: str, values: Sequence[Any]) -> list[Any]:
        """`SELECT selected` of the rows whose `column` is one of `values`, 500 values a query
        (within SQLite's limit on parameters), in no particular order."""
        found: list[Any] = []
        for chunk in bulk.chunked(values):
            placeholders = ", ".join(["%s"] * len(chunk))
            found += self.query(
                f"SELECT {selected} FROM {{t}} WHERE {column} IN ({placeholders})",  # noqa: S608
                chunk,
            )
        return found

    def rows_with(
        self, name: str, values: Sequence[Any], names: Sequence[str]
    ) -> list[tuple[Any, ...]]:
        """(line, *values of `names`) of the rows whose `name` is one of `values`, in line
        order, with the values the reader parsed (`names` must be columns of the file)."""
        column = self.names[name]
        index = {c.name: i for i, c in enumerate(self.columns)}
        selected = ", ".join(["line", *(self.names[n] for n in names)])
        converters = [self._read[index[n]] for n in names]
        found = self._where_in(selected, column, values)
        return [
            (
                row[0],
                *(
                    value if value is None or convert is None else convert(value)
                    for value, convert in zip(row[1:], converters, strict=True)
                ),
            )
            for row in sorted(found)
        ]

    def chunks(self, names: Sequence[str]) -> Iterator[list[tuple[Any, ...]]]:
        """(line, *values of `names`) of every row, in line order, a chunk at a time, with the
        values the reader parsed (None for a column absent from the file)."""
        present = [name for name in names if name in self.names]
        selected = ", ".join(["line", *(self.names[name] for name in present)])
        positions = [present.index(name) + 1 if name in self.names else None for name in names]
        index = {c.name: i for i, c in enumerate(self.columns)}
        converters = [self._read[index[name]] if name in index else None for name in names]
        last = -1
        while True:
            rows = self.query(
                f"SELECT {selected} FROM {{t}} WHERE line > %s ORDER BY line LIMIT {CHUNK}",  # noqa: S608
                [last],
            )
            if not rows:
                return
            last = rows[-1][0]
            yield [
                (
                    row[0],
                    *(
                        None
                        if position is None
                        else row[position]
                        if convert is None or row[position] is None
                        else convert(row[position])
                        for position, convert in zip(positions, converters, strict=True)
                    ),
                )
                for row in rows
            ]

    def drop(self) -> None:
        """Remove the table (it would go with the connection anyway). A transaction that
        failed cannot run the statement; the table then goes when the connection closes."""
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")
