"""Reading a staged file with PostgreSQL's `COPY`, where that gives exactly what the reader in
Python would.

The file's bytes go to the database as they are, into a TEMP table of text cells numbered by
physical line. SQL then keeps every row it can vouch for, and the reader in Python reads the
rest, so that every problem is found and worded by the same code as before:

- a cell of a column whose cells repeat (dates, amounts, choices, references) is looked up in
  a table of that column's distinct cells, each parsed once in Python (`Column.parse`); a cell
  that does not parse, or has white space around it, is not vouched for;
- a text cell is vouched for when it is short enough and begins and ends with a printable
  ASCII character other than `'` (so it has no white space around it, and no formula escape
  to take off);
- a row is vouched for when every cell is, every required cell has a value, and the file
  spec's `check_row_sql` says its `check_row` would find nothing wrong.

Vouched rows go to the staging table with one `INSERT … SELECT`; the others are read back, a
chunk at a time, and read as the reader in Python reads every row. Only a plain file is sent:
CSV (not a workbook) with no quoted cell (so each physical line is one row) and no blank line.
A file that `COPY` cannot take (a row with too few or too many cells, a NUL byte, mixed line
ends) is read in Python from the start, as before, after the attempt is undone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, connection, transaction

from hearth.interchange.columns import CellError, Column, Ref, Text
from hearth.interchange.staging import CHUNK, Staging, _sql_type, _to_text

if TYPE_CHECKING:
    from hearth.interchange.spec import FileSpec

BLOCK = 1 << 20


def _plain_text(cell: str) -> str:
    """SQL: the text cell begins with a printable ASCII character other than `'` and ends with
    a printable ASCII character (by code point, whatever the database's collation)."""
    return (
        f"ascii({cell}) BETWEEN 33 AND 126 AND ascii({cell}) <> 39 "
        f"AND ascii(right({cell}, 1)) BETWEEN 33 AND 126"
    )


class _Undo(Exception):
    """The attempt is given up: what it wrote is rolled back."""


def _plain_lines(path: Path) -> tuple[int, int] | None:
    """(bytes before the second line, physical lines after the first) if the file has no
    quote and no blank line, so that each of its lines is one row of cells; else None."""
    header_end: int | None = None
    newlines = 0
    offset = 0
    previous = b"\n"  # a blank first line counts as blank
    last = b""
    with path.open("rb") as handle:
        while block := handle.read(BLOCK):
            if b'"' in block:
                return None
            joined = previous + block
            if b"\n\n" in joined or b"\n\r\n" in joined or b"\r\r" in joined:
                return None
            if header_end is None:
                found = block.find(b"\n")
                if found >= 0:
                    header_end = offset + found + 1
            newlines += block.count(b"\n")
            offset += len(block)
            previous, last = block[-1:], block[-1:]
    if header_end is None:
        return None
    # A last line without its line end is a line all the same.
    lines = newlines + (0 if last == b"\n" else 1)
    return header_end, lines - 1


def _body(path: Path, start: int) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(start)
        while block := handle.read(BLOCK):
            yield block


def copy_rows(
    spec: FileSpec,
    path: Path,
    width: int,
    positions: list[tuple[int, Column]],
    staging: Staging,
    read: Callable[[int, list[str]], None],
) -> int | None:
    """Read the file's rows after its header into `staging` as described above, calling
    `read(line, cells)` for each row SQL does not vouch for. Returns how many rows were read,
    or None (nothing done) if the file is not one `COPY` can read exactly."""
    if connection.vendor != "postgresql" or path.suffix.lower() != ".csv" or width < 1:
        return None
    check_row = spec.check_row_sql()
    if check_row is None or not spec.rows_all_kept():
        return None
    if not all(column.repeats or type(column) in (Text, Ref) for _, column in positions):
        return None
    import psycopg  # PostgreSQL's driver, present whenever PostgreSQL is the database

    plain = _plain_lines(path)
    if plain is None:
        return None
    start, lines = plain
    raw = f"{staging.table}_raw"
    cells = [f"r{i}" for i in range(width)]
    lookups: list[str] = []
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {raw} (line integer GENERATED ALWAYS AS IDENTITY "
                f"(START WITH 2) PRIMARY KEY, {', '.join(f'{c} text' for c in cells)})"
            )
            try:
                with cursor.cursor.copy(
                    f"COPY {raw} ({', '.join(cells)}) FROM STDIN WITH (FORMAT csv)"
                ) as copy:
                    for block in _body(path, start):
                        copy.write(block)
            except (DatabaseError, psycopg.Error):
                raise _Undo from None
            cursor.execute(f"SELECT COUNT(*) FROM {raw}")  # noqa: S608
            (copied,) = cursor.fetchone()
            if copied != lines:  # `\.` alone on a line ends COPY's data early
                raise _Undo
            try:
                inserted = _insert_vouched(
                    spec, raw, width, positions, staging, check_row, cursor, lookups
                )
            except (DatabaseError, psycopg.Error):
                # A value the database cannot hold (a whole number past its range): the
                # reader in Python meets it as it always has.
                raise _Undo from None
    except _Undo:
        return None
    staging.rows += inserted
    # The rest, in line order, through the reader in Python.
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.line, {', '.join(f'r.{c}' for c in cells)} FROM {raw} r "  # noqa: S608
                f"WHERE r.line > %s AND NOT EXISTS (SELECT 1 FROM {staging.table} s "
                f"WHERE s.line = r.line) ORDER BY r.line LIMIT {CHUNK}",
                [last],
            )
            rest = cursor.fetchall()
        if not rest:
            break
        last = rest[-1][0]
        for line, *values in rest:
            texts = ["" if value is None else value for value in values]
            # Spreadsheets often leave rows of empty cells at the end (`records` skips them).
            if any(text.strip() for text in texts):
                read(line, texts)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {', '.join([raw, *lookups])}")
    return lines


