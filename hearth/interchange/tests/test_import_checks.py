"""An import checks everything first and reports every problem as `file:line: column: reason`,
changing nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hearth.estates.tests.factories import EstateFactory, HomeFactory
from hearth.interchange.services import ImportRejected, check_folder_problems, import_folder
from hearth.interchange.tests.helpers import GOOD, snapshot, write_folder
from hearth.tenancies import interchange as tenancies_interchange
from hearth.tenancies.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db


def rejected(folder: Path) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        import_folder(folder)
    return [str(problem) for problem in caught.value.problems]


def test_a_folder_with_mistakes_in_several_files_lists_every_one_and_changes_nothing(
    tmp_path: Path,
) -> None:
    EstateFactory(ref="E1", name="Clapton Park")
    before = snapshot()
    folder = write_folder(
        tmp_path,
        {
            "estates.csv": """
                estate_ref,name
                E1,Renamed Estate
                E2,
            """,
            "blocks.csv": """
                block_ref,estate_ref,name,storeys,has_lift
                B1,E1,Ambergate House,five,yes
                B1,E9,Ambergate Again,3,true
            """,
            "homes.csv": """
                home_ref,block_ref,address,postcode,home_type,weekly_rent
                H1,B1,"Flat 1, Ambergate House",E5 0PU,castle,-120.50
                H2,B7,"Flat 2, Ambergate House",E5 0PU,flat,12.345
            """,
            "tenancies.csv": """
                tenancy_ref,home_ref,tenure,start_date,end_date,lead_tenant_name
                T1,H1,secure,2020-04-06,2019-04-05,Ada Lovelace
                T2,H99,forever,2021-02-30,,Grace Hopper
            """,
        },
    )

    assert rejected(folder) == [
        "estates.csv:3: name: is empty, but a value is required",
        'blocks.csv:2: storeys: "five" is not a whole number',
        'blocks.csv:2: has_lift: "yes" is not true or false',
        "blocks.csv:3: block_ref: B1 appears again (first on line 2)",
        "blocks.csv:3: estate_ref: no estate E9 in this import or the database",
        'homes.csv:2: home_type: "castle" is not one of: flat, maisonette, house, bedsit',
        "homes.csv:2: weekly_rent: -120.50 is negative; it must be 0.00 or more",
        "homes.csv:3: block_ref: no block B7 in this import or the database",
        'homes.csv:3: weekly_rent: "12.345" is not an amount in pounds like 123.45 or -123.45',
        "tenancies.csv:2: end_date: 2019-04-05 is before the start date, 2020-04-06",
        "tenancies.csv:3: home_ref: no home H99 in this import or the database",
        'tenancies.csv:3: tenure: "forever" is not one of: secure, introductory, non_secure, temporary, leasehold',
        'tenancies.csv:3: start_date: "2021-02-30" is not a real date',
    ]
    assert snapshot() == before


def test_a_ref_may_point_at_a_record_already_in_the_database(tmp_path: Path) -> None:
    HomeFactory(ref="H-OLD")
    folder = write_folder(
        tmp_path,
        {
            "tenancies.csv": """
                tenancy_ref,home_ref,tenure,start_date,lead_tenant_name
                T1,H-OLD,secure,2020-04-06,Ada Lovelace
            """
        },
    )
    assert check_folder_problems(folder) == []


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, {"estates.csv": GOOD["estates.csv"]}, encoding="utf-8-sig")
    assert (folder / "estates.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    import_folder(folder)
    assert snapshot()["estates"] == [("E1", "Clapton Park"), ("E2", "Kingsmead")]


def test_columns_may_come_in_any_order(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path,
        {
            "estates.csv": GOOD["estates.csv"],
            "blocks.csv": """
                has_lift,name,estate_ref,block_ref
                false,Ambergate House,E1,B1
            """,
        },
    )
    import_folder(folder)
    assert snapshot()["blocks"] == [("B1", "E1", "Ambergate House", "", None, False, None)]


def test_an_unknown_column_is_rejected_and_a_close_name_suggested(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path,
        {"estates.csv": "estate_ref,nmae,postcode\nE1,Clapton Park,E5 0PU\n"},
    )
    assert rejected(folder) == [
        "estates.csv:1: nmae: is not a column of estates.csv (did you mean name?)",
        "estates.csv:1: postcode: is not a column of estates.csv (known: estate_ref, name)",
        "estates.csv:1: name: required column is missing from the header",
    ]


def test_a_missing_required_column_is_rejected_but_optional_ones_may_be_absent(
    tmp_path: Path,
) -> None:
    folder = write_folder(
        tmp_path,
        {"homes.csv": "home_ref,block_ref,address,postcode\nH1,B1,Flat 1,E5 0PU\n"},
    )
    assert rejected(folder) == [
        "homes.csv:1: weekly_rent: required column is missing from the header",
        "homes.csv:2: block_ref: no block B1 in this import or the database",
    ]


def test_line_numbers_are_physical_lines_even_after_a_cell_spanning_lines(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path,
        {"estates.csv": 'estate_ref,name\nE1,"Clapton\nPark"\n\nE2,\n'},
    )
    assert rejected(folder) == ["estates.csv:5: name: is empty, but a value is required"]


def test_a_row_with_too_many_cells_is_reported(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, {"estates.csv": "estate_ref,name\nE1,Clapton, Park\n"})
    assert rejected(folder) == ["estates.csv:2: has 3 cells but the header has 2 columns"]


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "estates.csv").write_bytes(b"estate_ref,name\nE1,Clapton\nE2,Caf\xe9 Row\n")
    assert rejected(tmp_path) == [
        "estates.csv:3: is not UTF-8 text (byte 0xe9); save it as CSV UTF-8"
    ]


def test_a_csv_file_hearth_does_not_know_is_rejected(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, {"estates.csv": GOOD["estates.csv"], "home.csv": "a\n"})
    (tmp_path / "README.txt").write_text("not a CSV file, so left alone")
    assert rejected(folder) == ["home.csv: is not a file Hearth imports (did you mean homes.csv?)"]


def test_an_empty_folder_is_rejected(tmp_path: Path) -> None:
    problems = rejected(tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path}: holds none of the files estates.csv, blocks.csv")


def test_overlapping_tenancies_of_one_home_within_the_file_are_rejected(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path,
        {
            **{name: GOOD[name] for name in ("estates.csv", "blocks.csv", "homes.csv")},
            "tenancies.csv": """
                tenancy_ref,home_ref,tenure,start_date,end_date,lead_tenant_name
                T1,H1,secure,2015-04-06,2020-03-31,Ada Lovelace
                T2,H1,secure,2020-03-31,,Grace Hopper
                T3,H2,secure,2019-01-01,2019-12-31,Alan Turing
                T4,H2,secure,2020-01-01,,Joan Clarke
            """,
        },
    )
    assert rejected(folder) == [
        "tenancies.csv:3: start_date: overlaps tenancy T1 at H1 from 2015-04-06 to 2020-03-31, on line 2"
    ]


def test_a_tenancy_overlapping_one_in_the_database_is_rejected(tmp_path: Path) -> None:
    TenancyFactory(ref="T-OLD", home=HomeFactory(ref="H1"), start_date=date(2018, 1, 1))
    TenancyFactory(ref="T-NEXT", home=HomeFactory(ref="H2"), start_date=date(2023, 1, 1))
    folder = write_folder(
        tmp_path,
        {
            "tenancies.csv": """
                tenancy_ref,home_ref,tenure,start_date,end_date,lead_tenant_name
                T-NEW,H1,secure,2024-05-01,,Grace Hopper
                T-EARLIER,H2,secure,2020-01-01,,Alan Turing
            """,
        },
    )
    assert rejected(folder) == [
        "tenancies.csv:2: start_date: overlaps tenancy T-OLD at H1 from 2018-01-01 with no end date, in the database",
        "tenancies.csv:3: end_date: overlaps tenancy T-NEXT at H2 from 2023-01-01 with no end date, in the database",
    ]


def test_ending_a_tenancy_in_the_file_makes_room_for_the_next_one(tmp_path: Path) -> None:
    TenancyFactory(ref="T-OLD", home=HomeFactory(ref="H1"), start_date=date(2018, 1, 1))
    folder = write_folder(
        tmp_path,
        {
            "tenancies.csv": """
                tenancy_ref,home_ref,tenure,start_date,end_date,lead_tenant_name
                T-OLD,H1,secure,2018-01-01,2024-04-30,Ada Lovelace
                T-NEW,H1,secure,2024-05-01,,Grace Hopper
            """,
        },
    )
    assert check_folder_problems(folder) == []


@pytest.mark.parametrize("homes_at_a_time", [1, 5000])
def test_a_tenancy_the_file_moves_to_another_home_leaves_its_old_home_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, homes_at_a_time: int
) -> None:
    # T-WRONG was recorded at H1 by mistake; the file puts it at H2, where it belongs, and
    # gives H1 its real tenancy. With one home checked at a time, H1 and H2 are checked apart.
    monkeypatch.setattr(tenancies_interchange, "OVERLAP_CHUNK", homes_at_a_time)
    TenancyFactory(ref="T-WRONG", home=HomeFactory(ref="H1"), start_date=date(2019, 6, 3))
    HomeFactory(ref="H2")
    TenancyFactory(ref="T-THREE", home=HomeFactory(ref="H3"), start_date=date(2019, 6, 3))
    folder = write_folder(
        tmp_path,
        {
            "tenancies.csv": """
                tenancy_ref,home_ref,tenure,start_date,end_date,lead_tenant_name
                T-WRONG,H2,secure,2019-06-03,,Ada Lovelace
                T-RIGHT,H1,secure,2020-02-10,,Grace Hopper
                T-CLASH,H3,secure,2021-09-06,,Alan Turing
                T-CLASH,H1,secure,2021-09-06,,Alan Turing
            """,
        },
    )
    assert [str(problem) for problem in check_folder_problems(folder)] == [
        "tenancies.csv:4: start_date: overlaps tenancy T-THREE at H3 from 2019-06-03 with no end date, in the database",
        "tenancies.csv:5: tenancy_ref: T-CLASH appears again (first on line 4)",
    ]
