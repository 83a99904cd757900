from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hearth.contacts.models import Contact
from hearth.core.measures import report
from hearth.interchange.services import ImportRejected, export_folder, import_folder
from hearth.interchange.tests.helpers import GOOD, write_folder
from hearth.repairs.models import Appointment, DampMould, Repair, Visit
from hearth.repairs.tests.factories import london

pytestmark = pytest.mark.django_db

REPAIRS = {
    **GOOD,
    "repairs.csv": """
        repair_ref,home_ref,block_ref,reported_at,priority,description,trade,right_to_repair_days,status,completed_at,damp_or_mould
        R1,H1,,2025-04-17T09:00:00,urgent,Blocked sink,plumber,,completed,2025-04-28T16:00:00,false
        R2,,B1,2025-06-02T10:00:00+01:00,routine,Entry phone dead,door_entry,7,open,,
        R3,H2,,2025-06-02T10:00:00,emergency,"Front door will not lock,
        needs a locksmith",carpenter,1,cancelled,,
        R4,H3,,2025-06-03T08:00:00,urgent,Black mould in bedroom,damp_specialist,,open,,true
    """,
    "appointments.csv": """
        appointment_ref,repair_ref,date,slot,outcome,cancelled_on
        A1,R1,2025-04-22,am,kept,
        A2,R2,2025-06-05,pm,cancelled_by_landlord,2025-06-05
        A3,R2,2025-06-09,all_day,pending,
    """,
    "visits.csv": """
        visit_ref,repair_ref,visited_at,outcome,notes
        V1,R1,2025-04-22T09:30:00,further_work,Trap cracked
        V2,R1,2025-04-28T15:00:00,completed,
    """,
    "contacts.csv": """
        contact_ref,case_type,case_ref,date,channel,purpose,notes
        C1,repair,R1,2025-04-23,phone,progress_update,Told her we need a new trap
    """,
}


def test_repairs_appointments_visits_and_repair_contacts_load_with_due_dates_from_the_clock(
    tmp_path: Path,
):
    import_folder(write_folder(tmp_path / "in", REPAIRS))
    r1 = Repair.objects.get(ref="R1")
    assert r1.due_on == date(2025, 4, 28)  # urgent over Easter 2025
    assert r1.status == "completed" and r1.completed_at == london(2025, 4, 28, 16)
    assert r1.tenancy.ref == "T2"  # the tenancy current at H1 when it was reported
    # Filed under it as it was written: one history row, not a second for an update after.
    assert [h.history_type for h in r1.history.all()] == ["+"]
    r2 = Repair.objects.get(ref="R2")
    assert r2.is_communal and r2.block.ref == "B1" and r2.tenancy is None
    # Routine (20 working days) but a 7-day Right to Repair period: due Wednesday 11 June.
    assert r2.rtr_due_on == r2.due_on == date(2025, 6, 11)
    assert Repair.objects.get(ref="R3").status == "cancelled"
    assert DampMould.objects.filter(repair__ref="R4").exists()
    assert Appointment.objects.get(ref="A2").outcome == "cancelled_by_landlord"
    assert Visit.objects.get(ref="V1").update_due_on == date(2025, 4, 23)
    assert Contact.objects.get(ref="C1").case_ref == "R1"
    found = {m["id"]: m for m in report(date(2025, 4, 1), date(2025, 4, 30))["measures"]}
    assert (
        found["RP02.non_emergency"]["numerator"],
        found["RP02.non_emergency"]["denominator"],
    ) == (1, 1)
    assert found["repairs.progress_updates"]["value"] == 100.0


def test_an_export_imported_into_an_empty_database_gives_the_same_repairs_and_measures(
    tmp_path: Path,
):
    import_folder(write_folder(tmp_path / "in", REPAIRS))
    export_folder(tmp_path / "out")
    before = _picture()
    measures_before = report(date(2025, 4, 1), date(2025, 6, 30))["measures"]
    for model in (Contact, Visit, Appointment, DampMould, Repair):
        model.objects.all().delete()
    import_folder(tmp_path / "out")
    assert _picture() == before
    assert report(date(2025, 4, 1), date(2025, 6, 30))["measures"] == measures_before
    export_folder(tmp_path / "again")
    for name in ("repairs.csv", "appointments.csv", "visits.csv"):
        assert (tmp_path / "out" / name).read_text() == (tmp_path / "again" / name).read_text()


def test_importing_the_same_folder_twice_changes_nothing_the_second_time(tmp_path: Path):
    folder = write_folder(tmp_path / "in", REPAIRS)
    import_folder(folder)
    before = _picture()
    second = import_folder(folder)
    assert _picture() == before
    for name in ("repairs.csv", "appointments.csv", "visits.csv"):
        assert (second.file(name).created, second.file(name).updated) == (0, 0)


