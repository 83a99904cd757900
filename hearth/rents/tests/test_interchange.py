from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from hearth.contacts.models import Contact
from hearth.interchange.services import ImportRejected, export_folder, import_folder
from hearth.interchange.tests.helpers import GOOD, write_folder
from hearth.rents.models import ArrearsCase, ArrearsEpisode, RentAccount, Transaction
from hearth.rents.services.ledger import balance_mismatches

pytestmark = pytest.mark.django_db
D = Decimal

TRANSACTIONS = """
    transaction_ref,tenancy_ref,date,kind,amount
    X1,T2,2025-04-07,rent,120.50
    X2,T2,2025-04-07,service_charge,8.25
    X3,T2,2025-04-14,rent,120.50
    X4,T2,2025-04-14,service_charge,8.25
    X5,T2,2025-04-15,payment_direct_debit,-100.00
    X6,T3,2025-04-07,rent,98.00
    X7,T3,2025-04-08,housing_benefit,-98.00
    X8,T2,2025-04-20,adjustment,-2.50
    X9,T2,2025-04-21,write_off,-10.00
"""
CONTACTS = """
    contact_ref,case_type,case_ref,date,channel,purpose,notes
    C1,tenancy,T2,2025-04-16,phone,arrears,Agreed to pay more
"""


