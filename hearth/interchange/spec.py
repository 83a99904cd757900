"""`FileSpec`: the declarative description of one interchange file, with a generic checker,
loader and exporter that most files need nothing more than. See `hearth.interchange.registry`
for how a domain adds its own files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any, ClassVar

from django.db import models
from django.db.models.expressions import Expression

from hearth.core import bulk
from hearth.interchange.columns import Column, Ref, RefTo
from hearth.interchange.context import FileReport, ImportContext, ParsedFile, Row
from hearth.interchange.exporting import Cell, kind_of, write_rows


class FileSpec:
    """One file of the interchange layout.

    Declare `name` (`homes.csv`), `label` (the singular noun used in messages: "no home H-99
    in this import or the database"), `model`, and `columns` in the order export writes them.
    The first `Ref` column is the file's own reference, stored in the model's `ref` field and
    used to match rows to records; each `RefTo` column names the file it points at, which
    makes that file a dependency (loaded first). `depends_on` adds dependencies no column shows.
    """

    name: ClassVar[str]
    label: ClassVar[str]
    model: ClassVar[type[models.Model]]
    columns: ClassVar[tuple[Column, ...]]
    depends_on: ClassVar[tuple[str, ...]] = ()
    # Whether the checks look up, in bulk, the keys of the records already in the database for
    # every ref of the file (`ctx.existing`). A file too big to hold even those (the ledger)
    # says no, and looks them up a chunk at a time in its own `check_file` and `load`; the
    # refs other files point at are looked up either way.
    fetch_own_refs: ClassVar[bool] = True
    # Whether the file's rows are streamed into a staging table (`hearth.interchange.staging`)
    # rather than held in memory: its `check_file` and `load` then read `file.staging`, and
    # `file.rows` stays empty. For files too large to hold (the ledger). `staged_indexes`: the
    # columns the staged checks join on.
    staged: ClassVar[bool] = False
    staged_indexes: ClassVar[tuple[str, ...]] = ()
    # Whether a staged file's records are held (as their keys, `context.kept`) for the files
    # that point at it, as `ctx.record` gives them. A file of many rows that others reach
    # only through `RefTo` columns says no: they read the keys back a chunk at a time
    # (`ImportContext.prefetch`), so an import holds none of them (at 100,000 homes, the
    # keys of 320,000 repairs took 100 MB).
    keys_held: ClassVar[bool] = True

    def __init__(self) -> None:
        names = [column.name for column in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: a column is declared twice")
        for column in self.columns:
            column.bind(self.model)
        self.by_name: dict[str, Column] = {column.name: column for column in self.columns}
        self.ref_column: Ref | None = next(
            (column for column in self.columns if isinstance(column, Ref)), None
        )

    @property
    def required_columns(self) -> list[str]:
        return [column.name for column in self.columns if column.required]

    @property
    def dependencies(self) -> tuple[str, ...]:
        targets = [c.target for c in self.columns if isinstance(c, RefTo)] + list(self.depends_on)
        return tuple(dict.fromkeys(t for t in targets if t != self.name))

    # -- checking ---------------------------------------------------------------------------

    def references(self, row: Row) -> Iterator[tuple[str, str, str]]:
        """(column, target file, ref) for every reference this row makes to another file."""
        for column in self.columns:
            if isinstance(column, RefTo) and row.get(column.name):
                yield column.name, column.target, row.get(column.name)

    def check_row_sql(self) -> str | None:
        """An SQL condition that holds for a row only if `check_row` finds nothing wrong with
        it, or None if that cannot be said in SQL. In it, `{column}` is the row's parsed value
        of that column (NULL when empty or absent from the file), as the staging table types
        it. It lets a staged file be read by `COPY` (`hearth.interchange.copying`); a row it
        does not hold for is read in Python, and `check_row` words what is wrong."""
        return "TRUE" if type(self).check_row is FileSpec.check_row else None

    def rows_all_kept(self) -> bool:
        """Whether no row is ever set aside (`set_aside` is not overridden)."""
        return type(self).set_aside is FileSpec.set_aside

    def set_aside(self, row: Row) -> tuple[str | None, str] | None:
        """(column, why) when the row is about something Hearth does not keep yet, so it is set
        aside rather than checked and loaded (a contact about an ASB case before ASB lands)."""
        return None

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        """Checks within one row (dates in the right order). Report with `ctx.problem`."""

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        """Checks across rows, other files or the database (e.g. overlapping tenancies).

        Runs after every file is parsed and every reference resolved; `ctx.existing` holds
        the keys (`context.kept`) of the records of this file's refs that are already in the
        database.
        """

    def fetch_existing(self, refs: Iterable[str]) -> dict[str, models.Model]:
        """The records already in the database for these refs, in bulk."""
        if self.ref_column is None or self.ref_column.field is None:
            return {}
        return bulk.in_bulk_by(self.model, self.ref_column.field, refs)

    def fetch_keys(self, refs: Iterable[str]) -> dict[str, Any]:
        """The keys (`context.kept`) of the records these refs name, from the database, in
        bulk: how the records a staged file wrote are found by the files that point at it."""
        from hearth.interchange.context import kept_class, kept_of

        if self.ref_column is None or self.ref_column.field is None:
            return {}
        field = self.ref_column.field
        _, names = kept_class(self.model)
        found: dict[str, Any] = {}
        for chunk in bulk.chunked(sorted(set(refs))):
            rows = self.model._default_manager.filter(**{f"{field}__in": chunk})
            for ref, pk, *keys in rows.values_list(field, "pk", *names):
                found[ref] = kept_of(self.model, pk, keys)
        return found

    def prefetch_targets(self, rows: Iterable[Row], file: ParsedFile, ctx: ImportContext) -> None:
        """Before these rows are assigned: read back the keys of the records they point at in
        files that do not hold them (`keys_held`)."""
        from hearth.interchange import registry

        rows = list(rows)
        for name in file.columns:
            column = self.by_name[name]
            if not isinstance(column, RefTo) or not column.field:
                continue
            if not registry.get(column.target).keys_held:
                ctx.prefetch(column.target, {r.get(name) for r in rows if r.get(name)})

    # -- loading ------------------------------------------------------------------------------

    def load(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        """Create the rows whose ref is new, update the ones whose values changed, in bulk.

        Unchanged records are not written at all, so a re-import is fast and adds no row
        history; this is also why it is not one `bulk_create(update_conflicts=True)`.
        """
        assert self.ref_column is not None and self.ref_column.field is not None
        if file.staging is not None:
            return self._load_staged(file, ctx)
        report = FileReport(self.name, rows=len(file.rows))
        # The checks held only the keys of the records already stored (`ctx.existing`); the
        # file's own are read back whole here, to be compared with the rows.
        stored = ctx.existing[self.name]
        existing = self.fetch_existing([row.ref for row in file.rows if row.ref in stored])
        created: list[models.Model] = []
        updated: list[models.Model] = []
        changed_fields: set[str] = set()
        self.prefetch_targets(file.rows, file, ctx)
        with ctx.progress.task(f"Loading {self.name}", len(file.rows)) as advance:
            for row in file.rows:
                assert row.ref is not None
                record = existing.get(row.ref)
                if record is None:
                    record = self.model(**{self.ref_column.field: row.ref})
                    self.assign(row, record, file, ctx)
                    created.append(record)
                else:
                    changes = self.assign(row, record, file, ctx)
                    if changes:
                        updated.append(record)
                        changed_fields |= changes
                ctx.loaded[self.name][row.ref] = record
                advance(1)
            bulk.create(self.model, created, actor=ctx.actor)
            bulk.update(self.model, updated, changed_fields, actor=ctx.actor)
        report.created_refs = {getattr(r, self.ref_column.field) for r in created}
        report.updated_refs = {getattr(r, self.ref_column.field) for r in updated}
        self.after_load(file, ctx, report)
        return report

    def _load_staged(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        """`load` for a staged file: a chunk of rows at a time, each matched to the records of
        its own refs, written, handed to `after_chunk`, and let go. When other files point at
        this one, only each record's keys are kept for them (`ImportContext.compact`), unless
        the spec says they read them back instead (`keys_held`)."""
        from hearth.interchange import registry
        from hearth.interchange.context import kept

        assert file.staging is not None and self.ref_column is not None
        report = FileReport(self.name, rows=file.staging.rows)
        keep = self.keys_held and self.name in registry.pointed_at()
        with ctx.progress.task(f"Loading {self.name}", file.staging.rows) as advance:
            for rows in file.row_chunks():
                self.prefetch_targets(rows, file, ctx)
                existing = self.fetch_existing([row.ref for row in rows if row.ref])
                created: list[models.Model] = []
                updated: list[models.Model] = []
                changed_fields: set[str] = set()
                for row in rows:
                    record = existing.get(row.ref) if row.ref is not None else None
                    if record is None:
                        record = self.model(**{self.ref_column.field: row.ref})  # type: ignore[misc]
                        self.assign(row, record, file, ctx)
                        created.append(record)
                    else:
                        changes = self.assign(row, record, file, ctx)
                        if changes:
                            updated.append(record)
                            changed_fields |= changes
                bulk.create(self.model, created, actor=ctx.actor)
                bulk.update(self.model, updated, changed_fields, actor=ctx.actor)
                records = {row.ref: existing.get(row.ref) for row in rows if row.ref is not None}
                field = self.ref_column.field
                records.update((getattr(record, field), record) for record in created)  # type: ignore[arg-type]
                # The chunk's own count, which `after_chunk` may add to (`mark_updated`).
                counted = FileReport(self.name, rows=len(rows))
                counted.created_refs = {getattr(record, field) for record in created}  # type: ignore[arg-type]
                counted.updated_refs = {getattr(record, field) for record in updated}  # type: ignore[arg-type]
                self.after_chunk(rows, records, created, file, ctx, counted)  # type: ignore[arg-type]
                if keep:
                    ctx.loaded[self.name].update(
                        (ref, kept(record)) for ref, record in records.items()
                    )
                report.created_unlisted += counted.created
                report.updated_unlisted += counted.updated
                advance(len(rows))
        self.after_load(file, ctx, report)
        return report

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        """Copy the row's mapped columns onto `record`; return the names of fields that changed.

        Only columns present in the file are copied: an absent optional column leaves the field
        as it is. An empty cell clears the field (to the field's default if it cannot be null).
        """
        changed: set[str] = set()
        for name in file.columns:
            column = self.by_name[name]
            if column.field is None or column is self.ref_column:
                continue
            field = self.model._meta.get_field(column.field)
            assert isinstance(field, models.Field)
            value = row.get(name)
            if isinstance(column, RefTo):
                value = ctx.record(column.target, value).pk if value is not None else None
            elif value is None and not field.null:
                value = field.get_default()
            attname = field.attname
            if getattr(record, attname) != value:
                setattr(record, attname, value)
                changed.add(field.name)
        return changed

    def after_chunk(
        self,
        rows: list[Row],
        records: dict[str, models.Model],
        created: list[models.Model],
        file: ParsedFile,
        ctx: ImportContext,
        report: FileReport,
    ) -> None:
        """A staged file's chunk of `rows` is written: `records` are their records by ref
        (`created` the new ones among them). Write what hangs off them; they are let go
        afterwards. `report` counts the chunk: `report.mark_updated(ref)` counts a row as
        updated for what hangs off it."""

    def after_load(self, file: ParsedFile, ctx: ImportContext, report: FileReport) -> None:
        """Write what hangs off the file's records (e.g. a tenancy's lead tenant)."""

    # -- export -------------------------------------------------------------------------------

    def export_queryset(self) -> models.QuerySet[Any]:
        """The records export writes, in the order it writes them (by ref)."""
        queryset = self.model._default_manager.all()
        if self.ref_column is not None and self.ref_column.field:
            queryset = queryset.order_by(self.ref_column.field)
        return queryset

    def export_field(self, column: Column) -> str | Expression:
        """What `column` is written from: a field path (`home__ref`) or an expression on
        `export_queryset()`. Override for columns with `field=None`. An empty text is written
        as an empty cell, like a missing value."""
        if column.field is None:
            raise NotImplementedError(f"{self.name}: how to export {column.name} is not said")
        if isinstance(column, RefTo):
            return f"{column.field}__{_ref_field(column.target)}"
        return column.field

    def export_rows(self) -> models.QuerySet[Any]:
        """Every row of the file, each cell formatted by the database (`exporting.Cell`)."""
        cells = {
            f"cell_{index}": Cell(self.export_field(column), kind_of(column))
            for index, column in enumerate(self.columns)
        }
        return self.export_queryset().annotate(**cells).values_list(*cells)

    def export(self, handle: IO[bytes]) -> int:
        """Write the file's rows (not its header) to `handle`; return how many were written."""
        kinds = [kind_of(column) for column in self.columns]
        return write_rows(self.export_rows(), kinds, handle)

    def __repr__(self) -> str:
        return f"<FileSpec {self.name}>"


def _ref_field(spec_name: str) -> str:
    from hearth.interchange import registry

    ref_column = registry.get(spec_name).ref_column
    return ref_column.field if ref_column is not None and ref_column.field else "ref"
