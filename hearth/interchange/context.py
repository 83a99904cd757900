"""What an import knows while it runs: the parsed files, the problems found, the records that
already exist, and the records it has loaded so far."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from django.db import models

from hearth.core.casework import Actor
from hearth.interchange.reading import Problem

if TYPE_CHECKING:
    from hearth.interchange.spec import FileSpec
    from hearth.interchange.staging import Staging


class Row:
    """One record of a file: its physical line and the parsed values of the columns present
    (`None` for an empty cell). A column absent from the file is absent from `values`.

    The values are kept as a tuple beside an index of column positions that every row of a
    file shares (`Row.of`): a large file holds millions of rows."""

    __slots__ = ("_cells", "_index", "line", "ref")

    def __init__(self, line: int, values: dict[str, Any], ref: str | None = None) -> None:
        self.line = line
        self.ref = ref
        self._index: dict[str, int] = {name: i for i, name in enumerate(values)}
        self._cells: tuple[Any, ...] = tuple(values.values())

    @classmethod
    def of(cls, line: int, index: dict[str, int], cells: tuple[Any, ...]) -> Row:
        """A row of `cells` in the order of `index` (column name -> position), shared."""
        row = cls.__new__(cls)
        row.line, row.ref, row._index, row._cells = line, None, index, cells
        return row

    @property
    def values(self) -> dict[str, Any]:
        return dict(zip(self._index, self._cells, strict=True))

    def cells_in(self, columns: list[str]) -> tuple[Any, ...] | list[Any]:
        """The values of `columns`, in that order (None for a column the row lacks)."""
        if len(self._index) == len(columns):
            return self._cells  # a whole row: its index is the file's columns, in order
        return [self.get(name) for name in columns]

    def get(self, column: str) -> Any:
        position = self._index.get(column)
        return None if position is None else self._cells[position]

    def __repr__(self) -> str:
        return f"Row(line={self.line}, values={self.values!r}, ref={self.ref!r})"


@dataclass
class ParsedFile:
    spec: FileSpec
    path: Path
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    by_ref: dict[str, Row] = field(default_factory=dict)
    # A staged file (`FileSpec.staged`) keeps its rows here instead of in `rows` and `by_ref`.
    staging: Staging | None = None
    _refs: set[str] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def row_count(self) -> int:
        return self.staging.rows if self.staging is not None else len(self.rows)

    def holds(self, ref: str) -> bool:
        """Whether a row of the file has this ref."""
        if self.staging is None:
            return ref in self.by_ref
        if self.spec.ref_column is None or not self.staging.has(self.spec.ref_column.name):
            return False
        if self._refs is None:
            # Asked row by row by the files that point here: the refs, read once.
            self._refs = set(self.staging.distinct(self.spec.ref_column.name))
        return ref in self._refs

    def forget_refs(self) -> None:
        """Let go of the refs `holds` read (once the checks are over: at 100,000 homes, the
        refs of homes, tenancies and repairs took 55 MB). Asked again, it reads them again."""
        self._refs = None

    def has(self, column: str) -> bool:
        """Whether the file has this column (absent optional columns leave records unchanged)."""
        return column in self.columns

    def values_for(self, refs: Iterable[str], names: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        """For each of `refs` that a row of the file has, the values of `names` on the row
        the ref names (the first with it), None for a column the file lacks."""
        if self.staging is None:
            found = ((ref, self.by_ref.get(ref)) for ref in refs)
            return {ref: tuple(row.get(n) for n in names) for ref, row in found if row}
        own = self.spec.ref_column
        if own is None or not self.staging.has(own.name):
            return {}
        present = [name for name in names if self.staging.has(name)]
        values: dict[str, tuple[Any, ...]] = {}
        rows = self.staging.rows_with(own.name, sorted(set(refs)), [own.name, *present])
        for _line, ref, *cells in rows:  # in line order: the first row with a ref names it
            if ref not in values:
                given = dict(zip(present, cells, strict=True))
                values[ref] = tuple(given.get(name) for name in names)
        return values

    def each_row(self) -> Iterator[Row]:
        """Every row, in line order: from memory, or a chunk at a time from the staging table
        (each with its ref, as `by_ref` gives it, once the checks have passed)."""
        if self.staging is None:
            yield from self.rows
            return
        for chunk in self.row_chunks():
            yield from chunk

    def row_chunks(self) -> Iterator[list[Row]]:
        """The rows a chunk at a time (a file in memory is one chunk)."""
        if self.staging is None:
            yield self.rows
            return
        index = {name: i for i, name in enumerate(self.columns)}
        own = self.spec.ref_column
        position = index.get(own.name) if own is not None else None
        for chunk in self.staging.chunks(self.columns):
            rows = []
            for line, *values in chunk:
                row = Row.of(line, index, tuple(values))
                if position is not None and isinstance(values[position], str):
                    row.ref = values[position]
                rows.append(row)
            yield rows


@dataclass
class FileReport:
    """What loading one file did: how many rows it had, which refs it created or changed."""

    file: str
    rows: int = 0
    created_refs: set[str] = field(default_factory=set, repr=False)
    updated_refs: set[str] = field(default_factory=set, repr=False)
    # Counted without keeping the refs (a staged file too large to hold them all).
    created_unlisted: int = field(default=0, repr=False)
    updated_unlisted: int = field(default=0, repr=False)

    @property
    def created(self) -> int:
        return len(self.created_refs) + self.created_unlisted

    @property
    def updated(self) -> int:
        return len(self.updated_refs) + self.updated_unlisted

    @property
    def unchanged(self) -> int:
        return self.rows - self.created - self.updated

    def mark_updated(self, ref: str) -> None:
        """Count `ref` as updated (e.g. its lead tenant changed), unless it was just created."""
        if ref not in self.created_refs:
            self.updated_refs.add(ref)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.rows} rows, {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )


class Progress(Protocol):
    """Where long steps report how far they have got (a progress bar, or nothing)."""

    def task(
        self, description: str, total: int | None
    ) -> AbstractContextManager[Callable[[int], None]]: ...


class NoProgress:
    @contextmanager
    def task(self, description: str, total: int | None) -> Iterator[Callable[[int], None]]:
        yield lambda n: None


class ImportContext:
    """Shared state of one import. File specs read it in their checks and loaders."""

    def __init__(self, *, actor: Actor = None, progress: Progress | None = None) -> None:
        self.actor = actor
        self.progress: Progress = progress or NoProgress()
        self.files: dict[str, ParsedFile] = {}
        self.problems: list[Problem] = []
        # Files and rows of the layout that Hearth does not import yet, set aside (not refused).
        self.set_aside: list[Problem] = []
        # spec name -> ref -> keys (`kept`) of a record already in the database (the file's
        # own refs, and the refs other files point at)
        self.existing: dict[str, dict[str, Any]] = defaultdict(dict)
        # spec name -> ref -> record written by this import
        self.loaded: dict[str, dict[str, models.Model]] = defaultdict(dict)
        # spec name -> ref -> keys of records read back for the chunk being loaded (a staged
        # file's records are not held: `prefetch`)
        self.fetched: dict[str, dict[str, Any]] = {}
        # Anything else a file spec keeps for the length of one import, under a key of its own
        # (the spec object is shared by every import).
        self.notes: dict[str, Any] = {}

    def problem(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(file, line, column, message))

    def set_aside_file(self, file: str, reason: str) -> None:
        self.set_aside.append(Problem(file, None, None, reason))

    def in_import(self, spec_name: str, ref: str) -> bool:
        parsed = self.files.get(spec_name)
        return parsed is not None and parsed.holds(ref)

    def close(self) -> None:
        """Drop the staging tables of the files read (the import is over)."""
        for parsed in self.files.values():
            if parsed.staging is not None:
                parsed.staging.drop()
                parsed.staging = None

    def compact(self, spec_name: str) -> None:
        """Once a file is loaded (its own `after_load` included), keep of each of its records
        only what later files ask `record` for: the primary key and the foreign keys
        (`home.block_id`). A 100,000-home import would otherwise hold every record whole."""
        for held in (self.loaded, self.existing):
            records = held.get(spec_name)
            if records:
                held[spec_name] = {ref: kept(record) for ref, record in records.items()}  # type: ignore[misc]

    def exists(self, spec_name: str, ref: str) -> bool:
        """Whether `ref` names a record of that file, in this import or in the database."""
        return self.in_import(spec_name, ref) or ref in self.existing[spec_name]

    def record(self, spec_name: str, ref: str) -> models.Model:
        """The record `ref` names: loaded by this import, else already in the database.

        Only for use while loading, after the checks have passed, so it is always there.
        Of a staged file's records only the keys are given (`kept`), read back from the
        database: in bulk for a chunk by `prefetch`, else one by one.
        """
        found = (
            self.loaded[spec_name].get(ref)
            or self.existing[spec_name].get(ref)
            or self.fetched.get(spec_name, {}).get(ref)
        )
        if found is None:
            found = self.records(spec_name, [ref]).get(ref)
        if found is None:
            raise LookupError(f"{spec_name}: {ref} was neither loaded nor found")
        return found

    def records(self, spec_name: str, refs: Iterable[str]) -> dict[str, Any]:
        """The records these refs name, as `record` gives them, in bulk: those a staged file
        wrote are read back from the database, a few queries for the lot."""
        from hearth.interchange import registry

        found: dict[str, Any] = {}
        missing: list[str] = []
        loaded, existing = self.loaded[spec_name], self.existing[spec_name]
        for ref in dict.fromkeys(refs):
            record = loaded.get(ref) or existing.get(ref)
            if record is None:
                missing.append(ref)
            else:
                found[ref] = record
        if missing:
            found.update(registry.get(spec_name).fetch_keys(missing))
        return found

    def prefetch(self, spec_name: str, refs: Iterable[str]) -> None:
        """Read back the keys of these refs' records for the chunk about to be loaded, in
        place of the last chunk's (so at most a chunk's are held)."""
        self.fetched[spec_name] = self.records(spec_name, refs)


_KEPT_CLASSES: dict[type[models.Model], tuple[type, tuple[str, ...]]] = {}


def kept_class(model: type[models.Model]) -> tuple[type, tuple[str, ...]]:
    """The class of `model`'s stand-ins, and the `*_id` names of its foreign keys."""
    found = _KEPT_CLASSES.get(model)
    if found is None:
        names = tuple(
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.ForeignKey)
        )
        kind = type(f"Kept{model.__name__}", (), {"__slots__": ("pk", *names)})
        found = _KEPT_CLASSES[model] = (kind, names)
    return found


def kept_of(model: type[models.Model], pk: Any, keys: Iterable[Any]) -> Any:
    """A stand-in for the record of `model` with this `pk` and these foreign keys' values (in
    the order `kept_class` names them)."""
    kind, names = kept_class(model)
    kept = kind()
    kept.pk = pk
    for name, value in zip(names, keys, strict=True):
        setattr(kept, name, value)
    return kept


def kept(record: Any) -> Any:
    """A small stand-in for `record`: its `pk` and its foreign keys' `*_id` values."""
    if not isinstance(record, models.Model):
        return record  # already compacted
    model = type(record)
    _, names = kept_class(model)
    return kept_of(model, record.pk, (getattr(record, name) for name in names))