def test_transactions_load_into_rent_accounts_with_balances_and_arrears(tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", {**GOOD, "transactions.csv": TRANSACTIONS}))
    accounts = {a.tenancy.ref: a for a in RentAccount.objects.select_related("tenancy")}
    assert accounts["T2"].balance == D("145.00")
    assert accounts["T3"].balance == D("0.00")
    assert balance_mismatches() == []
    # T2 owed 257.50 on 14 April, more than its 128.75 weekly charge.
    episode = ArrearsEpisode.objects.get()
    assert (episode.account.tenancy.ref, str(episode.started_on), episode.ended_on) == (
        "T2",
        "2025-04-14",
        None,
    )
    assert ArrearsCase.objects.get().account == accounts["T2"]


def test_importing_the_same_transactions_twice_changes_nothing(tmp_path: Path):
    folder = write_folder(tmp_path / "in", {**GOOD, "transactions.csv": TRANSACTIONS})
    import_folder(folder)
    report = import_folder(folder).file("transactions.csv")
    assert (report.created, report.updated) == (0, 0)
    assert Transaction.objects.count() == 9
    assert RentAccount.objects.get(tenancy__ref="T2").balance == D("145.00")


def test_a_charge_or_credit_with_the_wrong_sign_is_reported_and_nothing_loads(tmp_path: Path):
    bad = """
        transaction_ref,tenancy_ref,date,kind,amount
        X1,T2,2025-04-07,rent,-120.50
        X2,T2,2025-04-08,payment_paypoint,20.00
        X3,T2,2025-04-09,write_off,5
        X4,T9,2025-04-09,adjustment,5
        X5,T2,2025-04-09,adjustment,0
    """
    with pytest.raises(ImportRejected) as rejected:
        import_folder(write_folder(tmp_path / "in", {**GOOD, "transactions.csv": bad}))
    assert [str(p) for p in rejected.value.problems] == [
        "transactions.csv:2: amount: -120.50: Rent is a charge, so its amount must be more than 0.00",
        "transactions.csv:3: amount: 20.00: PayPoint is a credit, so its amount must be less than 0.00",
        "transactions.csv:4: amount: 5.00: Write-off is a credit, so its amount must be less than 0.00",
        "transactions.csv:5: tenancy_ref: no tenancy T9 in this import or the database",
        "transactions.csv:6: amount: 0.00: the amount must not be 0.00",
    ]
    assert not Transaction.objects.exists()


def test_a_corrected_amount_updates_the_balance_and_the_arrears(tmp_path: Path):
    import_folder(write_folder(tmp_path / "in", {**GOOD, "transactions.csv": TRANSACTIONS}))
    corrected = TRANSACTIONS.replace(
        "X5,T2,2025-04-15,payment_direct_debit,-100.00",
        "X5,T2,2025-04-15,payment_direct_debit,-300.00",
    )
    import_folder(write_folder(tmp_path / "again", {**GOOD, "transactions.csv": corrected}))
    assert RentAccount.objects.get(tenancy__ref="T2").balance == D("-55.00")
    assert str(ArrearsEpisode.objects.get().ended_on) == "2025-04-15"
    assert balance_mismatches() == []


def test_transactions_and_arrears_contacts_round_trip_with_the_same_measures(tmp_path: Path):
    from hearth.core.measures import report

    import_folder(
        write_folder(
            tmp_path / "in", {**GOOD, "transactions.csv": TRANSACTIONS, "contacts.csv": CONTACTS}
        )
    )
    before = report(date(2025, 4, 1), date(2025, 4, 30))
    export_folder(tmp_path / "out")
    lines = (tmp_path / "out" / "transactions.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "transaction_ref,tenancy_ref,date,kind,amount,reverses_ref,source_ref"
    assert "X5,T2,2025-04-15,payment_direct_debit,-100.00,," in lines
    for model in (ArrearsCase, ArrearsEpisode, Transaction, RentAccount, Contact):
        model.objects.all().delete()
    import_folder(tmp_path / "out")
    after = report(date(2025, 4, 1), date(2025, 4, 30))
    assert after == before
    rent = {m["id"]: m for m in after["measures"]}
    assert rent["arrears.contacted_in_5_days"]["numerator"] == 1


REVERSED = """
    transaction_ref,tenancy_ref,date,kind,amount,reverses_ref,source_ref
    X1,T2,2025-04-07,rent,100.00,,
    X2,T2,2025-04-07,payment_direct_debit,-100.00,,COLL-1
    X3,T2,2025-04-11,payment_reversal,100.00,X2,RET-1
    X4,T3,2025-04-07,rent,98.00,,
    X5,T3,2025-04-08,payment_paypoint,-98.00,,PP-77
"""


def test_a_reversal_takes_its_payment_back_and_the_arrears_clock_sees_the_balance(tmp_path):
    import_folder(write_folder(tmp_path / "in", {**GOOD, "transactions.csv": REVERSED}))
    reversal = Transaction.objects.get(ref="X3")
    assert (reversal.kind, reversal.amount, reversal.reverses.ref) == (
        "payment_reversal",
        D("100.00"),
        "X2",
    )
    assert RentAccount.objects.get(tenancy__ref="T2").balance == D("100.00")
    # T2's weekly charge is 128.75, so owing 100.00 is not arrears: no episode.
    assert not ArrearsEpisode.objects.exists()
    exported = export_folder(tmp_path / "out")
    assert exported.rows["transactions.csv"] == 5
    lines = (tmp_path / "out" / "transactions.csv").read_text(encoding="utf-8").splitlines()
    assert "X3,T2,2025-04-11,payment_reversal,100.00,X2,RET-1" in lines
    assert "X2,T2,2025-04-07,payment_direct_debit,-100.00,,COLL-1" in lines


def test_a_reversal_pointed_at_another_payment_is_one_row_updated(tmp_path):
    import_folder(write_folder(tmp_path / "in", {**GOOD, "transactions.csv": REVERSED}))
    # X3 now takes back X5 instead of X2; nothing else in the file changes.
    repointed = REVERSED.replace("100.00,X2,RET-1", "100.00,X5,RET-1")
    folder = write_folder(tmp_path / "again", {**GOOD, "transactions.csv": repointed})
    report = import_folder(folder).file("transactions.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 4)
    assert Transaction.objects.get(ref="X3").reverses.ref == "X5"
    # The same file again: nothing to point anew.
    report = import_folder(folder).file("transactions.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)


def test_a_reversal_must_be_positive_and_only_a_reversal_reverses(tmp_path):
    bad = """
        transaction_ref,tenancy_ref,date,kind,amount,reverses_ref
        X1,T2,2025-04-07,payment_direct_debit,-100.00,
        X2,T2,2025-04-11,payment_reversal,-100.00,X1
        X3,T2,2025-04-12,adjustment,100.00,X1
        X4,T2,2025-04-12,payment_reversal,100.00,X99
    """
    with pytest.raises(ImportRejected) as rejected:
        import_folder(write_folder(tmp_path / "in", {**GOOD, "transactions.csv": bad}))
    assert [str(p) for p in rejected.value.problems] == [
        "transactions.csv:3: amount: -100.00: a payment reversal takes a payment back, "
        "so its amount must be more than 0.00",
        "transactions.csv:4: reverses_ref: only a payment_reversal takes back another transaction",
        "transactions.csv:5: reverses_ref: no transaction X99 in this import or the database",
    ]


def test_a_source_reference_names_one_payment(tmp_path):
    bad = """
        transaction_ref,tenancy_ref,date,kind,amount,source_ref
        X1,T2,2025-04-07,payment_direct_debit,-100.00,COLL-1
        X2,T2,2025-04-14,payment_direct_debit,-100.00,COLL-1
    """
    with pytest.raises(ImportRejected) as rejected:
        import_folder(write_folder(tmp_path / "in", {**GOOD, "transactions.csv": bad}))
    assert [str(p) for p in rejected.value.problems] == [
        "transactions.csv:3: source_ref: COLL-1 appears again (first on line 2)"
    ]


def test_a_payment_file_posted_again_after_an_import_recognises_every_payment(tmp_path):
    from hearth.rents.services.payments import import_payments

    import_folder(write_folder(tmp_path / "in", {**GOOD, "transactions.csv": REVERSED}))
    collections = (
        b"collection_ref,mandate_ref,collection_date,amount\r\nCOLL-1,DDM0001,2025-04-07,100.00\r\n"
    )
    report = import_payments(kind="direct_debit", data=collections, filename="dd.csv")
    assert (report.already_imported, report.posted) == (1, 0)
    returns = (
        b"return_ref,collection_ref,mandate_ref,return_date,amount,reason_code,reason\r\n"
        b"RET-1,COLL-1,DDM0001,2025-04-11,100.00,0,Refer to payer\r\n"
    )
    report = import_payments(kind="direct_debit_returns", data=returns, filename="arudd.csv")
    assert (report.already_imported, report.returned) == (1, 0)
    assert Transaction.objects.count() == 5


RATES = """
    home_ref,effective_from,weekly_rent,weekly_service_charge
    H1,2000-01-01,100.00,8.25
    H1,2025-04-07,120.50,8.25
    H2,2024-04-01,98.00,
"""
# T2 (at H1) owes 220.00 after a week of each rate less one payment; the clock compares it
# with the weekly charge in force on each day.
LEDGER = """
    transaction_ref,tenancy_ref,date,kind,amount
    X1,T2,2025-03-31,rent,100.00
    X2,T2,2025-04-07,rent,120.50
"""


def test_rent_rates_load_and_the_arrears_clock_uses_the_rate_in_force(tmp_path: Path):
    from hearth.rents.models import ChargeRate

    import_folder(
        write_folder(tmp_path / "in", {**GOOD, "rent_rates.csv": RATES, "transactions.csv": LEDGER})
    )
    rates = ChargeRate.objects.filter(home__ref="H1").order_by("effective_from")
    assert [(str(r.effective_from), r.weekly_rent, r.weekly_service_charge) for r in rates] == [
        ("2000-01-01", D("100.00"), D("8.25")),
        ("2025-04-07", D("120.50"), D("8.25")),
    ]
    # 220.50 owed on 7 April is more than the 128.75 charged a week from that day.
    episode = ArrearsEpisode.objects.get()
    assert (str(episode.started_on), episode.weekly_charge) == ("2025-04-07", D("128.75"))
    export_folder(tmp_path / "out")
    lines = (tmp_path / "out" / "rent_rates.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "home_ref,effective_from,weekly_rent,weekly_service_charge"
    assert "H1,2025-04-07,120.50,8.25" in lines and "H2,2024-04-01,98.00,0.00" in lines
    again = import_folder(tmp_path / "out").file("rent_rates.csv")
    assert (again.created, again.updated) == (0, 0)


def test_a_rate_given_twice_for_one_day_is_reported(tmp_path: Path):
    twice = RATES + "    H1,2025-04-07,121.00,8.25\n"
    with pytest.raises(ImportRejected) as rejected:
        import_folder(write_folder(tmp_path / "in", {**GOOD, "rent_rates.csv": twice}))
    assert [str(p) for p in rejected.value.problems] == [
        "rent_rates.csv:5: effective_from: H1 already has a rate from 2025-04-07 (line 3)"
    ]


def test_a_changed_rate_works_the_arrears_out_again(tmp_path: Path):
    import_folder(
        write_folder(tmp_path / "in", {**GOOD, "rent_rates.csv": RATES, "transactions.csv": LEDGER})
    )
    assert ArrearsEpisode.objects.count() == 1
    higher = RATES.replace("H1,2025-04-07,120.50,8.25", "H1,2025-04-07,250.00,8.25")
    report = import_folder(write_folder(tmp_path / "again", {**GOOD, "rent_rates.csv": higher}))
    assert report.file("rent_rates.csv").updated == 1
    # Owing 220.50 is less than a week's 258.25 now: not in arrears.
    assert not ArrearsEpisode.objects.exists()


def _ledger_indexes() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'rents_transaction'"
            )
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'rents_transaction'")
        return {name for (name,) in cursor.fetchall()}


def _ledger_keys() -> set[str]:
    """The ledger's foreign keys as PostgreSQL defines them (SQLite's are never dropped)."""
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'rents_transaction'::regclass AND contype = 'f'"
        )
        return {key for (key,) in cursor.fetchall()}


def test_a_first_large_ledger_is_loaded_with_its_indexes_built_afterwards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from hearth.rents import interchange

    before, keys = _ledger_indexes(), _ledger_keys()
    assert "posted_once_per_source_ref" in before
    if connection.vendor == "postgresql":
        assert any(
            "FOREIGN KEY (account_id) REFERENCES rents_rentaccount(id) DEFERRABLE" in key
            for key in keys
        )
    # Nine rows count as many here, so the load takes the rebuild path.
    monkeypatch.setattr(interchange, "BUILD_INDEXES_AFTER", 5)
    import_folder(write_folder(tmp_path / "in", {**GOOD, "transactions.csv": TRANSACTIONS}))

    assert Transaction.objects.count() == 9
    assert RentAccount.objects.get(tenancy__ref="T2").balance == D("145.00")
    assert _ledger_indexes() == before
    # A second file's rows load beside them, and the indexes are as they were.
    more = TRANSACTIONS.replace("X", "Y")
    report = import_folder(write_folder(tmp_path / "more", {**GOOD, "transactions.csv": more}))
    assert report.file("transactions.csv").created == 9
    assert _ledger_indexes() == before
    assert _ledger_keys() == keys


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="only PostgreSQL's foreign keys are dropped for a large load",
)
def test_a_row_loaded_while_the_ledgers_keys_are_dropped_must_still_point_somewhere():
    from django.db import IntegrityError, transaction

    from hearth.core import bulk

    with (
        pytest.raises(IntegrityError, match="account_id"),
        transaction.atomic(),
        bulk.indexes_built_afterwards(Transaction),
    ):
        Transaction.objects.create(
            ref="NOWHERE", account_id=987654321, date=date(2025, 4, 7), kind="rent",
            amount=D("1.00"),
        )  # fmt: skip
    # Nothing of the load is left, and the keys are back.
    assert not Transaction.objects.filter(ref="NOWHERE").exists()
    assert any("REFERENCES rents_rentaccount(id)" in key for key in _ledger_keys())
