"""The registry of interchange files: every CSV file `hearth import` reads and `hearth export`
writes is a `FileSpec` registered here. Files load in dependency order.

Adding a file from a domain app
-------------------------------
Put the spec in the app's own `interchange.py` (e.g. `hearth/repairs/interchange.py`); it is
imported automatically the first time the registry is used (like `admin.py`)::

    from hearth.interchange.columns import Choice, Date, Integer, Ref, RefTo, Text, Timestamp
    from hearth.interchange.registry import register
    from hearth.interchange.spec import FileSpec

    @register
    class RepairsFile(FileSpec):
        name = "repairs.csv"
        label = "repair"                       # "no repair R-9 in this import or the database"
        model = Repair
        columns = (
            Ref("repair_ref"),                 # the file's own ref -> Repair.ref, always required
            RefTo("home_ref", "homes.csv", field="home"),   # -> Repair.home; makes homes.csv
            RefTo("block_ref", "blocks.csv", field="block"),  # a dependency, loaded first
            Timestamp("reported_at", required=True),
            Choice("priority", Priority, required=True),   # a TextChoices class or a list
            Text("description", required=True),            # max length taken from the field
            Integer("right_to_repair_days", field="rtr_days"),  # stored under another name
            ...
        )

        def check_row(self, row, file, ctx):
            # Rules within a row. Report with ctx.problem(file.name, row.line, column, message).
            if not row.get("home_ref") and not row.get("block_ref"):
                ctx.problem(file.name, row.line, "home_ref", "give a home_ref or a block_ref")

Column types (`hearth.interchange.columns`): `Ref`, `RefTo`, `Text`, `Email`, `Choice`,
`Integer`, `Money` (Decimal pounds; `min_value`/`max_value` for sign rules), `Boolean`, `Date`,
`Timestamp`. Each parses a cell or raises `CellError`; an empty cell is `None`, and a
`required` column rejects it. A column with `field=None` is not stored by the generic loader:
the spec stores it itself (override `assign` or `after_load`) and exports it (override
`export_field`).

The framework does, for every file: header checks (unknown, missing, repeated columns), cell
parsing, duplicate refs, reference resolution (in this import, else in the database, looked up
in bulk), then the spec's `check_row` and `check_file`; every problem is collected. Only if
there are none does it load, all files in one transaction, via `FileSpec.load`: existing records
are matched on their ref and updated only where a value changed; new ones are bulk-created
(with row history for models that keep it). Hooks for more:

- `check_file(file, ctx)`: rules across rows, files or the database (overlapping tenancies).
- `check_row_sql()`: `check_row` as an SQL condition, so that a large staged file can be read
  by `COPY` on PostgreSQL (`hearth.interchange.copying`); without it, the file is read in Python.
- `references(row)`: references that no `RefTo` column shows (a `case_type` + `case_ref` pair).
- `set_aside(row)`: a row about something Hearth does not keep yet (a contact about a kind of
  case no domain has registered) is set aside and listed, not refused.
- `assign(row, record, file, ctx)`: how a row's values land on its record.
- `after_load(file, ctx, report)`: records that hang off the file's own (a tenancy's lead tenant).
- `load(file, ctx)`: the whole loader, for a file with no ref column (cleaning_schedules.csv).
- `export_queryset()` / `export_field(column)`: what export writes, in SQL (no model instances).

A file of the layout (`hearth.interchange.layout.LAYOUT_FILES`) that no domain has registered
yet is set aside by an import and listed in its report; once a domain registers it, the same
folder imports it. Files may also come as `.xlsx` workbooks of the same name.

Tests that register a throwaway spec remove it again with `unregister(name)`.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

from hearth.interchange.spec import FileSpec

S = TypeVar("S", bound=type[FileSpec])

_specs: dict[str, FileSpec] = {}
_discovered = False


def register(spec_class: S) -> S:
    """Class decorator: add a file to the layout."""
    spec = spec_class()
    if not spec.name.endswith(".csv"):
        raise ImproperlyConfigured(f"{spec.name}: interchange files are .csv files")
    if spec.name in _specs and type(_specs[spec.name]) is not spec_class:
        raise ImproperlyConfigured(f"{spec.name} is registered twice")
    _specs[spec.name] = spec
    return spec_class


def unregister(name: str) -> None:
    _specs.pop(name, None)


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("interchange")


def get(name: str) -> FileSpec:
    _discover()
    return _specs[name]


def ordered() -> list[FileSpec]:
    """Every registered file, each after the files it depends on (ties: registration order)."""
    _discover()
    done: dict[str, FileSpec] = {}
    visiting: list[str] = []

    def visit(spec: FileSpec) -> None:
        if spec.name in done:
            return
        if spec.name in visiting:
            cycle = " -> ".join([*visiting[visiting.index(spec.name) :], spec.name])
            raise ImproperlyConfigured(f"interchange files depend on each other: {cycle}")
        visiting.append(spec.name)
        for dependency in spec.dependencies:
            if dependency not in _specs:
                raise ImproperlyConfigured(f"{spec.name} depends on {dependency}, not registered")
            visit(_specs[dependency])
        visiting.pop()
        done[spec.name] = spec

    for spec in list(_specs.values()):
        visit(spec)
    return list(done.values())


def pointed_at() -> set[str]:
    """The files whose records other files' rows name (`depends_on` only orders the loads)."""
    _discover()
    return {
        dependency
        for spec in _specs.values()
        for dependency in spec.dependencies
        if dependency not in spec.depends_on
    }