def _problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        import_folder(write_folder(tmp_path / "bad", {**GOOD, **files}))
    assert not Repair.objects.exists()
    return [str(p) for p in rejected.value.problems]


def test_a_visit_before_the_repair_was_reported_is_an_error(tmp_path: Path):
    problems = _problems(tmp_path, {
        "repairs.csv": """
            repair_ref,home_ref,reported_at,priority,description,status
            R1,H1,2025-06-02T10:00:00,routine,Sink,open
        """,
        "visits.csv": """
            visit_ref,repair_ref,visited_at,outcome
            V1,R1,2025-06-02T09:59:00,no_access
            V2,R9,2025-06-03T09:00:00,completed
        """,
    })  # fmt: skip
    assert any(
        p.startswith("visits.csv:2: visited_at:") and "before repair R1" in p for p in problems
    )
    assert any(p.startswith("visits.csv:3: repair_ref:") and "R9" in p for p in problems)


def test_every_problem_in_repairs_csv_is_reported(tmp_path: Path):
    problems = _problems(tmp_path, {
        "repairs.csv": """
            repair_ref,home_ref,block_ref,reported_at,priority,description,right_to_repair_days,status,completed_at
            R1,,,2025-06-02T10:00:00,routine,Sink,,open,
            R2,H1,B1,2025-06-02T10:00:00,routine,Sink,,open,
            R3,H1,,2025-06-02T10:00:00,whenever,Sink,5,open,
            R4,H1,,2025-06-02T10:00:00,routine,Sink,,completed,
            R5,H1,,2025-06-02T10:00:00,routine,Sink,,completed,2025-06-01T10:00:00
            R6,H1,,2025-06-02,routine,Sink,,open,2025-06-03T10:00:00
        """,
        "appointments.csv": """
            appointment_ref,repair_ref,date,slot,outcome,cancelled_on
            A1,R1,2025-06-05,am,cancelled_by_landlord,
            A2,R1,2025-06-05,am,kept,2025-06-04
            A3,R1,2025-05-05,am,kept,
        """,
        "visits.csv": """
            visit_ref,repair_ref,visited_at,outcome,notes
            V1,R1,2025-06-02T09:00:00+01:00,completed,
            V2,R1,2025-06-02T08:30:00Z,completed,
            V3,R1,2025-06-02T09:59:00,completed,
            V4,R1,2025-06-02T10:00:00,completed,
        """,
    })  # fmt: skip
    expected = [
        "repairs.csv:2: home_ref: give a home_ref, or a block_ref",
        "repairs.csv:3: block_ref: give a home_ref or a block_ref, not both",
        "repairs.csv:4: priority:",
        "repairs.csv:4: right_to_repair_days: 5 is not 1, 3 or 7",
        "repairs.csv:5: completed_at: is empty",
        "repairs.csv:6: completed_at: 2025-06-01T10:00:00+01:00 is before it was reported",
        "repairs.csv:7: reported_at:",
        "appointments.csv:2: cancelled_on: is empty",
        "appointments.csv:3: cancelled_on: is given",
        "appointments.csv:4: date: the appointment day 2025-05-05 is before repair R1",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)
    # Visits are read back from a staging table: each time is quoted as the file wrote it.
    assert [p for p in problems if p.startswith("visits.csv")] == [
        "visits.csv:2: visited_at: the visit 2025-06-02T09:00:00+01:00 is before repair R1 "
        "was reported (2025-06-02T10:00:00+01:00)",
        "visits.csv:3: visited_at: the visit 2025-06-02T08:30:00+00:00 is before repair R1 "
        "was reported (2025-06-02T10:00:00+01:00)",
        "visits.csv:4: visited_at: the visit 2025-06-02T09:59:00+01:00 is before repair R1 "
        "was reported (2025-06-02T10:00:00+01:00)",
    ]


def _picture() -> dict[str, list[tuple[object, ...]]]:
    return {
        "repairs": sorted(Repair.objects.values_list(
            "ref", "home__ref", "block__ref", "tenancy__ref", "reported_at", "priority", "description",
            "trade", "right_to_repair_days", "status", "completed_at", "damp_or_mould", "due_on",
            "due_at", "rtr_due_on",
        )),
        "appointments": sorted(Appointment.objects.values_list(
            "ref", "repair__ref", "date", "slot", "outcome", "cancelled_on"
        )),
        "visits": sorted(Visit.objects.values_list(
            "ref", "repair__ref", "visited_at", "outcome", "notes", "update_due_on"
        )),
        "contacts": sorted(Contact.objects.filter(case_type="repair").values_list(
            "ref", "case_ref", "contacted_on", "channel", "purpose"
        )),
        "damp": sorted(DampMould.objects.values_list("repair__ref", "investigation_due_on")),
    }  # fmt: skip
