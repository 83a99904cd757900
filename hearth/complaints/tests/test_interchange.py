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
    "stage2_extension_days,stage2_responded_on,outcome,compensation,refused_on,refusal_reason"
)
COMPLAINTS = f"""
    {HEADER}
    C1,T2,,2025-04-17,repairs,2025-04-24,,2025-05-09,,,,,upheld,50.10,,
    C2,T3,H2,2025-04-17,damp_mould,2025-04-24,6,,,,,,,,,
    C3,,H3,2025-04-23,estate_services,,,,,,,,,,,
    C4,T2,H1,2025-03-03,communication,2025-03-05,0,2025-03-14,2025-03-20,2025-03-24,5,2025-04-30,partly_upheld,,,
    C5,T3,,2025-05-01,staff_conduct,2025-05-02,,,2025-05-20,,,,,,,
    C6,,,2025-05-06,other,,,,,,,,withdrawn,,,
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
        C1,T2,,2025-04-17,repairs,2025-04-16,,2025-04-10,,,,,upheld,,,
        C2,T3,,2025-04-17,gripes,,,,,2025-04-30,,,,-5.00,,
        C3,,,2025-04-17,other,2025-04-18,,2025-04-25,2025-04-24,2025-04-23,,,,,2025-04-16,
        C4,,,2025-04-17,other,,,,,,,,,,,too late
    """
    folder = write_folder(tmp_path / "in", {**GOOD, "complaints.csv": bad})
    with pytest.raises(ImportRejected) as caught:
        import_folder(folder)
    messages = [str(problem) for problem in caught.value.problems]
    expected = [
        "complaints.csv:2: stage1_acknowledged_on: 2025-04-16 is before the complaint was received, 2025-04-17",
        "complaints.csv:2: stage1_responded_on: 2025-04-10 is before the complaint was received, 2025-04-17",
        "complaints.csv:2: stage1_responded_on: 2025-04-10 is before it was acknowledged, 2025-04-16",
        "complaints.csv:3: compensation:",
        "complaints.csv:3: stage2_acknowledged_on: a stage 2 date or extension needs stage2_requested_on",
        "complaints.csv:4: stage2_requested_on: 2025-04-24 is before the stage 1 response, 2025-04-25",
        "complaints.csv:4: stage2_acknowledged_on: 2025-04-23 is before stage 2 was requested, 2025-04-24",
        "complaints.csv:4: refused_on: 2025-04-16 is before the complaint was received, 2025-04-17",
        "complaints.csv:5: refusal_reason: a refusal reason needs refused_on",
    ]  # fmt: skip
    for message in expected:
        assert any(m.startswith(message) for m in messages), message
    assert not any("category" in m for m in messages)  # any words are a category
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
    assert exported[1] == "C1,T2,H1,2025-04-17,repairs,2025-04-24,0,2025-05-09,,,0,,upheld,50.10,,"
    # Refused without a date recorded: dated the day it came in.
    assert any(line.startswith("X1,") and ",2025-04-01," in line for line in exported)
    Complaint.objects.all().delete()
    import_folder(tmp_path / "out")
    after = {row[0]: row for row in _snapshot()}
    assert after["X1"][-2] == Status.EXCLUDED
    assert [row for row in _snapshot() if row[0] != "X1"] == [r for r in before if r[0] != "X1"]
    assert _measures() == measures_before


LEGACY = f"""
    {HEADER}
    L1,T2,,2025-04-17,staff,2025-04-24,,2025-05-09,,,,,upheld,,,
    L2,T3,,2025-04-18,rent,2025-04-24,,,,,,,,,,
    L3,T3,,2025-04-22,Cleaning - communal,,,,,,,,,,,
    L4,T2,,2025-04-23,repairs,,,,,,,,,,2025-04-24,over_12_months: reported in 2022
    L5,T2,,2025-04-23,asb,,,,,,,,,,2025-04-25,Duplicate of L1
"""


