"""Rent benchmark: the weekly debit run, the arrears refresh after it, and a payment file,
for a landlord of N tenancies (`.venv/bin/python bench/rent_debit_run.py [--tenancies N]`).

Builds bare homes and tenancies in bulk into a fresh database (a temporary SQLite file, or
the PostgreSQL database named by BENCH_DATABASE_URL, which is emptied first), then times:
the first run of a week (which opens every rent account), a standing order file paying
nearly every account (and the same file again, which must post nothing), the next week's run
(in which one tenancy in 33 falls into arrears and gets a case), and that week again (which
must charge nothing). Results are recorded by hand in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tenancies", type=int, default=100_000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="hearth-rent-bench-"))
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from hearth.estates.models import Block, Estate, Home
    from hearth.rents.models import ArrearsCase, Transaction
    from hearth.rents.services.debit_run import post_week
    from hearth.rents.services.ledger import balance_mismatches
    from hearth.rents.services.payments import import_payments
    from hearth.tenancies.models import Tenancy

    print(f"database: {url.split('@')[-1]}")
    if url.startswith("postgres"):
        call_command("flush", "--no-input", verbosity=0)
    call_command("migrate", "--no-input", verbosity=0, skip_checks=True)
    n = args.tenancies
    started = time.perf_counter()
    estate = Estate.objects.create(ref="E1", name="Bench estate")
    blocks = Block.objects.bulk_create(
        [Block(ref=f"B{i}", estate=estate, name=f"Block {i}") for i in range(max(1, n // 100))]
    )
    homes = Home.objects.bulk_create(
        [Home(ref=f"H{i}", block=blocks[i % len(blocks)], address=f"{i} Bench Road", postcode="E5 0AA",
              weekly_rent=Decimal("100.00") + i % 60, weekly_service_charge=Decimal("6.85")) for i in range(n)],
        batch_size=5000,
    )  # fmt: skip
    # One tenancy in 50 starts in the week charged, so the pro-rata path is timed too.
    week = date(2026, 4, 13)
    Tenancy.objects.bulk_create(
        [Tenancy(ref=f"T{i:07d}", home=home, tenure="secure", start_date=week + timedelta(days=2) if i % 50 == 0 else date(2015, 4, 6))
         for i, home in enumerate(homes)],
        batch_size=5000,
    )  # fmt: skip
    print(f"{n} homes and tenancies made in {time.perf_counter() - started:.1f} s")

    def timed(label: str, fn):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        with transaction.atomic():
            result = fn()
        print(f"{label}: {time.perf_counter() - started:.1f} s ({result})")
        return result

    first = week - timedelta(days=7)
    timed("debit run, first week (opens every account)", lambda: post_week(week_commencing=first))
    # Nearly everyone pays; one tenancy in 33 does not, and falls into arrears next week.
    lines = ["bank_ref,date,amount,reference"] + [
        f"B{i},{first + timedelta(days=4)},{100 + i % 60 + Decimal('6.85')},T{i:07d}"
        for i in range(n)
        if i % 33
    ]
    data = ("\n".join(lines) + "\n").encode()
    timed(
        f"standing order file, {len(lines) - 1} rows",
        lambda: import_payments(kind="standing_order", data=data, filename="bench.csv"),
    )
    timed(
        "the same file again",
        lambda: import_payments(kind="standing_order", data=data, filename="bench.csv"),
    )
    timed("debit run, a week (3% fall into arrears)", lambda: post_week(week_commencing=week))
    timed("debit run, the same week again", lambda: post_week(week_commencing=week))
    started = time.perf_counter()
    wrong = len(balance_mismatches())
    print(f"balances checked against the ledger: {time.perf_counter() - started:.1f} s, {wrong} wrong, "
          f"{Transaction.objects.count()} transactions, {ArrearsCase.objects.count()} arrears cases")  # fmt: skip


if __name__ == "__main__":
    main()
