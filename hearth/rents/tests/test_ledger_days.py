"""The ledger's day totals are kept by the database on every write, whatever made it: a
service, a bulk insert, an UPDATE or a DELETE made in bulk."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from hearth.rents.bulk import insert_rows
from hearth.rents.models import Kind, LedgerDay, Source, Transaction
from hearth.rents.tests.factories import make_account, pay, post

pytestmark = pytest.mark.django_db
MONDAY, TUESDAY = date(2025, 4, 7), date(2025, 4, 8)


def days() -> dict[tuple[date, str], int]:
    return {(d.date, d.kind): d.pence for d in LedgerDay.objects.exclude(pence=0)}


def test_day_totals_follow_every_kind_of_write():
    first = make_account(start=date(2025, 4, 7))
    second = make_account(start=date(2025, 4, 7))
    post(first, MONDAY, Kind.RENT, "100.00")
    post(second, MONDAY, Kind.RENT, "85.50")
    pay(first, TUESDAY, "40.25")
    assert days() == {(MONDAY, "rent"): 18550, (TUESDAY, "payment_cash"): -4025}

    # A bulk insert (the debit run's path): two rows in one statement.
    now = timezone.now()
    columns = ["ref", "account_id", "date", "kind", "amount", "description", "source",
               "source_ref", "created_at"]  # fmt: skip
    rows = [
        (ref, account.pk, TUESDAY, Kind.SERVICE_CHARGE, Decimal("6.85"), "", Source.DEBIT_RUN,
         "", now)
        for ref, account in (("B-1", first), ("B-2", second))
    ]  # fmt: skip
    assert insert_rows(Transaction, columns, rows) == 2
    assert days()[(TUESDAY, "service_charge")] == 1370

    # An UPDATE in bulk moves a charge to another day and changes its amount.
    Transaction.objects.filter(ref="B-2").update(date=MONDAY, amount=Decimal("7.00"))
    assert days()[(TUESDAY, "service_charge")] == 685
    assert days()[(MONDAY, "service_charge")] == 700

    # A DELETE in bulk takes its rows out.
    Transaction.objects.filter(kind=Kind.SERVICE_CHARGE).delete()
    assert days() == {(MONDAY, "rent"): 18550, (TUESDAY, "payment_cash"): -4025}


@pytest.mark.django_db(transaction=True)
def test_after_flush_an_empty_ledger_has_no_day_totals():
    """`flush` empties every table, then sends post_migrate. On SQLite it empties them with
    DELETE, in no fixed order: when the day totals go before the ledger, the ledger's delete
    trigger leaves -100.00 behind, which post_migrate clears as the ledger is empty."""
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection

    post(make_account(start=date(2025, 4, 7)), MONDAY, Kind.RENT, "100.00")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM rents_ledgerday")
        cursor.execute("DELETE FROM rents_transaction")
    assert days() == {(MONDAY, "rent"): -10000}
    emit_post_migrate_signal(0, False, "default")
    assert not LedgerDay.objects.exists()