def test_the_landlords_own_categories_are_kept_and_count_as_other_until_mapped(
    db, tmp_path: Path, admin_user
):
    from hearth.complaints.models import CategoryMapping
    from hearth.complaints.services import map_category

    import_folder(write_folder(tmp_path / "in", {**GOOD, "complaints.csv": LEGACY}))
    found = {c.ref: (c.category, c.landlord_category) for c in Complaint.objects.all()}
    assert found == {
        "L1": ("other", "staff"),
        "L2": ("other", "rent"),
        "L3": ("other", "Cleaning - communal"),
        "L4": ("repairs", ""),
        "L5": ("other", "asb"),
    }
    unmapped = list(
        CategoryMapping.objects.filter(category="").values_list("landlord_category", flat=True)
    )
    assert unmapped == ["Cleaning - communal", "asb", "rent", "staff"]
    assert map_category(landlord_category="staff", category="staff_conduct", actor=admin_user) == 1
    assert Complaint.objects.get(ref="L1").category == "staff_conduct"
    # Imported again, a mapped category keeps its mapping; the words go back out unchanged.
    import_folder(write_folder(tmp_path / "again", {**GOOD, "complaints.csv": LEGACY}))
    assert Complaint.objects.get(ref="L1").category == "staff_conduct"
    export_folder(tmp_path / "out")
    lines = (tmp_path / "out" / "complaints.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("L1,T2,H1,2025-04-17,staff,")


def test_refused_complaints_are_kept_exported_and_left_out_of_every_measure(db, tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", {**GOOD, "complaints.csv": LEGACY}))
    refused = Complaint.objects.get(ref="L4")
    assert (refused.status, refused.excluded_on, refused.exclusion_reason) == (
        Status.EXCLUDED,
        date(2025, 4, 24),
        "over_12_months",
    )
    assert refused.exclusion_explanation == "reported in 2022"
    assert Complaint.objects.get(ref="L5").exclusion_explanation == "Duplicate of L1"
    counted = {m["id"]: m for m in _measures()}
    # L1, L2 and L3 received in 2025; L4 and L5 refused.
    assert counted["CH01.stage1"]["numerator"] == 3
    assert counted["complaints.acknowledged_on_time"]["denominator"] == 3
    export_folder(tmp_path / "out")
    lines = (tmp_path / "out" / "complaints.csv").read_text(encoding="utf-8").splitlines()
    assert lines[4].endswith(",2025-04-24,over_12_months: reported in 2022")
    assert lines[5].endswith(",2025-04-25,Duplicate of L1")


def test_an_administrator_maps_imported_categories_on_the_settings_page(
    db, tmp_path: Path, client, admin_user, officer
):
    from hearth.accounts.tests.otp import sign_in_verified

    import_folder(write_folder(tmp_path / "in", {**GOOD, "complaints.csv": LEGACY}))
    sign_in_verified(client, officer)
    assert client.get("/staff/complaints/categories/").status_code == 404
    sign_in_verified(client, admin_user)
    page = client.get("/staff/complaints/categories/").content.decode()
    assert "4 categories are not mapped yet." in page
    assert page.index("“Cleaning - communal”") < page.index("“staff”")
    response = client.post(
        "/staff/complaints/categories/",
        {
            "category_0": "estate_services",
            "category_1": "",
            "category_2": "rent_charges",
            "category_3": "nonsense",
        },
    )
    assert "Choose a Hearth category for “staff”" in response.content.decode()
    response = client.post(
        "/staff/complaints/categories/",
        {
            "category_0": "estate_services",
            "category_1": "",
            "category_2": "rent_charges",
            "category_3": "",
        },
    )
    assert response.status_code == 302
    assert Complaint.objects.get(ref="L3").category == "estate_services"
    assert Complaint.objects.get(ref="L2").category == "rent_charges"
    assert (
        "2 categories are not mapped yet."
        in client.get("/staff/complaints/categories/").content.decode()
    )
