"""Writing one interchange file from plain SQL rows, with no model instances.

Each column's cells are formatted by the database, in SQL, exactly as `Column.format` writes
them (`parse(format(v)) == v`): text made inert for spreadsheets (`hearth.core.spreadsheets`),
amounts with two decimals, dates and London times in ISO 8601, `true`/`false`. An empty value
comes back as NULL. Then:

- on PostgreSQL the query runs as `COPY (SELECT ...) TO STDOUT WITH (FORMAT csv)`, whose
  quoting is Python's `csv` module's (a field is quoted when it holds a comma, a quote or a line
  break; NULL is an unquoted empty field); only the line ends are turned into CRLF on the way;
- on SQLite, which knows no time zones, timestamps are read as stored (UTC) and turned into
  London time in Python; every row is written by `csv.writer`, a chunk at a time.

Either way the rows stream: memory does not grow with the size of the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import IO, Any

from django.db import connection, models
from django.db.models import F
from django.db.models.expressions import Expression

from hearth.interchange import columns as c

# Rows fetched at a time on SQLite; bytes written at a time from PostgreSQL's COPY.
FETCH = 5000
COPY_BUFFER = 1 << 20

# A text cell that a spreadsheet would run as a formula (`spreadsheets._FORMULA`): its first
# character, after any quotes, is one of = + - @ tab CR. `{first}` gives a character's code.
_FORMULA_CODES = "(61, 43, 45, 64, 9, 13)"
_TEXT = (
    "CASE WHEN {first}({x}) IN " + _FORMULA_CODES + " OR ({first}({x}) = 39 AND "
    "{first}(ltrim({x}, '''')) IN " + _FORMULA_CODES + ") THEN '''' || {x} ELSE NULLIF({x}, '') END"
)  # fmt: skip
_LOCAL = "({x} AT TIME ZONE 'Europe/London')"
_UTC = "({x} AT TIME ZONE 'UTC')"
_PG_TIMESTAMP = (
    "to_char(" + _LOCAL + ", 'YYYY-MM-DD\"T\"HH24:MI:SS')"
    " || CASE WHEN date_trunc('second', {x}) <> {x} THEN to_char(" + _LOCAL + ", '.US') ELSE '' END"
    " || CASE WHEN " + _LOCAL + " >= " + _UTC + " THEN '+' || to_char(" + _LOCAL + " - " + _UTC
    + ", 'HH24:MI') ELSE '-' || to_char(" + _UTC + " - " + _LOCAL + ", 'HH24:MI') END"
)  # fmt: skip

# The SQL that writes a cell of each kind of column, by database; `{x}` is the value.
TEMPLATES: dict[str, dict[str, str]] = {
    "postgresql": {
        "text": _TEXT.replace("{first}", "ascii"),
        "plain": "NULLIF(CAST({x} AS text), '')",
        "integer": "CAST({x} AS text)",
        "money": "CAST(ROUND({x}, 2) AS text)",
        "boolean": "CASE WHEN {x} THEN 'true' WHEN NOT {x} THEN 'false' END",
        "date": "to_char({x}, 'YYYY-MM-DD')",
        "timestamp": _PG_TIMESTAMP,
    },
    "sqlite": {
        "text": _TEXT.replace("{first}", "unicode"),
        "plain": "NULLIF(CAST({x} AS TEXT), '')",
        "integer": "CAST({x} AS TEXT)",
        "money": "CASE WHEN {x} IS NOT NULL THEN printf('%.2f', {x}) END",
        "boolean": "CASE WHEN {x} THEN 'true' WHEN NOT {x} THEN 'false' END",
        "date": "NULLIF(CAST({x} AS TEXT), '')",
        "timestamp": "{x}",  # formatted in Python: `_sqlite_timestamp`
    },
}


# Which template writes a column's cells, by the column's type (the first that matches).
_KINDS: tuple[tuple[type[c.Column], str], ...] = (
    (c.Text, "text"),
    (c.Money, "money"),
    (c.Boolean, "boolean"),
    (c.Timestamp, "timestamp"),
    (c.Date, "date"),
    (c.Integer, "integer"),
)


def kind_of(column: c.Column) -> str:
    """Which template writes the column's cells."""
    return next((kind for type_, kind in _KINDS if isinstance(column, type_)), "plain")