def _insert_vouched(
    spec: FileSpec,
    raw: str,
    width: int,
    positions: list[tuple[int, Column]],
    staging: Staging,
    check_row: str,
    cursor: Any,
    lookups: list[str],
) -> int:
    joins: list[str] = []
    values: dict[str, str] = {}
    vouched: list[str] = []
    for index, column in positions:
        cell = f"r.r{index}"
        empty = f"({cell} IS NULL OR {cell} = '')"
        if column.repeats:
            table = f"{raw}_{index}"
            lookups.append(table)
            _fill_lookup(cursor, raw, index, column, table)
            joins.append(f"LEFT JOIN {table} ON {table}.cell = {cell}")
            values[column.name] = f"{table}.value"
            given = f"{table}.cell IS NOT NULL"
        else:
            values[column.name] = f"NULLIF({cell}, '')"
            length = getattr(column, "max_length", None)
            fits = f" AND char_length({cell}) <= {int(length)}" if length is not None else ""
            given = f"({_plain_text(cell)}{fits})"
        vouched.append(given if column.required else f"({empty} OR {given})")
    # A row of empty cells is skipped, not kept (`reading.records`).
    vouched.append("NOT (" + " AND ".join(f"COALESCE(r.r{i}, '') = ''" for i in range(width)) + ")")
    names = {column.name: f"v.{staging.column(column.name)}" for _, column in positions}
    absent = {column.name: "NULL" for column in spec.columns if column.name not in names}
    quiet = check_row.format(**names, **absent)
    chosen = [staging.column(column.name) for _, column in positions]
    selected = ", ".join(
        f"{values[column.name]} AS {staging.column(column.name)}" for _, column in positions
    )
    columns = ", ".join(["line", *chosen])
    # Temporary tables have no statistics until asked: without them, the planner takes the
    # raw cells for a few rows. Even with them, it cannot tell how many rows the checks keep,
    # and a nested loop over millions of rows never ends: every lookup is hashed instead
    # (for this statement only: put back after it, as the check may run inside a longer
    # transaction).
    cursor.execute(f"ANALYZE {', '.join([raw, *lookups])}")
    cursor.execute("SELECT current_setting('enable_nestloop')")
    (nested_loops,) = cursor.fetchone()
    cursor.execute("SET LOCAL enable_nestloop = off")
    # Every name here is the import's own (tables, columns); no cell reaches the SQL.
    inner = f"SELECT r.line{', ' if selected else ''}{selected} FROM {raw} r "  # noqa: S608
    sql = (
        f"INSERT INTO {staging.table} ({columns}) SELECT v.line"  # noqa: S608
        + "".join(f", v.{name}" for name in chosen)
        + f" FROM ({inner}{' '.join(joins)} WHERE {' AND '.join(vouched)}) v WHERE {quiet}"
    )
    cursor.execute(sql)
    inserted = int(cursor.rowcount)
    cursor.execute("SELECT set_config('enable_nestloop', %s, true)", [nested_loops])
    return inserted


def _fill_lookup(cursor: Any, raw: str, index: int, column: Column, table: str) -> None:
    """A table of the column's distinct cells that parse, each with its parsed value (as the
    staging table types it). A cell with white space around it, or that does not parse, is
    left out: the reader in Python reports it."""
    cursor.execute(
        f"CREATE TEMPORARY TABLE {table} (cell text PRIMARY KEY, value {_sql_type(column)})"
    )
    cursor.execute(
        f"SELECT DISTINCT r{index} FROM {raw} WHERE r{index} <> ''"  # noqa: S608
    )
    distinct = [cell for (cell,) in cursor.fetchall()]
    convert = _to_text(column)
    good: list[tuple[str, Any]] = []
    for cell in distinct:
        if cell != cell.strip() or "\x00" in cell:
            continue
        try:
            value = column.parse(cell)
        except CellError:
            continue
        good.append((cell, value if convert is None else convert(value)))
    with cursor.cursor.copy(f"COPY {table} (cell, value) FROM STDIN") as copy:
        for row in good:
            copy.write_row(row)
