"""Files and rows of the layout that Hearth does not import yet are set aside, not refused;
workbooks are read like CSV files; a NUL character is refused."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from hearth.contacts import case_types
from hearth.contacts.models import Contact
from hearth.estates.models import Estate, Home
from hearth.interchange import registry, validation
from hearth.interchange.columns import Ref, Text
from hearth.interchange.services import ImportRejected, import_folder
from hearth.interchange.spec import FileSpec
from hearth.interchange.tests.helpers import GOOD, write_folder

pytestmark = pytest.mark.django_db

# A file of the layout that no domain imports yet (the real ones get built in time, so the
# tests use one of their own).
GARDENS = "garden_ref,name\nG1,Clapton Park community garden\nG2,Kingsmead allotments\n"
CONTACTS = """
    contact_ref,case_type,case_ref,date,channel,purpose,notes
    K1,tenancy,T2,2025-04-16,phone,arrears,
    K2,complaint,C9,2025-04-17,email,not_a_purpose,
    K3,tenancy,T3,2025-04-18,letter,money_advice,
"""


@pytest.fixture
def gardens_in_the_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "LAYOUT_FILES", (*validation.LAYOUT_FILES, "gardens.csv"))


@pytest.fixture
def complaints_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if complaints were a domain still to be built: no "complaint" case type."""
    registry.ordered()  # every domain's interchange.py has registered its case types
    monkeypatch.delitem(case_types._case_types, "complaint")


class GardensFile(FileSpec):
    name = "gardens.csv"
    label = "garden"
    model = Estate
    columns = (Ref("garden_ref"), Text("name", required=True))


@pytest.fixture
def gardens_registered() -> Iterator[None]:
    registry.register(GardensFile)
    yield
    registry.unregister(GardensFile.name)


@pytest.mark.usefixtures("gardens_in_the_layout", "complaints_not_kept")
def test_files_and_contacts_hearth_does_not_keep_yet_are_set_aside_and_the_rest_imports(
    tmp_path: Path,
):
    folder = write_folder(tmp_path, {**GOOD, "contacts.csv": CONTACTS, "gardens.csv": GARDENS})
    report = import_folder(folder)
    assert [str(item) for item in report.set_aside] == [
        "gardens.csv: Hearth does not import gardens.csv yet",
        "contacts.csv:3: case_type: complaint cases are not kept in Hearth yet",
    ]
    assert Home.objects.count() == 3
    assert sorted(Contact.objects.values_list("case_ref", flat=True)) == ["T2", "T3"]
    assert report.file("contacts.csv").rows == 2


@pytest.mark.usefixtures("gardens_in_the_layout", "complaints_not_kept")
def test_the_command_lists_what_was_set_aside_and_fails_unless_told_to_allow_it(tmp_path: Path):
    folder = write_folder(tmp_path, {**GOOD, "contacts.csv": CONTACTS, "gardens.csv": GARDENS})
    out = StringIO()
    with pytest.raises(
        CommandError, match="2 files or rows set aside; everything else was imported"
    ):
        call_command("import_records", str(folder), stdout=out)
    assert out.getvalue().splitlines()[-3:] == [
        "Set aside (Hearth does not import these yet):",
        "  gardens.csv: Hearth does not import gardens.csv yet",
        "  contacts.csv:3: case_type: complaint cases are not kept in Hearth yet",
    ]
    call_command("import_records", str(folder), "--allow-unsupported", stdout=StringIO())


@pytest.mark.usefixtures("gardens_in_the_layout", "gardens_registered")
def test_once_a_domain_registers_the_file_the_same_folder_imports_it(tmp_path: Path):
    folder = write_folder(tmp_path, {**GOOD, "gardens.csv": GARDENS})
    report = import_folder(folder)
    assert report.set_aside == []
    assert report.file("gardens.csv").created == 2


