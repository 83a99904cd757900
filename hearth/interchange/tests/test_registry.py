"""Domains add files by registering a FileSpec; files load after the files they point at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from hearth.estates.models import Home
from hearth.interchange import registry
from hearth.interchange.columns import RefTo, Text
from hearth.interchange.context import ImportContext, ParsedFile, Row
from hearth.interchange.services import ImportRejected, import_folder
from hearth.interchange.spec import FileSpec
from hearth.interchange.tests.helpers import GOOD, write_folder


def test_the_foundation_files_load_in_dependency_order() -> None:
    names = [spec.name for spec in registry.ordered()]
    assert names.index("estates.csv") < names.index("blocks.csv") < names.index("homes.csv")
    assert names.index("homes.csv") < names.index("tenancies.csv")
    assert registry.get("tenancies.csv").dependencies == ("homes.csv",)


class AccessNotesFile(FileSpec):
    """A file a domain might add: notes for homes that already exist (matched on home_ref)."""

    name = "access_notes.csv"
    label = "access note"
    model = Home
    columns = (
        RefTo("home_ref", "homes.csv", field=None, required=True),
        Text("access_notes", required=True),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        if row.get("access_notes") and "password" in row.get("access_notes").lower():
            ctx.problem(file.name, row.line, "access_notes", "must not hold a key safe code")


@pytest.fixture
def access_notes_file() -> Iterator[None]:
    registry.register(AccessNotesFile)
    yield
    registry.unregister(AccessNotesFile.name)


@pytest.mark.django_db
@pytest.mark.usefixtures("access_notes_file")
def test_a_registered_file_is_checked_with_the_others_and_loads_after_its_dependencies(
    tmp_path: Path,
) -> None:
    names = [spec.name for spec in registry.ordered()]
    assert names.index("homes.csv") < names.index("access_notes.csv")
    bad = write_folder(
        tmp_path / "bad",
        {
            **GOOD,
            "access_notes.csv": "home_ref,access_notes\nH9,Ring twice\nH1,Password 1234\n",
        },
    )
    with pytest.raises(ImportRejected) as caught:
        import_folder(bad)
    assert [str(p) for p in caught.value.problems][-2:] == [
        "access_notes.csv:2: home_ref: no home H9 in this import or the database",
        "access_notes.csv:3: access_notes: must not hold a key safe code",
    ]


def test_files_that_depend_on_each_other_are_a_configuration_error() -> None:
    class Chicken(FileSpec):
        name = "chickens.csv"
        label = "chicken"
        model = Home
        columns = (RefTo("egg_ref", "eggs.csv", field=None),)

    class Egg(FileSpec):
        name = "eggs.csv"
        label = "egg"
        model = Home
        columns = (RefTo("chicken_ref", "chickens.csv", field=None),)

    registry.register(Chicken)
    registry.register(Egg)
    try:
        with pytest.raises(ImproperlyConfigured, match="depend on each other"):
            registry.ordered()
    finally:
        registry.unregister(Chicken.name)
        registry.unregister(Egg.name)


def test_the_files_other_files_point_at_are_known() -> None:
    pointed = registry.pointed_at()
    assert {"homes.csv", "blocks.csv", "tenancies.csv", "repairs.csv"} <= pointed
    # Only ordered after it: the ledger waits for the rates, but names none of them.
    assert "rent_rates.csv" not in pointed
    assert "visits.csv" not in pointed
