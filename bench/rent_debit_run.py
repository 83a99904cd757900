"""Rent benchmark: the weekly debit run, the arrears refresh after it, and a payment file,
for a landlord of N tenancies (`.venv/bin/python bench/rent_debit_run.py [--tenancies N]`).

Builds bare homes and tenancies in bulk into a fresh database (a temporary SQLite file, or
the PostgreSQL database named by BENCH_DATABASE_URL, which is emptied first), then times:
the first run of a week (which opens every rent account), a standing order file paying
nearly every account (and the same file again, which must post nothing), the next week's run
(in which one tenancy in 33 falls into arrears and gets a case), and that week again (which
must charge nothing); then the reference, the same charges for the week after written by
hand in SQL and rolled back, and Hearth's run as a multiple of it. Each figure is printed
with the 1-minute load average. Results are recorded by hand in BENCHMARKS.md.
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

    took: dict[str, float] = {}

    def timed(label: str, fn):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        with transaction.atomic():
            result = fn()
        took[label] = time.perf_counter() - started
        print(f"{label}: {took[label]:.1f} s ({result}) [load {os.getloadavg()[0]:.1f}]")
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
    steps = StepTimer()
    label = "debit run, a week (3% fall into arrears)"
    run = timed(label, lambda: steps.around(post_week, week))
    print(f"  of which: {steps}; {run.transactions} charges")
    timed("debit run, the same week again", lambda: post_week(week_commencing=week))
    # The reference charges the week after, so that its rolled-back rows (dead index entries
    # under the same keys) are not in the way of Hearth's run.
    reference, rows = bare_insert_select(week + timedelta(days=7))
    print(f"reference: bare INSERT ... SELECT of a week's {rows} charges plus the balance update "
          f"and the constraint checks a commit makes (rolled back): {reference:.1f} s "
          f"[load {os.getloadavg()[0]:.1f}]")  # fmt: skip
    print(f"Hearth's weekly run / reference: {took[label] / reference:.1f}x")
    started = time.perf_counter()
    wrong = len(balance_mismatches())
    print(f"balances checked against the ledger: {time.perf_counter() - started:.1f} s, {wrong} wrong, "
          f"{Transaction.objects.count()} transactions, {ArrearsCase.objects.count()} arrears cases")  # fmt: skip


class StepTimer:
    """Times the debit run's steps (by wrapping the functions `post_week` calls)."""

    STEPS = ("ensure_accounts", "charge_and_add", "charge_week", "add_to_balances", "after_posting")

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def around(self, post_week, week: date):  # type: ignore[no-untyped-def]
        from hearth.rents import episodes
        from hearth.rents.services import arrears, debit_run

        originals = {name: getattr(debit_run, name) for name in self.STEPS}
        more = {
            (episodes, "may_change"): episodes.may_change,
            (episodes, "refresh"): episodes.refresh,
            (arrears, "sync_cases"): arrears.sync_cases,
        }
        for name, fn in originals.items():
            setattr(debit_run, name, self._timed(name, fn))
        for (module, name), fn in more.items():
            setattr(module, name, self._timed(name, fn))
        try:
            return post_week(week_commencing=week)
        finally:
            for name, fn in originals.items():
                setattr(debit_run, name, fn)
            for (module, name), fn in more.items():
                setattr(module, name, fn)

    def _timed(self, name: str, fn):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    def __str__(self) -> str:
        return ", ".join(f"{name} {took:.1f} s" for name, took in self.seconds.items())


def bare_insert_select(monday: date) -> tuple[float, int]:
    """The floor for a week's run: every current tenancy's rent and service charge inserted by
    one INSERT ... SELECT from the homes' weekly figures (no rate history, no part weeks, no
    arrears), and the balances updated by one UPDATE; timed, then rolled back. The rows are
    the ones Hearth writes (the same columns, a posting batch, the same description), and
    on PostgreSQL the clock stops after the deferred foreign key checks that Hearth's run
    pays at its commit (`SET CONSTRAINTS ALL IMMEDIATE`). Returns (seconds, rows)."""
    from django.db import connection, transaction

    from hearth.estates.models import Home
    from hearth.rents.models import PostingBatch, RentAccount, Source, Transaction
    from hearth.tenancies.models import Tenancy

    quote = connection.ops.quote_name
    tx, account = quote(Transaction._meta.db_table), quote(RentAccount._meta.db_table)
    tenancy, home = quote(Tenancy._meta.db_table), quote(Home._meta.db_table)
    day = connection.ops.adapt_datefield_value(monday)
    sunday = connection.ops.adapt_datefield_value(monday + timedelta(days=6))
    current = "t.start_date <= %s AND (t.end_date IS NULL OR t.end_date >= %s)"
    insert = f"""
        INSERT INTO {tx} (ref, account_id, date, kind, amount, description, week_commencing,
                          source, source_ref, batch_id, created_at)
        SELECT 'REF-' || k.code || '-' || CAST(a.id AS VARCHAR(20)), a.id, %s, k.kind,
               CASE k.kind WHEN 'rent' THEN h.weekly_rent ELSE h.weekly_service_charge END,
               k.code || %s, %s, 'debit_run', '', %s, CURRENT_TIMESTAMP
        FROM {account} a JOIN {tenancy} t ON t.id = a.tenancy_id
        JOIN {home} h ON h.id = t.home_id
        CROSS JOIN (SELECT 'rent' AS kind, 'Rent' AS code
                    UNION ALL SELECT 'service_charge', 'Service charge') k
        WHERE {current}
          AND CASE k.kind WHEN 'rent' THEN h.weekly_rent ELSE h.weekly_service_charge END > 0
    """
    update = f"""
        UPDATE {account} SET balance = {account}.balance + h.weekly_rent + h.weekly_service_charge
        FROM {tenancy} t JOIN {home} h ON h.id = t.home_id
        WHERE t.id = {account}.tenancy_id AND {current}
    """

    class RolledBack(Exception):
        pass

    words = f" for the week commencing {monday:%-d %B %Y}"
    started = time.perf_counter()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            batch = PostingBatch.objects.create(source=Source.DEBIT_RUN, week_commencing=monday)
            cursor.execute(insert, [day, words, day, batch.pk, sunday, day])
            rows = cursor.rowcount
            cursor.execute(update, [sunday, day])
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            took = time.perf_counter() - started
            raise RolledBack
    except RolledBack:
        pass
    return took, rows


if __name__ == "__main__":
    main()