def test_a_file_outside_the_layout_is_still_a_problem(tmp_path: Path):
    folder = write_folder(tmp_path, {**GOOD, "colours.csv": "a\n"})
    with pytest.raises(ImportRejected) as caught:
        import_folder(folder)
    [problem] = [str(p) for p in caught.value.problems]
    assert problem.startswith("colours.csv: is not a file Hearth imports")


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Homes register"
    for row in rows:
        sheet.append(row)
    book.create_sheet("Notes").append(["not read"])
    book.save(path)
    return path


def test_a_workbook_of_the_same_name_is_read_from_its_first_sheet(tmp_path: Path):
    from datetime import datetime

    folder = write_folder(tmp_path, {k: GOOD[k] for k in ("estates.csv", "blocks.csv")})
    _workbook(
        folder / "homes.xlsx",
        [
            ["home_ref", "block_ref", "address", "postcode", "bedrooms", "weekly_rent", None],
            ["H1", "B1", "Flat 1, Ambergate House", "E5 0PU", 2, 120.5, None],
            ["H2", "B1", "Flat 2, Ambergate House", "E5 0PU", None, 98, None],
        ],
    )
    _workbook(
        folder / "tenancies.xlsx",
        [
            ["tenancy_ref", "home_ref", "tenure", "start_date", "lead_tenant_name"],
            ["T1", "H1", "secure", datetime(2015, 4, 6), "Ada Lovelace"],
        ],
    )
    import_folder(folder)
    homes = dict(Home.objects.values_list("ref", "weekly_rent"))
    assert {ref: str(rent) for ref, rent in homes.items()} == {"H1": "120.50", "H2": "98.00"}
    assert Home.objects.get(ref="H2").bedrooms is None


def test_problems_in_a_workbook_name_the_workbook_and_the_sheet_row(tmp_path: Path):
    folder = write_folder(tmp_path, {k: GOOD[k] for k in ("estates.csv", "blocks.csv")})
    _workbook(
        folder / "homes.xlsx",
        [
            ["home_ref", "block_ref", "address", "postcode", "weekly_rent"],
            [],
            ["H1", "B1", "Flat 1", "E5 0PU", "lots"],
            ["H2", "B9", "Flat 2", "E5 0PU", 98],
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        import_folder(folder)
    assert [str(p) for p in caught.value.problems] == [
        'homes.xlsx:3: weekly_rent: "lots" is not an amount in pounds like 123.45 or -123.45',
        "homes.xlsx:4: block_ref: no block B9 in this import or the database",
    ]


def test_a_csv_file_and_a_workbook_of_the_same_name_are_a_problem(tmp_path: Path):
    folder = write_folder(tmp_path, {"estates.csv": GOOD["estates.csv"]})
    _workbook(folder / "estates.xlsx", [["estate_ref", "name"], ["E1", "Clapton Park"]])
    with pytest.raises(ImportRejected) as caught:
        import_folder(folder)
    assert [str(p) for p in caught.value.problems] == [
        "estates.xlsx: is the same file as estates.csv; keep one of them"
    ]


def test_a_workbook_that_is_not_one_is_reported(tmp_path: Path):
    (tmp_path / "estates.xlsx").write_bytes(b"estate_ref,name\nE1,Clapton Park\n")
    with pytest.raises(ImportRejected) as caught:
        import_folder(tmp_path)
    [problem] = [str(p) for p in caught.value.problems]
    assert problem.startswith("estates.xlsx:1: is not an Excel workbook Hearth can read")


def test_a_nul_character_in_a_cell_is_refused_and_nothing_is_written(tmp_path: Path):
    folder = write_folder(
        tmp_path, {**GOOD, "estates.csv": "estate_ref,name\nE1,Clapton\x00Park\nE2,Kingsmead\n"}
    )
    with pytest.raises(ImportRejected) as caught:
        import_folder(folder)
    assert [str(p) for p in caught.value.problems] == [
        "estates.csv:2: name: holds a NUL character (a zero byte), which no database can keep; "
        "remove it"
    ]
    assert not Estate.objects.exists()
