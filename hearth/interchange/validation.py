"""Checking a folder before anything is written: every problem in every file is collected,
so that one run tells the landlord everything to fix."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from hearth.interchange import registry
from hearth.interchange.columns import CellError, Column, RefTo
from hearth.interchange.context import ImportContext, ParsedFile, Row
from hearth.interchange.copying import copy_rows
from hearth.interchange.layout import LAYOUT_FILES, SUFFIXES
from hearth.interchange.reading import Problem, UnreadableFile, records
from hearth.interchange.spec import FileSpec
from hearth.interchange.staging import Staging, room_for_staging


def check_folder(folder: Path, ctx: ImportContext) -> None:
    """Parse every known file in `folder` into `ctx.files`, and every problem into `ctx.problems`.

    A file of the layout that no part of Hearth imports yet is set aside (`ctx.set_aside`), and
    so is a row that a file spec sets aside (a contact about a kind of case Hearth does not keep
    yet); the rest is checked and loaded as usual.
    """
    room_for_staging()
    specs = registry.ordered()
    known = [spec.name for spec in specs]
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in SUFFIXES:
            continue
        name = f"{path.stem}.csv"
        if name in found:
            ctx.problem(
                path.name, None, None,
                f"is the same file as {found[name].name}; keep one of them",
            )  # fmt: skip
        elif name in known:
            found[name] = path
        elif name in LAYOUT_FILES:
            found[name] = path
            ctx.set_aside_file(path.name, f"Hearth does not import {name} yet")
        else:
            close = difflib.get_close_matches(name.lower(), list(LAYOUT_FILES), n=1)
            hint = f"did you mean {close[0]}?" if close else f"the files are {', '.join(known)}"
            ctx.problem(path.name, None, None, f"is not a file Hearth imports ({hint})")
    for spec in specs:
        if spec.name in found:
            ctx.files[spec.name] = parse_file(spec, found[spec.name], ctx)
    if not ctx.files and not ctx.problems and not ctx.set_aside:
        ctx.problem(str(folder), None, None, f"holds none of the files {', '.join(known)}")
    resolve_references(specs, ctx)
    for spec in specs:
        if spec.name in ctx.files:
            spec.check_file(ctx.files[spec.name], ctx)
    _name_workbooks(ctx)


def _name_workbooks(ctx: ImportContext) -> None:
    """Problems in a workbook name the workbook (`homes.xlsx:12`, 12 being the sheet row)."""
    names = {
        name: parsed.path.name for name, parsed in ctx.files.items() if parsed.path.name != name
    }
    if names:
        ctx.problems = [
            dataclasses.replace(p, file=names[p.file]) if p.file in names else p
            for p in ctx.problems
        ]
        ctx.set_aside = [
            dataclasses.replace(p, file=names[p.file]) if p.file in names else p
            for p in ctx.set_aside
        ]


def parse_file(spec: FileSpec, path: Path, ctx: ImportContext) -> ParsedFile:
    parsed = ParsedFile(spec, path)
    lines = records(path)
    try:
        header = next(lines, None)
        if header is None:
            ctx.problem(spec.name, 1, None, "is empty; the first line must name the columns")
            return parsed
        positions = _read_header(spec, header[1], parsed, ctx)
        if spec.staged:
            parsed.staging = Staging([spec.by_name[name] for name in parsed.columns])
        reader = _RowReader(spec, len(header[1]), positions, parsed, ctx)
        with ctx.progress.task(f"Checking {spec.name}", None) as advance:
            copied = None
            if parsed.staging is not None:
                copied = copy_rows(
                    spec, path, len(header[1]), positions, parsed.staging, reader.read
                )
            if copied is not None:
                advance(copied)
            else:
                for line, cells in lines:
                    reader.read(line, cells)
                    advance(1)
    except UnreadableFile as error:
        ctx.problem(spec.name, error.line, None, error.message)
    finally:
        if parsed.staging is not None:
            parsed.staging.finish(spec.staged_indexes)
    if parsed.staging is not None:
        _check_staged_refs(spec, parsed.staging, ctx)
    return parsed


def _check_staged_refs(spec: FileSpec, staging: Staging, ctx: ImportContext) -> None:
    """A staged file's rows that repeat an earlier row's ref, as `_add_row` reports them."""
    if spec.ref_column is None or not staging.has(spec.ref_column.name):
        return
    name = spec.ref_column.name
    ref = staging.column(name)
    repeated = staging.query(
        f"SELECT s.line, s.{ref}, f.first FROM {{t}} s JOIN "  # noqa: S608
        f"(SELECT {ref} AS ref, MIN(line) AS first FROM {{t}} WHERE {ref} IS NOT NULL "
        f"GROUP BY {ref} HAVING COUNT(*) > 1) f ON f.ref = s.{ref} "
        "WHERE s.line > f.first ORDER BY s.line"
    )
    for line, value, first in repeated:
        ctx.problem(spec.name, line, name, f"{value} appears again (first on line {first})")
    staging.ref_repeats = bool(repeated)


# A column's distinct cells are parsed once each, up to this many (see `Column.repeats`).
MEMO_LIMIT = 100_000


class _RowReader:
    """Reads the rows of one file: cells to values, with every problem reported. Cells of
    columns whose values repeat are parsed once and their values shared between rows, which
    saves time and memory on large files."""

    def __init__(
        self,
        spec: FileSpec,
        width: int,
        positions: list[tuple[int, Column]],
        parsed: ParsedFile,
        ctx: ImportContext,
    ) -> None:
        self.spec, self.width, self.parsed, self.ctx = spec, width, parsed, ctx
        self.positions = positions
        # (position in the line, column, its name, the values of cells already parsed)
        self.cells: list[tuple[int, Column, str, dict[str, object] | None]] = [
            (index, column, column.name, {} if column.repeats else None)
            for index, column in positions
        ]
        self.index = {name: i for i, (_, _, name, _) in enumerate(self.cells)}

    def read(self, line: int, cells: list[str]) -> None:
        spec, ctx = self.spec, self.ctx
        if len(cells) != self.width:
            # The cells no longer line up with the header, so checking them would only add
            # noise; the ref is still taken, so that rows pointing at this one are not
            # reported as well.
            ctx.problem(
                spec.name, line, None,
                f"has {len(cells)} cells but the header has {self.width} columns",
            )  # fmt: skip
            positions = [
                (i, c) for i, c in self.positions if c is spec.ref_column and i < len(cells)
            ]
            found: dict[str, object] = {}
            for index, column in positions:
                with contextlib.suppress(CellError):
                    found[column.name] = column.parse(cells[index].strip())
            _add_row(spec, Row(line, found), self.parsed, ctx)
            return
        problems_before = len(ctx.problems)
        values: list[object] = []
        for index, column, name, memo in self.cells:
            raw = cells[index].strip()
            value: object = None
            if not raw:
                if column.required:
                    ctx.problem(spec.name, line, name, "is empty, but a value is required")
            elif memo is not None and raw in memo:
                value = memo[raw]
            elif "\x00" in raw:
                ctx.problem(
                    spec.name, line, name,
                    "holds a NUL character (a zero byte), which no database can keep; remove it",
                )  # fmt: skip
            else:
                try:
                    value = column.parse(raw)
                except CellError as error:
                    ctx.problem(spec.name, line, name, str(error))
                else:
                    if memo is not None and len(memo) < MEMO_LIMIT:
                        memo[raw] = value
            values.append(value)
        row = Row.of(line, self.index, tuple(values))
        reason = spec.set_aside(row)
        if reason is not None:
            where, why = reason
            del ctx.problems[problems_before:]  # what is not imported needs no fixing now
            ctx.set_aside.append(Problem(spec.name, line, where, why))
            return
        _add_row(spec, row, self.parsed, ctx)
        spec.check_row(row, self.parsed, ctx)


def _read_header(
    spec: FileSpec, cells: list[str], parsed: ParsedFile, ctx: ImportContext
) -> list[tuple[int, Column]]:
    positions: list[tuple[int, Column]] = []
    for index, cell in enumerate(cells):
        name = cell.strip()
        column = spec.by_name.get(name)
        if not name:
            ctx.problem(spec.name, 1, f"column {index + 1}", "has no name in the header")
        elif column is None:
            close = difflib.get_close_matches(name.lower(), list(spec.by_name), n=1)
            hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(spec.by_name)}"
            ctx.problem(spec.name, 1, name, f"is not a column of {spec.name} ({hint})")
        elif name in parsed.columns:
            ctx.problem(spec.name, 1, name, "appears twice in the header")
        else:
            parsed.columns.append(name)
            positions.append((index, column))
    for name in spec.required_columns:
        if name not in parsed.columns:
            ctx.problem(spec.name, 1, name, "required column is missing from the header")
    return positions


def _add_row(spec: FileSpec, row: Row, parsed: ParsedFile, ctx: ImportContext) -> Row:
    """Keep the row, and index it by its ref unless an earlier row has the same one (a staged
    file's rows go to its staging table, and repeated refs are found there at the end)."""
    if parsed.staging is not None:
        parsed.staging.add(row.line, row.cells_in(parsed.columns))
        return row
    parsed.rows.append(row)
    if spec.ref_column is not None:
        ref = row.get(spec.ref_column.name)
        if isinstance(ref, str):
            first = parsed.by_ref.get(ref)
            if first is not None:
                message = f"{ref} appears again (first on line {first.line})"
                ctx.problem(spec.name, row.line, spec.ref_column.name, message)
            else:
                row.ref = ref
                parsed.by_ref[ref] = row
    return row


def _custom_references(spec: FileSpec) -> bool:
    """Whether the spec says itself which refs a row makes (contacts: by the case type)."""
    return type(spec).references is not FileSpec.references


def _references(ctx: ImportContext) -> Iterator[tuple[ParsedFile, Row, str, str, str]]:
    """Every reference a row makes. A staged file's `RefTo` columns are checked in SQL
    instead (`_staged_references`); its rows are read here only when its spec names its
    references itself."""
    for parsed in ctx.files.values():
        if parsed.staging is not None and not _custom_references(parsed.spec):
            continue
        for row in parsed.each_row():
            for column, target, ref in parsed.spec.references(row):
                yield parsed, row, column, target, ref


def _staged_references(ctx: ImportContext) -> Iterator[tuple[ParsedFile, Staging, RefTo]]:
    for parsed in ctx.files.values():
        if parsed.staging is not None and not _custom_references(parsed.spec):
            for column in parsed.spec.columns:
                if isinstance(column, RefTo) and parsed.staging.has(column.name):
                    yield parsed, parsed.staging, column


def _named_elsewhere(
    parsed: ParsedFile, staging: Staging, column: RefTo, ctx: ImportContext
) -> list[str]:
    """The distinct refs a staged file's column names that are not rows of this import."""
    target = ctx.files.get(column.target)
    own_column = parsed.spec.ref_column
    if target is parsed and (own_column is None or not staging.has(own_column.name)):
        return sorted(staging.distinct(column.name))  # no row of the file has a ref
    if target is parsed and own_column is not None:
        # A file naming its own rows (a reversal and the payment it takes back): in SQL.
        own, named = staging.column(own_column.name), staging.column(column.name)
        found = staging.query(
            f"SELECT DISTINCT s.{named} FROM {{t}} s WHERE s.{named} IS NOT NULL AND NOT EXISTS "  # noqa: S608
            f"(SELECT 1 FROM {{t}} o WHERE o.{own} = s.{named})"
        )
        return sorted(value for (value,) in found)
    return sorted(
        ref for ref in staging.distinct(column.name) if not ctx.in_import(column.target, ref)
    )


def resolve_references(specs: list[FileSpec], ctx: ImportContext) -> None:
    """Look up, in bulk, the records the files name that are already in the database, then
    report every reference that is neither in this import nor in the database."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for name, parsed in ctx.files.items():
        if parsed.spec.fetch_own_refs:
            wanted[name].update(parsed.by_ref)
    for _parsed, _row, _column, target, ref in _references(ctx):
        if not ctx.in_import(target, ref):
            wanted[target].add(ref)
    elsewhere: dict[tuple[str, str], list[str]] = {}
    for parsed, staging, named in _staged_references(ctx):
        found = _named_elsewhere(parsed, staging, named, ctx)
        elsewhere[(parsed.name, named.name)] = found
        wanted[named.target].update(found)
    for spec in specs:
        if wanted[spec.name]:
            # Only their keys: the checks ask only whether a ref is stored, later files only
            # for keys (`ctx.record`), and a file's own load reads its records back whole.
            ctx.existing[spec.name] = spec.fetch_keys(wanted[spec.name])
    for parsed, row, column, target, ref in _references(ctx):
        if not ctx.exists(target, ref):
            label = registry.get(target).label
            ctx.problem(
                parsed.name, row.line, column, f"no {label} {ref} in this import or the database"
            )
    for parsed, staging, named in _staged_references(ctx):
        existing = ctx.existing[named.target]
        missing = [ref for ref in elsewhere[(parsed.name, named.name)] if ref not in existing]
        label = registry.get(named.target).label
        for line, ref in staging.lines_with(named.name, missing):
            ctx.problem(
                parsed.name, line, named.name, f"no {label} {ref} in this import or the database"
            )
