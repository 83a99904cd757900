"""Export writes the interchange layout; importing it into an empty database gives the same
records, and exporting those gives the same files."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from hearth.estates.models import Block, Estate, Home
from hearth.estates.tests.factories import BlockFactory, EstateFactory, HomeFactory
from hearth.interchange import registry
from hearth.interchange.services import export_folder, import_folder
from hearth.interchange.tests.helpers import snapshot
from hearth.tenancies.models import ContactPreference, Person, SupportNeed, Tenancy, TenancyMember
from hearth.tenancies.tests.factories import ContactPreferenceFactory, PersonFactory, TenancyFactory

pytestmark = pytest.mark.django_db

FOUNDATION = ("estates.csv", "blocks.csv", "homes.csv", "tenancies.csv")


def _landlord_records() -> None:
    """A varied register: empty optional values, booleans unknown, quotes and line breaks."""
    park = EstateFactory(ref="E-CP", name='Clapton Park "the Park"')
    tower = BlockFactory(
        ref="B-1", estate=park, storeys=21, has_lift=True, has_communal_areas=False
    )
    low = BlockFactory(
        ref="B-2", estate=park, postcode="", storeys=None, has_lift=None, has_communal_areas=None
    )
    flat = HomeFactory(ref="H-1", block=tower, address="Flat 1,\nTower House", home_type="flat")
    house = HomeFactory(
        ref="H-2",
        block=low,
        bedrooms=None,
        home_type="",
        weekly_rent=Decimal("98.00"),
        weekly_service_charge=Decimal("0.00"),
    )
    ada = PersonFactory(full_name="Ada Lovelace", phone="", email="ada@example.org")
    ContactPreferenceFactory(person=ada, language="Welsh")
    SupportNeed.objects.create(person=ada, kind="other", description="Needs letters in large print")
    TenancyFactory(
        ref="T-1",
        home=flat,
        start_date=date(2010, 5, 1),
        end_date=date(2019, 9, 30),
        lead_tenant=ada,
    )
    TenancyFactory(
        ref="T-2",
        home=flat,
        tenure="introductory",
        start_date=date(2019, 10, 1),
        lead_tenant=PersonFactory(full_name="Grace Hopper", email=""),
    )
    TenancyFactory(ref="T-3", home=house, tenure="leasehold", start_date=date(2001, 1, 1))


def _empty_the_database() -> None:
    for model in (
        SupportNeed,
        ContactPreference,
        TenancyMember,
        Tenancy,
        Person,
        Home,
        Block,
        Estate,
    ):
        model._default_manager.all().delete()


def test_export_then_import_into_an_empty_database_gives_the_same_records(tmp_path: Path) -> None:
    _landlord_records()
    before = snapshot()
    export_folder(tmp_path / "first")

    _empty_the_database()
    assert snapshot()["tenancies"] == []
    import_folder(tmp_path / "first")

    assert snapshot() == before
    export_folder(tmp_path / "second")
    for name in FOUNDATION:
        assert (tmp_path / "second" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()


def test_export_writes_every_file_with_its_header_in_the_spec_order(tmp_path: Path) -> None:
    _landlord_records()
    report = export_folder(tmp_path)

    assert list(report.rows) == [spec.name for spec in registry.ordered()]
    assert {name: report.rows[name] for name in FOUNDATION} == {
        "estates.csv": 1,
        "blocks.csv": 2,
        "homes.csv": 2,
        "tenancies.csv": 3,
    }
    with (tmp_path / "tenancies.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "tenancy_ref",
        "home_ref",
        "tenure",
        "start_date",
        "end_date",
        "lead_tenant_name",
        "lead_person_ref",
        "phone",
        "email",
        "preferred_language",
        "support_needs",
    ]
    assert rows[0] == {
        "tenancy_ref": "T-1",
        "home_ref": "H-1",
        "tenure": "secure",
        "start_date": "2010-05-01",
        "end_date": "2019-09-30",
        "lead_tenant_name": "Ada Lovelace",
        # Ada has no ref of the landlord's: she is written as Hearth's own person id.
        "lead_person_ref": f"HEARTH-{Person.objects.get(full_name='Ada Lovelace').pk}",
        "phone": "",
        "email": "ada@example.org",
        "preferred_language": "Welsh",
        "support_needs": "Needs letters in large print",
    }
    assert (tmp_path / "homes.csv").read_bytes().startswith(b"home_ref,block_ref,address,")
    assert b"\r\n" in (tmp_path / "homes.csv").read_bytes()


def test_the_export_command_writes_the_folder_and_says_how_many_rows(tmp_path: Path) -> None:
    _landlord_records()
    out = StringIO()
    call_command("export_records", str(tmp_path / "out"), stdout=out)
    lines = out.getvalue().splitlines()
    # Other domains' files are written too (empty here), each after the files it points at.
    assert [line for line in lines if line.split(":")[0] in FOUNDATION] == [
        "estates.csv: 1 rows",
        "blocks.csv: 2 rows",
        "homes.csv: 2 rows",
        "tenancies.csv: 3 rows",
    ]
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(spec.name for spec in registry.ordered())
    assert len(lines) == len(written)


def test_each_cell_is_written_as_the_spec_says_whichever_database_formats_it(
    tmp_path: Path,
) -> None:
    """The database formats the cells (SQL, and COPY on PostgreSQL); the bytes are what
    `csv.writer` wrote when Python formatted them: formulas made inert, quotes doubled, line
    breaks kept inside quotes, London times with their offset, two-decimal amounts, CRLF."""
    from datetime import UTC, datetime

    from hearth.repairs.tests.factories import make_repair

    estate = EstateFactory(ref="E-1", name='=HYPERLINK("http://x")')
    tower = BlockFactory(
        ref="B-1", estate=estate, name="'+Tower", postcode="'quoted'", storeys=0,
        has_lift=False, lifts=None, has_communal_areas=True,
    )  # fmt: skip
    home = HomeFactory(
        ref="-H1", block=tower, address="Flat 1,\nTower \"House\"", postcode="@E5 0AA",
        bedrooms=2, home_type="flat", weekly_rent=Decimal("100"),
        weekly_service_charge=Decimal("-0.5"), gas_supply=False,
    )  # fmt: skip
    # 12:05 UTC in summer is 13:05 in London (BST); in winter it is 12:05 (GMT).
    make_repair(ref="R-1", home=home, reported_at=datetime(2025, 7, 1, 12, 5, tzinfo=UTC),
                description="\tTab first", trade="")  # fmt: skip
    make_repair(ref="R-2", home=home, reported_at=datetime(2025, 12, 1, 12, 5, 0, 1500, tzinfo=UTC),
                description="''=already escaped once", status="completed",
                completed_at=datetime(2025, 12, 2, 9, 0, tzinfo=UTC), damp_or_mould=True)  # fmt: skip

    export_folder(tmp_path)

    assert (tmp_path / "estates.csv").read_bytes() == (
        b'estate_ref,name\r\nE-1,"\'=HYPERLINK(""http://x"")"\r\n'
    )
    assert (tmp_path / "blocks.csv").read_bytes() == (
        b"block_ref,estate_ref,name,postcode,storeys,has_lift,lifts,has_communal_areas\r\n"
        b"B-1,E-1,''+Tower,'quoted',0,false,,true\r\n"
    )
    assert (tmp_path / "homes.csv").read_bytes() == (
        b"home_ref,block_ref,address,postcode,bedrooms,home_type,weekly_rent,"
        b"weekly_service_charge,gas_supply\r\n"
        b'\'-H1,B-1,"Flat 1,\nTower ""House""",\'@E5 0AA,2,flat,100.00,-0.50,false\r\n'
    )
    repairs = (tmp_path / "repairs.csv").read_bytes().split(b"\r\n")
    assert repairs[1:] == [
        b"R-1,'-H1,,2025-07-01T13:05:00+01:00,routine,'\tTab first,,,open,,false",
        b"R-2,'-H1,,2025-12-01T12:05:00.001500+00:00,routine,'''=already escaped once,,,"
        b"completed,2025-12-02T09:00:00+00:00,true",
        b"",
    ]
