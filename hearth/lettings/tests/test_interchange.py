"""voids.csv: all or nothing, idempotent, and it round-trips with the same measures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hearth.interchange.services import ImportRejected, export_folder, import_folder
from hearth.interchange.tests.helpers import GOOD, write_folder
from hearth.lettings.models import Void

pytestmark = pytest.mark.django_db

FOLDER = {**GOOD, "tenancies.csv": GOOD["tenancies.csv"].replace("2020-03-31", "2020-03-10")}
VOIDS = """
    void_ref,home_ref,previous_tenancy_end,keys_returned_on,works_type,works_completed_on,letting_standard_passed_on,viewing_offered_on,signed_on,new_tenancy_ref,let_on
    V1,H1,2020-03-10,2020-03-11,minor,2020-03-20,2020-03-25,2020-03-26,2020-03-30,T2,2020-04-01
    V2,H3,2020-05-31,2020-06-01,major,,,,,,
"""


def rows() -> list[tuple[object, ...]]:
    return list(
        Void.objects.order_by("ref").values_list(
            "ref", "home__ref", "previous_tenancy_end", "keys_returned_on", "works_type",
            "works_completed_on", "letting_standard_passed_on", "viewing_offered_on", "signed_on",
            "new_tenancy__ref", "let_on", "stage", "target_days",
        )
    )  # fmt: skip


def test_voids_load_with_their_stage_and_target(tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", {**FOLDER, "voids.csv": VOIDS}))
    assert rows() == [
        ("V1", "H1", date(2020, 3, 10), date(2020, 3, 11), "minor", date(2020, 3, 20),
         date(2020, 3, 25), date(2020, 3, 26), date(2020, 3, 30), "T2", date(2020, 4, 1), "let", 21),
        ("V2", "H3", date(2020, 5, 31), date(2020, 6, 1), "major", None, None, None, None, None,
         None, "inspection", 60),
    ]  # fmt: skip


def test_importing_the_same_voids_twice_changes_nothing(tmp_path: Path):
    folder = write_folder(tmp_path / "in", {**FOLDER, "voids.csv": VOIDS})
    import_folder(folder)
    report = import_folder(folder).file("voids.csv")
    assert (report.created, report.updated) == (0, 0)
    assert Void.objects.count() == 2


def test_a_corrected_row_updates_its_void(tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", {**FOLDER, "voids.csv": VOIDS}))
    fixed = VOIDS.replace(
        "V2,H3,2020-05-31,2020-06-01,major,,", "V2,H3,2020-05-31,2020-06-01,minor,2020-06-10,"
    )
    report = import_folder(write_folder(tmp_path / "again", {**FOLDER, "voids.csv": fixed})).file(
        "voids.csv"
    )
    assert (report.created, report.updated) == (0, 1)
    v2 = Void.objects.get(ref="V2")
    assert (v2.works_type, v2.target_days, v2.stage) == ("minor", 21, "checks")


def test_voids_round_trip_with_the_same_measures(tmp_path: Path):
    from hearth.core.measures import report

    import_folder(write_folder(tmp_path / "in", {**FOLDER, "voids.csv": VOIDS}))
    before = rows()
    measures_before = report(date(2020, 4, 1), date(2020, 6, 30))
    export_folder(tmp_path / "out")
    lines = (tmp_path / "out" / "voids.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "void_ref,home_ref,previous_tenancy_end,keys_returned_on,works_type,works_completed_on,"
        "letting_standard_passed_on,viewing_offered_on,signed_on,new_tenancy_ref,let_on"
    )
    assert lines[2] == "V2,H3,2020-05-31,2020-06-01,major,,,,,,"
    Void.objects.all().delete()
    import_folder(tmp_path / "out")
    assert rows() == before
    after = report(date(2020, 4, 1), date(2020, 6, 30))
    assert after == measures_before
    relet = {m["id"]: m for m in after["measures"]}["voids.average_relet_days"]
    # V1: 10 March to 1 April 2020 = 22 days.
    assert (relet["numerator"], relet["denominator"], relet["value"]) == (22, 1, 22.0)


def test_a_bad_file_reports_every_problem_and_loads_nothing(tmp_path: Path):
    bad = """
        void_ref,home_ref,previous_tenancy_end,works_type,signed_on,new_tenancy_ref,let_on
        V1,H1,2020-04-05,minor,,T2,2020-04-01
        V2,H9,2020-05-31,medium,,,
        V3,H2,2020-05-31,minor,2020-06-20,T3,2020-06-10
        V4,H3,2020-31-05,major,,,
        V1,H3,2020-05-31,major,,,
    """
    with pytest.raises(ImportRejected) as rejected:
        import_folder(write_folder(tmp_path / "in", {**FOLDER, "voids.csv": bad}))
    assert [str(p) for p in rejected.value.problems] == [
        "voids.csv:2: let_on: 2020-04-01 is not after the previous tenancy ended (2020-04-05)",
        "voids.csv:3: home_ref: no home H9 in this import or the database",
        'voids.csv:3: works_type: "medium" is not one of: minor, major',
        "voids.csv:4: signed_on: 2020-06-20 is after the new tenancy started (2020-06-10)",
        "voids.csv:4: let_on: 2020-06-10 is not the day tenancy T3 starts (2024-01-08)",
        'voids.csv:5: previous_tenancy_end: "2020-31-05" is not a real date',
        "voids.csv:6: void_ref: V1 appears again (first on line 2)",
        "voids.csv:6: home_ref: home H3 already has an unlet void in this file",
    ]
    assert not Void.objects.exists()
