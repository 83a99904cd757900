"""tenancies.csv's lead_person_ref: one person across tenancies, one portal account."""

from __future__ import annotations

from pathlib import Path

import pytest

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.interchange import staging
from hearth.interchange.services import export_folder, import_folder
from hearth.interchange.tests.helpers import GOOD, write_folder
from hearth.tenancies.models import Person, Tenancy, TenancyMember

pytestmark = pytest.mark.django_db

HEADER = "tenancy_ref,home_ref,tenure,start_date,end_date,lead_tenant_name,lead_person_ref,email"
BEFORE = f"""
    {HEADER}
    T1,H1,secure,2015-04-06,2020-03-31,Ada Lovelace,P-1,ada@example.org
    T3,H2,introductory,2024-01-08,,Alan Turing,P-3,
"""
# Ada transferred from H1 to H3 in 2020: a second tenancy, the same person.
TRANSFER = f"""
    {HEADER}
    T1,H1,secure,2015-04-06,2020-03-31,Ada Lovelace,P-1,ada@example.org
    T2,H3,secure,2020-04-01,,Ada Lovelace,P-1,ada@example.org
    T3,H2,introductory,2024-01-08,,Alan Turing,P-3,
"""


def _leads() -> dict[str, str]:
    members = TenancyMember.objects.filter(role="lead_tenant").select_related("tenancy", "person")
    return {m.tenancy.ref: m.person.ref for m in members}


def test_two_tenancies_with_one_lead_person_ref_have_one_lead_tenant(tmp_path: Path):
    folder = write_folder(tmp_path / "in", {**GOOD, "tenancies.csv": TRANSFER})
    import_folder(folder)
    assert Person.objects.count() == 2
    assert _leads() == {"T1": "P-1", "T2": "P-1", "T3": "P-3"}
    again = import_folder(folder).file("tenancies.csv")
    assert (again.created, again.updated, Person.objects.count()) == (0, 0, 2)


def test_a_transfer_imported_later_joins_the_person_and_their_portal_account(tmp_path: Path):
    import_folder(write_folder(tmp_path / "before", {**GOOD, "tenancies.csv": BEFORE}))
    ada = Person.objects.get(ref="P-1")
    account = UserFactory(role=Role.RESIDENT, person=ada)
    import_folder(write_folder(tmp_path / "after", {**GOOD, "tenancies.csv": TRANSFER}))
    assert Person.objects.count() == 2
    seen = Tenancy.objects.for_person(account.person_id).values_list("ref", flat=True)
    assert sorted(seen) == ["T1", "T2"]


def test_a_lead_tenant_without_a_ref_takes_the_one_the_file_gives(tmp_path: Path):
    import_folder(write_folder(tmp_path / "old", GOOD))  # tenancies.csv with no person refs
    grace = TenancyMember.objects.get(tenancy__ref="T2").person
    named = GOOD["tenancies.csv"].replace(
        "preferred_language,support_needs", "preferred_language,support_needs,lead_person_ref"
    )
    named = named.replace(
        'Turkish,"Uses a wheelchair,\n        needs step-free access"',
        'Turkish,"Uses a wheelchair,\n        needs step-free access",P-9',
    )
    named = named.replace("English,\n", "English,,\n").replace(",,,\n", ",,,,\n")
    import_folder(write_folder(tmp_path / "new", {**GOOD, "tenancies.csv": named}))
    grace.refresh_from_db()
    assert grace.ref == "P-9"
    assert Person.objects.count() == 3


def test_an_export_imported_into_an_empty_database_keeps_one_person_as_one(tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", {**GOOD, "tenancies.csv": TRANSFER}))
    export_folder(tmp_path / "out")
    lines = (tmp_path / "out" / "tenancies.csv").read_text(encoding="utf-8").splitlines()
    assert lines[2].startswith("T2,H3,secure,2020-04-01,,Ada Lovelace,P-1,")
    TenancyMember.objects.all().delete()
    Tenancy.objects.all().delete()
    Person.objects.all().delete()
    import_folder(tmp_path / "out")
    assert Person.objects.count() == 2
    assert _leads() == {"T1": "P-1", "T2": "P-1", "T3": "P-3"}


# Ada leads the first and the last row: with two rows to a staging chunk, her rows are in two
# chunks.
SPLIT = f"""
    {HEADER}
    T1,H1,secure,2015-04-06,2020-03-31,Ada Lovelace,P-1,ada@example.org
    T3,H2,introductory,2024-01-08,,Alan Turing,P-3,
    T2,H3,secure,2020-04-01,,Ada King,P-1,ada@example.org
"""


@pytest.mark.parametrize("chunk", [2, 5000])
def test_a_person_on_rows_in_two_chunks_is_one_person_counted_as_one_pass_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
):
    monkeypatch.setattr(staging, "CHUNK", chunk)
    first = import_folder(write_folder(tmp_path / "a", {**GOOD, "tenancies.csv": TRANSFER}))
    assert (first.file("tenancies.csv").created, Person.objects.count()) == (3, 2)
    # T1 leaves Ada's name as it is; T2 renames her: one row updated, the last row's name.
    split = write_folder(tmp_path / "b", {**GOOD, "tenancies.csv": SPLIT})
    renamed = import_folder(split).file("tenancies.csv")
    assert (renamed.created, renamed.updated, renamed.unchanged) == (0, 1, 2)
    assert Person.objects.get(ref="P-1").full_name == "Ada King"
    # Again: T1 names her Ada Lovelace, then T2 Ada King again; each row changed her.
    again = import_folder(split).file("tenancies.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 2, 1)
    assert Person.objects.get(ref="P-1").full_name == "Ada King"
    assert Person.objects.count() == 2
    assert _leads() == {"T1": "P-1", "T2": "P-1", "T3": "P-3"}
