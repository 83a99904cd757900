"""Loading: rows are matched on their refs (idempotent), lead tenants land on people, bulk
writes keep the query count flat, and a dry run or a rejected import leaves no trace."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from hearth.core.models import TimelineEvent
from hearth.estates.models import Block, Home
from hearth.interchange.models import ImportRun
from hearth.interchange.services import import_folder
from hearth.interchange.tests.helpers import GOOD, snapshot, write_folder
from hearth.tenancies.models import Person, SupportNeed, Tenancy

pytestmark = pytest.mark.django_db


def test_a_good_folder_loads_every_record(tmp_path: Path) -> None:
    report = import_folder(write_folder(tmp_path, GOOD))

    assert [(r.file, r.created, r.updated) for r in report.files] == [
        ("estates.csv", 2, 0),
        ("blocks.csv", 2, 0),
        ("homes.csv", 3, 0),
        ("tenancies.csv", 3, 0),
    ]
    state = snapshot()
    assert state["homes"][1] == (
        "H2",
        "B1",
        "Flat 2, Ambergate House",
        "E5 0PU",
        None,
        "bedsit",
        Decimal("98.00"),
        Decimal("0.00"),
    )
    assert state["lead_tenants"] == [
        ("T1", "Ada Lovelace", "07700 900001", "ada@example.org"),
        ("T2", "Grace Hopper", "", "grace@example.org"),
        ("T3", "Alan Turing", "07700 900003", ""),
    ]
    assert state["languages"] == [("T1", "English"), ("T2", "Turkish")]
    assert state["support_needs"] == [("T2", "other", "Uses a wheelchair,\nneeds step-free access")]


def test_importing_the_same_folder_twice_gives_the_same_records(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, GOOD)
    import_folder(folder)
    first = snapshot()
    people = Person.objects.count()

    again = import_folder(folder)

    assert snapshot() == first
    assert Person.objects.count() == people == 3
    assert [(r.created, r.updated, r.unchanged) for r in again.files] == [
        (0, 0, 2),
        (0, 0, 2),
        (0, 0, 3),
        (0, 0, 3),
    ]


def test_a_changed_row_updates_its_record_and_its_lead_tenant_without_duplicating(
    tmp_path: Path,
) -> None:
    import_folder(write_folder(tmp_path / "first", GOOD))
    changed = dict(GOOD)
    changed["homes.csv"] = GOOD["homes.csv"].replace("120.50", "125.00")
    changed["tenancies.csv"] = (
        GOOD["tenancies.csv"]
        .replace("07700 900001,ada@example.org,English", "07700 900111,ada@example.org,Welsh")
        .replace("needs step-free access", "needs a ramp")
    )

    report = import_folder(write_folder(tmp_path / "second", changed))

    assert (report.file("homes.csv").updated, report.file("tenancies.csv").updated) == (1, 2)
    assert Home.objects.get(ref="H1").weekly_rent == Decimal("125.00")
    ada = Tenancy.objects.get(ref="T1").lead_tenant
    assert ada is not None
    assert (ada.full_name, ada.phone, ada.contact_preference.language) == (
        "Ada Lovelace",
        "07700 900111",
        "Welsh",
    )
    assert Person.objects.count() == 3
    assert list(SupportNeed.objects.values_list("description", flat=True)) == [
        "Uses a wheelchair,\nneeds a ramp"
    ]


def test_an_absent_optional_column_leaves_values_alone_and_an_empty_cell_clears_them(
    tmp_path: Path,
) -> None:
    import_folder(write_folder(tmp_path / "first", GOOD))
    write_folder(
        tmp_path / "second",
        {
            "blocks.csv": """
                block_ref,estate_ref,name,postcode
                B1,E1,Ambergate House,
            """
        },
    )
    import_folder(tmp_path / "second")
    block = Block.objects.get(ref="B1")
    assert (block.postcode, block.storeys, block.has_lift) == ("", 5, True)


def test_an_empty_support_needs_cell_never_deletes_a_recorded_need(tmp_path: Path) -> None:
    import_folder(write_folder(tmp_path / "first", GOOD))
    without = dict(GOOD)
    without["tenancies.csv"] = GOOD["tenancies.csv"].replace(
        '"Uses a wheelchair,\n        needs step-free access"', ""
    )
    import_folder(write_folder(tmp_path / "second", without))
    assert SupportNeed.objects.filter(person__full_name="Grace Hopper").count() == 1


def test_a_dry_run_reports_what_would_change_and_saves_nothing(tmp_path: Path) -> None:
    report = import_folder(write_folder(tmp_path, GOOD), dry_run=True)
    assert report.file("tenancies.csv").created == 3
    assert Tenancy.objects.count() == Person.objects.count() == ImportRun.objects.count() == 0


def test_an_import_is_recorded_with_its_actor_on_the_timeline(tmp_path: Path, admin_user) -> None:  # type: ignore[no-untyped-def]
    report = import_folder(write_folder(tmp_path, GOOD), actor=admin_user)
    assert report.run is not None
    assert report.run.actor == admin_user
    assert report.run.files[3] == {
        "file": "tenancies.csv",
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
    }
    event = TimelineEvent.objects.get(object_id=str(report.run.pk))
    assert event.verb == "imported"
    assert event.actor == admin_user
    assert "tenancies.csv (3 created, 0 updated)" in event.summary
    assert Tenancy.history.filter(history_user=admin_user).count() == 3


def _large_folder(folder: Path, homes: int) -> Path:
    rows = "\n".join(
        f"H{n},B{n % 10},Flat {n},E5 0PU,2,flat,{100 + n}.25,5.00" for n in range(homes)
    )
    tenancies = "\n".join(
        f"T{n},H{n},secure,2020-04-06,,Tenant {n},07700 900{n:03d},t{n}@example.org,English,"
        + ("Hard of hearing" if n % 3 == 0 else "")
        for n in range(homes)
    )
    blocks = "\n".join(f"B{n},E1,Block {n}" for n in range(10))
    return write_folder(
        folder,
        {
            "estates.csv": "estate_ref,name\nE1,Clapton Park\n",
            "blocks.csv": f"block_ref,estate_ref,name\n{blocks}\n",
            "homes.csv": "home_ref,block_ref,address,postcode,bedrooms,home_type,weekly_rent,"
            f"weekly_service_charge\n{rows}\n",
            "tenancies.csv": "tenancy_ref,home_ref,tenure,start_date,end_date,lead_tenant_name,"
            f"phone,email,preferred_language,support_needs\n{tenancies}\n",
        },
    )


def test_two_hundred_rows_load_in_a_bounded_number_of_queries(
    tmp_path: Path, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    folder = _large_folder(tmp_path, 200)
    # Bulk writes: a few dozen statements at most, where one query per row would be well over
    # 1,000. homes.csv and tenancies.csv go through staging tables: a few statements each of
    # their own (create, fill, index, check, read back, drop), whatever their size; on
    # PostgreSQL a few more each, to read them by COPY (`hearth.interchange.copying`: the raw
    # cells, and a table of the distinct cells of each column whose cells repeat).
    with django_assert_max_num_queries(72):
        report = import_folder(folder)
    assert report.file("tenancies.csv").created == 200
    assert Person.objects.count() == 200
    assert SupportNeed.objects.count() == 67
    # (The counts move by one or two with what earlier tests left cached, such as content
    # types.)
    with django_assert_max_num_queries(64):
        again = import_folder(folder)
    assert again.file("tenancies.csv").unchanged == 200
