"""The round-trip guarantee: the demo landlord, exported, imported into an empty database and
exported again, gives byte-identical files and the same measures (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from hearth.core.calendar import rebuild_calendar_table
from hearth.interchange import registry

TODAY = "2026-11-26"
PERIODS = [("2025-11-27", "2026-11-26"), ("2026-04-01", "2026-09-30")]


def _add_what_the_demo_lacks(folder: Path) -> None:
    """A returned direct debit, and a refused complaint filed under the landlord's own words."""
    from datetime import timedelta
    from decimal import Decimal

    from hearth.interchange.services import import_folder
    from hearth.rents.models import Kind, Source, Transaction
    from hearth.rents.services.ledger import post_transaction

    paid = Transaction.objects.filter(kind=Kind.PAYMENT_DIRECT_DEBIT).order_by("ref").first()
    assert paid is not None
    post_transaction(
        account=paid.account,
        kind=Kind.PAYMENT_REVERSAL,
        amount=-paid.amount,
        on=paid.date + timedelta(days=3),
        actor=None,
        source=Source.DIRECT_DEBIT_RETURNS,
        source_ref="RET-TEST-1",
        reverses=paid,
    )
    assert paid.amount < Decimal(0)
    tenancy = paid.account.tenancy
    folder.mkdir()
    (folder / "complaints.csv").write_text(
        "complaint_ref,tenancy_ref,received_on,category,refused_on,refusal_reason\n"
        f"LEGACY-1,{tenancy.ref},2026-05-01,Noise nuisance,2026-05-02,Duplicate\n"
        f"LEGACY-2,{tenancy.ref},2026-05-03,staff,,\n",
        encoding="utf-8",
    )
    import_folder(folder)


def _measures() -> list[dict]:
    found = []
    for start, end in PERIODS:
        out = StringIO()
        call_command("measures", "--from", start, "--to", end, "--format", "json", stdout=out)
        found.append(json.loads(out.getvalue()))
    return found


@pytest.mark.slow  # about 40 s on SQLite, 75 s on PostgreSQL on the shared machine
@pytest.mark.django_db(transaction=True)
def test_the_demo_exported_imported_into_an_empty_database_and_exported_again_is_identical(
    tmp_path: Path,
) -> None:
    call_command("demo", "--homes", "60", "--today", TODAY, stdout=StringIO())
    _add_what_the_demo_lacks(tmp_path / "legacy")
    first = tmp_path / "first"
    call_command("export_records", str(first), stdout=StringIO())
    measures_before = _measures()

    call_command("flush", "--no-input", verbosity=0)
    rebuild_calendar_table()
    call_command("import_records", str(first), "--allow-unsupported", stdout=StringIO())
    second = tmp_path / "second"
    call_command("export_records", str(second), stdout=StringIO())

    names = [spec.name for spec in registry.ordered()]
    assert sorted(p.name for p in first.iterdir()) == sorted(names)
    for name in names:
        assert (second / name).read_bytes() == (first / name).read_bytes(), name
    # The demo carries what the new columns are for.
    tenancies = (first / "tenancies.csv").read_text(encoding="utf-8")
    assert "HEARTH-" in tenancies
    assert ",payment_reversal," in (first / "transactions.csv").read_text(encoding="utf-8")
    assert len((first / "rent_rates.csv").read_text(encoding="utf-8").splitlines()) > 61
    complaints = (first / "complaints.csv").read_text(encoding="utf-8")
    assert ",Noise nuisance," in complaints and ",2026-05-02,Duplicate" in complaints
    assert _measures() == measures_before
