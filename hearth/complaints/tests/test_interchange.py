from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from hearth.complaints.models import Complaint, NextAction, Status
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.contacts.models import Contact
from hearth.core import measures
from hearth.interchange.services import ImportRejected, export_folder, import_folder
from hearth.interchange.tests.helpers import GOOD, write_folder

HEADER = (
    "complaint_ref,tenancy_ref,home_ref,received_on,category,stage1_acknowledged_on,"
    "stage1_extension_days,stage1_responded_on,stage2_requested_on,stage2_acknowledged_on,"
    "stage2_extension_days,stage2_responded_on,outcome,compensation"
)
COMPLAINTS = f"""
    {HEADER}
    C1,T2,,2025-04-17,repairs,2025-04-24,,2025-05-09,,,,,upheld,50.10
    C2,T3,H2,2025-04-17,damp_mould,2025-04-24,6,,,,,,,
    C3,,H3,2025-04-23,estate_services,,,,,,,,,
    C4,T2,H1,2025-03-03,communication,2025-03-05,0,2025-03-14,2025-03-20,2025-03-24,5,2025-04-30,partly_upheld,
    C5,T3,,2025-05-01,staff_conduct,2025-05-02,,,2025-05-20,,,,,
    C6,,,2025-05-06,other,,,,,,,,withdrawn,
"""
CONTACTS = """
    contact_ref,case_type,case_ref,date,channel,purpose,notes
    K1,complaint,C1,2025-04-24,email,acknowledgement,
    K2,complaint,C1,2025-05-09,letter,response,Stage 1 letter
"""

MEASURE_IDS = [
    "complaints.stage1_average_working_days",
    "CH01.stage1",
    "CH01.stage2",
    "CH02.stage1",
    "CH02.stage2",
    "complaints.acknowledged_on_time",
]


def _measures() -> list[dict]:
    return measures.report(date(2025, 1, 1), date(2025, 12, 31), only=MEASURE_IDS)["measures"]


def _snapshot() -> list[tuple]:
    return sorted(
        Complaint.objects.values_list(
            "ref", "tenancy__ref", "home__ref", "received_on", "category",
            "stage1_acknowledged_on", "stage1_extension_days", "stage1_responded_on",
            "stage2_requested_on", "stage2_acknowledged_on", "stage2_extension_days",
            "stage2_responded_on", "outcome", "compensation", "status", "next_due_on",
        )
    )  # fmt: skip


def test_complaints_load_with_their_status_home_complainant_and_clock(db, tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", {**GOOD, "complaints.csv": COMPLAINTS}))
    found = {c.ref: c for c in Complaint.objects.select_related("home", "complainant")}
    assert found["C1"].status == Status.STAGE1_ANSWERED
    assert found["C1"].home.ref == "H1"  # the tenancy's home
    assert found["C1"].complainant.full_name == "Grace Hopper"  # its lead tenant
    assert found["C1"].compensation == Decimal("50.10")
    assert found["C2"].status == Status.STAGE1_OPEN
    # Acknowledged 24 April, extended by 6: due 19 May 2025.
    assert (found["C2"].next_action, found["C2"].next_due_on) == (
        NextAction.RESPOND_STAGE1,
        date(2025, 5, 19),
    )
    assert found["C3"].status == Status.STAGE1_RECEIVED and found["C3"].complainant is None
    assert found["C4"].status == Status.CLOSED and found["C4"].next_due_on is None
    assert found["C5"].status == Status.STAGE2_REQUESTED
    assert found["C5"].next_due_on == date(2025, 5, 28)  # 26 May is a bank holiday
    assert found["C6"].status == Status.WITHDRAWN


def test_importing_the_same_complaints_twice_changes_nothing(db, tmp_path: Path):
    folder = write_folder(tmp_path / "in", {**GOOD, "complaints.csv": COMPLAINTS})
    import_folder(folder)
    before = _snapshot()
    report = import_folder(folder).file("complaints.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert _snapshot() == before


def test_dates_out_of_order_and_bad_values_are_all_reported_and_nothing_loads(db, tmp_path: Path):
    bad = f"""
        {HEADER}
        C1,T2,,2025-04-17,repairs,2025-04-16,,2025-04-10,,,,,upheld,
        C2,T3,,2025-04-17,gripes,,,,,2025-04-30,,,,-5.00
        C3,,,2025-04-17,other,2025-04-18,,2025-04-25,2025-04-24,2025-04-23,,,,
    """
    folder = write_folder(tmp_path / "in", {**GOOD, "complaints.csv": bad})
    with pytest.raises(ImportRejected) as caught:
        import_folder(folder)
    messages = [str(problem) for problem in caught.value.problems]
    expected = [
        "complaints.csv:2: stage1_acknowledged_on: 2025-04-16 is before the complaint was received, 2025-04-17",
        "complaints.csv:2: stage1_responded_on: 2025-04-10 is before the complaint was received, 2025-04-17",
        "complaints.csv:2: stage1_responded_on: 2025-04-10 is before it was acknowledged, 2025-04-16",
        "complaints.csv:3: category:",
        "complaints.csv:3: compensation:",
        "complaints.csv:3: stage2_acknowledged_on: a stage 2 date or extension needs stage2_requested_on",
        "complaints.csv:4: stage2_requested_on: 2025-04-24 is before the stage 1 response, 2025-04-25",
        "complaints.csv:4: stage2_acknowledged_on: 2025-04-23 is before stage 2 was requested, 2025-04-24",
    ]  # fmt: skip
    for message in expected:
        assert any(m.startswith(message) for m in messages), message
    assert not Complaint.objects.exists()


def test_complaint_contacts_load_and_a_contact_about_no_complaint_is_reported(db, tmp_path: Path):
    folder = write_folder(
        tmp_path / "in", {**GOOD, "complaints.csv": COMPLAINTS, "contacts.csv": CONTACTS}
    )
    import_folder(folder)
    assert Contact.objects.filter(case_type="complaint", case_ref="C1").count() == 2
    wrong = CONTACTS + "    K3,complaint,C99,2025-05-09,letter,response,\n"
    with pytest.raises(ImportRejected) as caught:
        import_folder(write_folder(tmp_path / "bad", {**GOOD, "contacts.csv": wrong}))
    assert any("no complaint C99" in str(problem) for problem in caught.value.problems)


def test_an_export_imported_into_an_empty_database_gives_the_same_complaints_and_measures(
    db, tmp_path: Path
):
    import_folder(write_folder(tmp_path / "in", {**GOOD, "complaints.csv": COMPLAINTS}))
    ComplaintFactory(ref="X1", received_on=date(2025, 4, 1), status=Status.EXCLUDED)
    before, measures_before = _snapshot(), _measures()
    export_folder(tmp_path / "out")
    exported = (tmp_path / "out" / "complaints.csv").read_text(encoding="utf-8").splitlines()
    assert exported[0] == HEADER
    assert exported[1] == "C1,T2,H1,2025-04-17,repairs,2025-04-24,0,2025-05-09,,,0,,upheld,50.10"
    assert not any(line.startswith("X1,") for line in exported)  # refused: not a complaint
    Complaint.objects.all().delete()
    import_folder(tmp_path / "out")
    assert _snapshot() == [row for row in before if row[0] != "X1"]
    assert _measures() == measures_before
