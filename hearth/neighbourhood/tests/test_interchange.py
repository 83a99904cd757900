"""The neighbourhood interchange files: load with due dates from the clock, reject bad rows
with every problem reported, change nothing on a second import, and round-trip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hearth.contacts.models import Contact
from hearth.core.measures import report
from hearth.interchange.services import ImportRejected, export_folder, import_folder
from hearth.interchange.tests.helpers import GOOD, write_folder
from hearth.neighbourhood.models import (
    AsbCase,
    CleaningConcern,
    CleaningTask,
    FlyTipReport,
    Inspection,
)

pytestmark = pytest.mark.django_db

FILES = {
    **GOOD,
    "inspections.csv": """
        inspection_ref,block_ref,scheduled_on,published_on,completed_on,score,notes
        I1,B1,2026-02-10,2026-02-03,2026-02-10,88,Clean and bright
        I2,B2,2026-02-11,2026-02-06,2026-02-11,55,
        I3,B1,2026-03-10,,,,
    """,
    "flytipping.csv": """
        report_ref,block_ref,received_on,removed_on,location
        F1,B1,2026-02-19,2026-02-24,By the bins
        F2,B2,2026-02-19,,Garages
    """,
    "cleaning_concerns.csv": """
        concern_ref,block_ref,received_on,responded_on,description
        C1,B1,2026-04-02,2026-04-09,Stairs not mopped
        C2,B2,2026-04-02,,"Lift floor sticky,
        again"
    """,
    "cleaning_schedules.csv": """
        block_ref,task,frequency,weekday,displayed_on
        B1,Sweep and mop stairs,weekly,tuesday,2026-01-05
        B1,Clean lift,daily,,2026-01-05
        B2,Wash bin store,monthly,,
    """,
    "asb_cases.csv": """
        case_ref,home_ref,block_ref,opened_on,closed_on,category,hate_incident,risk
        A1,H1,,2026-01-31,,Noise,false,medium
        A2,,B2,2026-02-02,2026-02-20,Racist abuse,true,high
    """,
    "contacts.csv": """
        contact_ref,case_type,case_ref,date,channel,purpose,notes
        K1,asb,A1,2026-02-28,phone,asb_update,Told her about the warning letter
    """,
}


def test_the_files_load_with_due_dates_from_the_one_clock(tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", FILES))
    assert Inspection.objects.get(ref="I1").grade == "A"
    assert FlyTipReport.objects.get(ref="F1").due_on == date(2026, 2, 24)
    assert FlyTipReport.objects.get(ref="F2").status == "open"
    # Thursday 2 April 2026, over Easter: due Thursday 9 April.
    assert CleaningConcern.objects.get(ref="C2").due_on == date(2026, 4, 9)
    assert CleaningTask.objects.get(task="Sweep and mop stairs").weekday == 1
    a1 = AsbCase.objects.get(ref="A1")
    assert a1.block.ref == "B1" and a1.next_update_due_on == date(2026, 2, 28)
    assert Contact.objects.get(ref="K1").case_ref == "A1"
    found = {m["id"]: m for m in report(date(2026, 2, 1), date(2026, 2, 28))["measures"]}
    assert (found["estate.inspections_publicised"]["numerator"], found["estate.inspections_publicised"]["denominator"]) == (1, 2)  # fmt: skip
    assert (found["estate.flytipping_removed"]["numerator"], found["estate.flytipping_removed"]["denominator"]) == (1, 2)  # fmt: skip
    assert (found["asb.monthly_updates"]["numerator"], found["asb.monthly_updates"]["denominator"]) == (2, 2)  # fmt: skip
    assert found["NM01.hate"]["numerator"] == 1
    assert found["estate.cleaning_schedules_displayed"]["numerator"] == 1


def _picture() -> list:
    return [
        list(Inspection.objects.order_by("ref").values_list("ref", "block__ref", "scheduled_on", "published_on", "completed_on", "score", "grade", "notes")),
        list(FlyTipReport.objects.order_by("ref").values_list("ref", "block__ref", "received_on", "removed_on", "location", "due_on", "status")),
        list(CleaningConcern.objects.order_by("ref").values_list("ref", "block__ref", "received_on", "responded_on", "description", "due_on")),
        list(CleaningTask.objects.order_by("block__ref", "task").values_list("block__ref", "task", "frequency", "weekday", "displayed_on")),
        list(AsbCase.objects.order_by("ref").values_list("ref", "home__ref", "block__ref", "opened_on", "closed_on", "category", "hate_incident", "risk", "next_update_due_on")),
        list(Contact.objects.order_by("ref").values_list("ref", "case_type", "case_ref", "contacted_on", "purpose")),
    ]  # fmt: skip


NAMES = (
    "inspections.csv",
    "flytipping.csv",
    "cleaning_concerns.csv",
    "cleaning_schedules.csv",
    "asb_cases.csv",
)


def test_an_export_imported_into_an_empty_database_gives_the_same_records_and_measures(
    tmp_path: Path,
):
    import_folder(write_folder(tmp_path / "in", FILES))
    export_folder(tmp_path / "out")
    before = _picture()
    measures_before = report(date(2026, 1, 1), date(2026, 4, 30))["measures"]
    for model in (Contact, Inspection, FlyTipReport, CleaningConcern, CleaningTask, AsbCase):
        model.objects.all().delete()
    import_folder(tmp_path / "out")
    assert _picture() == before
    assert report(date(2026, 1, 1), date(2026, 4, 30))["measures"] == measures_before
    export_folder(tmp_path / "again")
    for name in NAMES:
        assert (tmp_path / "out" / name).read_text() == (tmp_path / "again" / name).read_text()


def test_importing_the_same_folder_twice_changes_nothing_the_second_time(tmp_path: Path):
    folder = write_folder(tmp_path / "in", FILES)
    import_folder(folder)
    before = _picture()
    second = import_folder(folder)
    assert _picture() == before
    for name in NAMES:
        assert (second.file(name).created, second.file(name).updated) == (0, 0), name


def test_every_problem_is_reported_and_nothing_is_loaded(tmp_path: Path):
    with pytest.raises(ImportRejected) as rejected:
        import_folder(write_folder(tmp_path / "bad", {**GOOD,
            "inspections.csv": """
                inspection_ref,block_ref,scheduled_on,published_on,completed_on,score
                I1,B9,2026-02-10,,,
                I2,B1,2026-02-10,2026-02-11,,
                I3,B1,2026-02-10,,2026-02-10,101
            """,
            "flytipping.csv": """
                report_ref,block_ref,received_on,removed_on
                F1,B1,2026-02-19,2026-02-18
            """,
            "cleaning_schedules.csv": """
                block_ref,task,frequency,weekday
                B1,Mop,hourly,tuesday
                B1,Sweep,weekly,someday
                B1,Sweep,weekly,monday
            """,
            "asb_cases.csv": """
                case_ref,opened_on,closed_on,category,risk
                A1,2026-02-02,2026-02-01,Noise,extreme
            """,
            "contacts.csv": """
                contact_ref,case_type,case_ref,date,channel,purpose
                K1,asb,A9,2026-02-28,phone,asb_update
            """,
        }))  # fmt: skip
    problems = [str(p) for p in rejected.value.problems]
    starts = ["inspections.csv:2: block_ref:", "inspections.csv:3: published_on:", "inspections.csv:4: score:",
              "flytipping.csv:2: removed_on:", "cleaning_schedules.csv:2: frequency:", "cleaning_schedules.csv:3: weekday:",
              "cleaning_schedules.csv:4: task:", "asb_cases.csv:2: closed_on:", "asb_cases.csv:2: risk:",
              "contacts.csv:2: case_ref:"]  # fmt: skip
    for start in starts:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert not Inspection.objects.exists() and not CleaningTask.objects.exists()


def test_a_report_triaged_as_household_noise_is_not_exported_with_its_contacts(tmp_path: Path):
    """It is not an ASB case, and asb_cases.csv has no column to say so: imported again it
    would count in NM01.asb and asb.monthly_updates."""
    import_folder(write_folder(tmp_path / "in", FILES))
    AsbCase.objects.filter(ref="A1").update(triage="household_noise")
    export_folder(tmp_path / "out")
    cases = (tmp_path / "out" / "asb_cases.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in cases] == ["case_ref", "A2"]
    contacts = (tmp_path / "out" / "contacts.csv").read_text(encoding="utf-8")
    assert "K1" not in contacts


def test_a_contact_from_the_resident_is_not_exported(tmp_path: Path):
    """contacts.csv has no direction: imported, it would come back as an update to them."""
    import_folder(write_folder(tmp_path / "in", FILES))
    Contact.objects.filter(ref="K1").update(direction="inbound")
    export_folder(tmp_path / "out")
    assert "K1" not in (tmp_path / "out" / "contacts.csv").read_text(encoding="utf-8")