class Cell(Expression):
    """A value written as the text of its CSV cell, or NULL for an empty cell."""

    output_field = models.TextField()

    def __init__(self, value: Any, kind: str) -> None:
        super().__init__()
        self.value = F(value) if isinstance(value, str) else value
        self.kind = kind

    def get_source_expressions(self) -> list[Any]:
        return [self.value]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.value,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.value)
        template = TEMPLATES[connection.vendor][self.kind]
        return template.replace("{x}", f"({sql})"), list(params) * template.count("{x}")


def _sqlite_timestamp(stored: str | datetime) -> str:
    """A timestamp as SQLite holds it (UTC, no offset) in London time, as `Timestamp.format`.
    (Django's SQLite connection reads a bare `datetime` column as a naive `datetime`.)"""
    value = datetime.fromisoformat(stored) if isinstance(stored, str) else stored
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(c.LONDON).isoformat()


def write_rows(queryset: models.QuerySet[Any], kinds: list[str], handle: IO[bytes]) -> int:
    """Write the rows of `queryset` (a `values_list` of `Cell`s, in the order of `kinds`) to
    `handle` as CSV, CRLF line ends; return how many rows were written."""
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    if connection.vendor == "postgresql":
        return _copy(sql, params, handle)
    return _fetch(sql, params, kinds, handle)


def _copy(sql: str, params: Any, handle: IO[bytes]) -> int:
    with connection.cursor() as cursor:
        raw = cursor.cursor
        statement = raw.mogrify(sql, params) if params else sql
        crlf = _Crlf()
        pending: list[bytes] = []
        size = 0
        with raw.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
            for data in copy:
                pending.append(bytes(data))
                size += len(data)
                if size >= COPY_BUFFER:
                    handle.write(crlf(b"".join(pending)))
                    pending, size = [], 0
        handle.write(crlf(b"".join(pending)))
        return int(raw.rowcount)


class _Crlf:
    """Turns the LF that ends each row of PostgreSQL's CSV into CRLF, leaving line breaks
    inside quoted fields alone (a field's quotes pair up, so a byte is inside a field when an
    odd number of quotes come before it)."""

    def __init__(self) -> None:
        self.quoted = False

    def __call__(self, data: bytes) -> bytes:
        if b'"' not in data:
            return data if self.quoted else data.replace(b"\n", b"\r\n")
        parts = data.split(b'"')
        for index in range(len(parts)):
            if not (self.quoted ^ (index % 2 == 1)):
                parts[index] = parts[index].replace(b"\n", b"\r\n")
        self.quoted ^= (len(parts) - 1) % 2 == 1
        return b'"'.join(parts)


def _fetch(sql: str, params: Any, kinds: list[str], handle: IO[bytes]) -> int:
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=False)
    writer = csv.writer(text)  # RFC 4180: CRLF line ends, minimal quoting
    in_python: list[tuple[int, Callable[[Any], str]]] = [
        (index, _sqlite_timestamp) for index, kind in enumerate(kinds) if kind == "timestamp"
    ]
    rows = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(FETCH):
            if in_python:
                batch = [_in_python(row, in_python) for row in batch]
            writer.writerows(batch)
            rows += len(batch)
    text.flush()
    text.detach()
    return rows


def _in_python(row: tuple[Any, ...], formats: list[tuple[int, Callable[[Any], str]]]) -> list[Any]:
    cells = list(row)
    for index, write in formats:
        if cells[index] is not None:
            cells[index] = write(cells[index])
    return cells
