"""Importing and exporting a folder of interchange CSV files (`../spec/interchange.md`).

`import_folder` checks every file first and raises `ImportRejected` with every problem found,
changing nothing; only a clean folder is loaded, in one transaction. `export_folder` writes
every registered file, so that its output imported into an empty database gives the same
records.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from hearth.core import faults
from hearth.core.casework import Actor, actor_of
from hearth.core.timeline import record
from hearth.interchange import registry
from hearth.interchange.context import FileReport, ImportContext, NoProgress, Progress
from hearth.interchange.models import ImportRun
from hearth.interchange.reading import Problem
from hearth.interchange.validation import check_folder


class ImportRejected(Exception):
    """The folder has problems, so nothing was imported. `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{count} found; nothing was imported")


@dataclass
class ImportReport:
    folder: Path
    files: list[FileReport]
    dry_run: bool = False
    run: ImportRun | None = None
    # Files and rows Hearth does not import yet (a domain still to be built), left out.
    set_aside: list[Problem] = field(default_factory=list)

    def file(self, name: str) -> FileReport:
        return next(report for report in self.files if report.file == name)


@dataclass
class ExportReport:
    folder: Path
    rows: dict[str, int] = field(default_factory=dict)


def _in_spec_order(problems: list[Problem]) -> list[Problem]:
    """Files in load order, then lines, then columns in the order the spec lists them."""
    specs = registry.ordered()
    files = {spec.name: index for index, spec in enumerate(specs)}
    columns = {spec.name: {name: i for i, name in enumerate(spec.by_name)} for spec in specs}

    def key(problem: Problem) -> tuple[int, int, int]:
        column = columns.get(problem.file, {}).get(problem.column or "", -1)
        return files.get(problem.file, -1), problem.line or 0, column

    return sorted(problems, key=key)


def check_folder_problems(path: str | Path) -> list[Problem]:
    """Every problem an import of `path` would report, without writing anything."""
    folder = Path(path)
    if not folder.is_dir():
        return [Problem(str(folder), None, None, "is not a folder")]
    ctx = ImportContext()
    try:
        check_folder(folder, ctx)
    finally:
        ctx.close()
    return _in_spec_order(ctx.problems)


def import_folder(
    path: str | Path,
    *,
    actor: Actor = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Load every file in the folder, all or nothing; rows are matched to records on their refs.

    Raises `ImportRejected` (and writes nothing) if any file has any problem. With `dry_run`
    the load runs and is rolled back, so the report shows what an import would do.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise ImportRejected([Problem(str(folder), None, None, "is not a folder")])
    ctx = ImportContext(actor=actor, progress=progress)
    try:
        return _import_checked(folder, ctx, actor=actor, dry_run=dry_run)
    finally:
        ctx.close()


def _import_checked(
    folder: Path, ctx: ImportContext, *, actor: Actor, dry_run: bool
) -> ImportReport:
    check_folder(folder, ctx)
    if ctx.problems:
        raise ImportRejected(_in_spec_order(ctx.problems))
    for parsed in ctx.files.values():
        parsed.forget_refs()
    started_at = timezone.now()
    reports: list[FileReport] = []
    current = ""
    try:
        with transaction.atomic():
            for spec in registry.ordered():
                if spec.name in ctx.files:
                    current = spec.name
                    reports.append(spec.load(ctx.files[spec.name], ctx))
                    ctx.compact(spec.name)
                    faults.pause_point("interchange.import.loaded")
            set_aside = _in_spec_order(ctx.set_aside)
            if dry_run:
                transaction.set_rollback(True)
                return ImportReport(folder, reports, dry_run=True, set_aside=set_aside)
            run = _record_run(
                folder, reports, actor=actor, started_at=started_at, set_aside=set_aside
            )
            _analyse()
    except IntegrityError as error:
        # The checks passed, so another user changed the same records while this one loaded.
        message = f"the database changed while importing ({error}); nothing was imported, try again"
        raise ImportRejected([Problem(current, None, None, message)]) from error
    return ImportReport(folder, reports, run=run, set_aside=set_aside)


def _analyse() -> None:
    """Bring PostgreSQL's planner statistics up to date for every table this import wrote to,
    so that the first queries after a large import do not plan for what the tables held
    before. That is the files' own tables and the ones written beside them: row history, and
    what triggers or services keep on write (balances, day totals, safety due dates). The
    counts are this transaction's own (`pg_stat_xact_user_tables`); the staging tables are
    temporary and not among them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_xact_user_tables WHERE schemaname = current_schema() "
            "AND n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname"
        )
        tables = [connection.ops.quote_name(table) for (table,) in cursor.fetchall()]
        if tables:
            cursor.execute(f"ANALYZE {', '.join(tables)}")  # one statement for them all


def _record_run(
    folder: Path,
    reports: list[FileReport],
    *,
    actor: Actor,
    started_at: Any,
    set_aside: list[Problem],
) -> ImportRun:
    run = ImportRun.objects.create(
        folder=str(folder)[-500:],
        actor=actor_of(actor),
        started_at=started_at,
        finished_at=timezone.now(),
        files=[report.as_dict() for report in reports],
    )
    parts = [f"{r.file} ({r.created} created, {r.updated} updated)" for r in reports]
    if set_aside:
        parts.append(f"{len(set_aside)} files or rows set aside")
    record(
        run,
        verb="imported",
        summary=f"Imported records from {folder.name or folder}: {'; '.join(parts)}"[:500],
        actor=actor,
        details={"files": run.files, "set_aside": [str(p) for p in set_aside]},
    )
    return run


def export_folder(path: str | Path, *, progress: Progress | None = None) -> ExportReport:
    """Write every registered file into the folder (created if need be), from one snapshot.

    Files are written beside their final names and renamed at the end, so a failed export
    leaves the folder's earlier files as they were.
    """
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    progress = progress or NoProgress()
    report = ExportReport(folder)
    written: list[tuple[Path, Path]] = []
    try:
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                # One consistent picture even while others write (SQLite transactions are).
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            for spec in registry.ordered():
                final = folder / spec.name
                partial = folder / f".{spec.name}.partial"
                written.append((partial, final))
                with (
                    partial.open("wb") as handle,
                    progress.task(f"Exporting {spec.name}", None) as advance,
                ):
                    header = io.StringIO(newline="")
                    # RFC 4180: CRLF line ends, minimal quoting (as the rows are written)
                    csv.writer(header).writerow([column.name for column in spec.columns])
                    handle.write(header.getvalue().encode("utf-8"))
                    rows = spec.export(handle)
                    advance(rows)
                report.rows[spec.name] = rows
        for partial, final in written:
            partial.replace(final)
    finally:
        for partial, _ in written:
            partial.unlink(missing_ok=True)
    return report
