from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hearth.contacts.models import Contact
from hearth.interchange.services import export_folder, import_folder
from hearth.interchange.tests.helpers import GOOD, write_folder

CONTACTS = """
    contact_ref,case_type,case_ref,date,channel,purpose,notes
    C1,tenancy,T2,2025-06-03,phone,arrears,Agreed a plan
    C2,tenancy,T3,2024-01-20,letter,money_advice,
"""


def test_contacts_load_with_their_tenancies_and_a_second_import_changes_nothing(db, tmp_path: Path):
    folder = write_folder(tmp_path / "in", {**GOOD, "contacts.csv": CONTACTS})
    import_folder(folder)
    import_folder(folder)
    rows = sorted(
        Contact.objects.values_list("ref", "case_type", "case_ref", "channel", "purpose", "notes")
    )
    assert rows == [
        ("C1", "tenancy", "T2", "phone", "arrears", "Agreed a plan"),
        ("C2", "tenancy", "T3", "letter", "money_advice", ""),
    ]


def test_a_contact_about_a_case_that_does_not_exist_is_reported_and_nothing_loads(
    db, tmp_path: Path, capsys
):
    bad = """
        contact_ref,case_type,case_ref,date,channel,purpose
        C1,tenancy,T99,2025-06-03,phone,arrears
        C2,tenancy,T2,2025-06-31,pigeon,arrears
    """
    folder = write_folder(tmp_path / "in", {**GOOD, "contacts.csv": bad})
    with pytest.raises(CommandError, match="3 problems found; nothing was imported"):
        call_command("import_records", str(folder))
    message = capsys.readouterr().err
    assert "contacts.csv:2: case_ref: no tenancy T99 in this import or the database" in message
    assert "contacts.csv:3: date:" in message
    assert "contacts.csv:3: channel:" in message
    assert not Contact.objects.exists()


def test_contacts_round_trip_through_export_and_import(db, tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", {**GOOD, "contacts.csv": CONTACTS}))
    export_folder(tmp_path / "out")
    exported = (tmp_path / "out" / "contacts.csv").read_text(encoding="utf-8").splitlines()
    assert exported[0] == "contact_ref,case_type,case_ref,date,channel,purpose,notes"
    assert exported[1] == "C1,tenancy,T2,2025-06-03,phone,arrears,Agreed a plan"
