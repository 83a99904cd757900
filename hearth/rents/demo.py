"""Demo landlord: a year (or `ctx.years`) of rent. Every week's charges are posted by the real debit run's
row builder (with the April rent change and two rent-free weeks), tenants pay by every
channel, some fall behind and catch up, a few struggle; arrears are derived from the ledger
as in production, with contacts, cases, plans, letters, returned direct debits, suspense,
money advice offers and referrals, and last quarter's statements. Bulk inserts throughout."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from hearth.accounts.models import Role, User
from hearth.core import bulk
from hearth.core.demo import DemoContext, demo_step
from hearth.estates.models import Block, Home
from hearth.rents import (
    demo_review as demo_review,
)  # last April's rent review (order 97, after the staff exist)
from hearth.rents import episodes, ledger_days
from hearth.rents.bulk import insert_rows, update_rows
from hearth.rents.charges import RATES_BEGIN, RateBook
from hearth.rents.demo_casework import arrears_casework, money_advice, statements
from hearth.rents.demo_payments import (
    DESCRIPTION,
    KIND,
    SOURCE,
    Payer,
    make_payer,
    money,
    plan_payments,
)
from hearth.rents.models import (
    ArrearsCase,
    BenefitClaim,
    BenefitKind,
    ChargeRate,
    ClaimStatus,
    DirectDebitMandate,
    DirectDebitReturn,
    Kind,
    PostingBatch,
    RentAccount,
    RentFreeWeek,
    RentPolicy,
    ServiceChargeItem,
    Source,
    SuspenseItem,
    SuspenseStatus,
    Transaction,
)
from hearth.rents.services.accounts import ensure_accounts
from hearth.rents.services.arrears import refresh_cases
from hearth.rents.services.debit_run import (
    COLUMNS,
    charge_part_week,
    charge_whole_weeks_of_empty_ledger,
)
from hearth.rents.sums import pounds, sum_pence
from hearth.rents.weeks import mondays, rent_year_of, rent_year_start, week_commencing, week_ending

APRIL_RISE = Decimal("1.027")  # CPI + 1%, the social rent cap for 2025/26
GENERAL_ITEMS = [
    (
        "Cleaning",
        "Cleaning the stairs, landings, lifts and entrances, and emptying the bins in the bin store.",
    ),
    (
        "Communal lighting",
        "Electricity for the lights on stairs, landings, walkways and outside the block.",
    ),
    (
        "Grounds maintenance",
        "Cutting the grass, looking after trees and shrubs, and clearing litter on the estate.",
    ),
    ("Door entry", "Keeping the door entry system and fobs working, and repairing them."),
]
LIFT_ITEM = (
    "Lift maintenance",
    "Servicing the lifts, the emergency phone line in the lift and call-outs when it breaks down.",
)


@demo_step(order=30)
def rent_history(ctx: DemoContext) -> None:
    today = ctx.today
    # A year of history (or `ctx.years`): 52 weekly debit runs a year, up to today.
    first = week_commencing(today - timedelta(days=365 * ctx.years - 1))
    weeks = list(mondays(first, today))
    tick = ctx.tick("Rent: weekly charges and payments", len(weeks) + 6)
    with ledger_days.set_afterwards(connection):
        _history(ctx, weeks, first, tick)
    tick(1)


def _history(ctx: DemoContext, weeks: list[date], first: date, tick: Any) -> None:
    rng = ctx.rng
    today = ctx.today
    _policy()
    free = _rent_free_weeks(weeks)
    _service_charge_items()
    _rates(rent_year_start(rent_year_of(today)))
    ensure_accounts()
    rows = list(
        RentAccount.objects.order_by("pk").values_list(
            "pk", "tenancy__start_date", "tenancy__end_date", "tenancy__home_id"
        )
    )
    book = RateBook.load()
    now = timezone.now()
    # Every week's debit run at once: one statement per kind for the whole weeks of every
    # tenancy (nearly all charges), then each week's part weeks (moves in and out, the April
    # rent change) as the weekly run charges them.
    charged = [monday for monday in weeks if monday not in free]
    created = PostingBatch.objects.bulk_create(
        [PostingBatch(source=Source.DEBIT_RUN, week_commencing=monday) for monday in charged]
    )
    batches = {monday: batch.pk for monday, batch in zip(charged, created, strict=True)}
    with bulk.indexes_built_afterwards(Transaction):
        charge_whole_weeks_of_empty_ledger(batches, now)
        tick(1)
        for monday in weeks:
            if monday in batches:
                charge_part_week(monday, batches[monday], now, look_for_charged=False)
            tick(1)
        payers = _payments(ctx, book, rows, first, now)
    tick(1)
    _set_up_channels(rng, payers)
    _balances()
    tick(1)
    episodes.refresh(None)
    arrears_casework(ctx, rng, first)
    money_advice(ctx, rng)
    statements(today)
    _batch_counts()
    tick(1)


def _payments(
    ctx: DemoContext, book: RateBook, rows: list[Any], first: date, now: Any
) -> list[Payer]:
    rng, today = ctx.rng, ctx.today
    payers = [
        make_payer(
            rng,
            pk,
            book.weekly_total(home, min(end, today) if end else today),
            start,
            end,
            first,
            today,
        )
        for pk, start, end, home in rows
        if start <= today and (end is None or end >= first)
    ]
    for payer in payers:
        plan_payments(payer, rng)
    _post_payments(ctx, payers, first, now)
    return payers


@demo_step(order=96)
def income_officers(ctx: DemoContext) -> None:
    """Every rent account and arrears case to the demo income officer."""
    officer = User.objects.filter(role=Role.INCOME_OFFICER, is_active=True).order_by("pk").first()
    if officer is None:
        return
    RentAccount.objects.update(income_officer=officer)
    ArrearsCase.objects.update(owner=officer)
    refresh_cases(today=ctx.today)


def _policy() -> None:
    policy = RentPolicy.current()
    policy.bank_account_name = "Clapton Park MO rent account"
    policy.bank_sort_code = "60-83-71"
    policy.bank_account_number = "31926819"
    policy.online_payment_url = "https://pay.cpmo.example.org/rent"
    policy.paypoint_help = "Find your nearest PayPoint at paypoint.com/storelocator."
    policy.save()


def _rent_free_weeks(weeks: list[date]) -> set[date]:
    """Two rent-free weeks a year: the week with Christmas Day and the last week of March."""
    free = {}
    for monday in weeks:
        sunday = week_ending(monday)
        if any(
            day.month == 12 and day.day == 25
            for day in (monday + timedelta(days=n) for n in range(7))
        ):
            free[monday] = "Christmas week"
        elif monday.month == 3 and (sunday.month == 4 or (monday + timedelta(days=7)).month == 4):
            free[monday] = "Last week of March"
    bulk.insert(
        RentFreeWeek,
        [RentFreeWeek(week_commencing=m, reason=r) for m, r in free.items()],
        ignore_conflicts=True,
    )
    return set(free)


def _service_charge_items() -> None:
    items = [ServiceChargeItem(name=name, pays_for=text) for name, text in GENERAL_ITEMS]
    for block in Block.objects.filter(has_lift=True).only("pk"):
        items.append(
            ServiceChargeItem(
                block=block, name=LIFT_ITEM[0], pays_for=LIFT_ITEM[1], weekly_amount=Decimal("2.65")
            )
        )
    bulk.insert(ServiceChargeItem, items)


def _rates(april: date) -> None:
    """The homes register holds this year's rents; last year's were 2.7% lower."""
    rows = []
    for pk, rent, service in Home.objects.values_list(
        "pk", "weekly_rent", "weekly_service_charge"
    ).iterator(chunk_size=5000):
        rows.append(
            ChargeRate(
                home_id=pk,
                effective_from=RATES_BEGIN,
                weekly_rent=money(rent / APRIL_RISE),
                weekly_service_charge=service,
                reason="2024/25 rent",
            )
        )
        rows.append(
            ChargeRate(
                home_id=pk,
                effective_from=april,
                weekly_rent=rent,
                weekly_service_charge=service,
                reason=f"{april.year}/{(april.year + 1) % 100:02d} rent change",
            )
        )
    bulk.insert(ChargeRate, rows, ignore_conflicts=True)


def _post_payments(ctx: DemoContext, payers: list[Payer], first: date, now: Any) -> None:
    rng = ctx.rng
    batches = {
        channel: PostingBatch.objects.create(
            source=source, filename=f"demo-{channel.replace('_', '-')}.csv"
        )
        for channel, source in SOURCE.items()
    }
    forward = PostingBatch.objects.create(
        source=Source.DEMO, filename="balances-brought-forward.csv"
    )
    rows: list[tuple[Any, ...]] = []
    suspense: list[SuspenseItem] = []
    returns: list[tuple[str, Payer, date, Decimal]] = []
    counter = 0
    for payer in payers:
        if payer.brought_forward and payer.start == first:
            counter += 1
            rows.append(
                (
                    f"BF{counter:08d}",
                    payer.account_id,
                    first,
                    Kind.ADJUSTMENT,
                    payer.brought_forward,
                    "Balance brought forward",
                    None,
                    Source.DEMO.value,
                    "",
                    forward.pk,
                    now,
                )
            )
        for day, amount in payer.payments:
            counter += 1
            ref = f"P{counter:08d}"
            source = SOURCE[payer.channel]
            source_ref = f"DEMO-{counter:08d}"
            if payer.channel == "standing_order" and rng.random() < 0.004:
                allocated = day < ctx.today - timedelta(days=14)
                suspense.append(SuspenseItem(source=source, source_ref=source_ref, batch=batches[payer.channel], kind=Kind.PAYMENT_STANDING_ORDER, received_on=day, amount=-amount,
                                             payer_name="MR J SMITH" if rng.random() < 0.5 else "A TENANT", payer_reference=rng.choice(["RENT", "FLAT 12 RENT", "T00O12", "HOUSING"]),
                                             reason="No rent account's payment reference is in the payer's reference",
                                             status=SuspenseStatus.ALLOCATED if allocated else SuspenseStatus.OPEN, account_id=payer.account_id if allocated else None,
                                             resolved_at=now if allocated else None))  # fmt: skip
                if not allocated:
                    continue
            rows.append(
                (
                    ref,
                    payer.account_id,
                    day,
                    KIND[payer.channel],
                    -amount,
                    DESCRIPTION[payer.channel],
                    None,
                    source.value,
                    source_ref,
                    batches[payer.channel].pk,
                    now,
                )
            )
            if payer.channel == "direct_debit" and rng.random() < 0.01:
                returns.append((ref, payer, day + timedelta(days=rng.randint(3, 5)), amount))
        if len(rows) > 50_000:
            insert_rows(Transaction, COLUMNS, rows)
            rows = []
    insert_rows(Transaction, COLUMNS, rows)
    bulk.insert(SuspenseItem, suspense)
    _returns(ctx, [r for r in returns if r[2] <= ctx.today], now)


def _returns(ctx: DemoContext, returns: list[tuple[str, Payer, date, Decimal]], now: Any) -> None:
    """About 1 in 100 direct debits came back unpaid: reversed, most followed up."""
    if not returns:
        return
    originals = dict(
        Transaction.objects.filter(ref__in=[r[0] for r in returns]).values_list("ref", "pk")
    )
    batch = PostingBatch.objects.create(
        source=Source.DIRECT_DEBIT_RETURNS, filename="demo-direct-debit-returns.csv"
    )
    reversals = [
        Transaction(
            ref=f"R{ref}",
            account_id=payer.account_id,
            date=day,
            kind=Kind.PAYMENT_REVERSAL,
            amount=amount,
            description="Direct debit returned by your bank: refer to payer",
            source=Source.DIRECT_DEBIT_RETURNS,
            source_ref=f"RET-{ref}",
            batch=batch,
            reverses_id=originals.get(ref),
            created_at=now,
        )
        for ref, payer, day, amount in returns
    ]
    bulk.insert(Transaction, reversals)
    recent = ctx.today - timedelta(days=10)
    bulk.insert(
        DirectDebitReturn,
        [
            DirectDebitReturn(
                account_id=r.account_id,
                return_ref=r.source_ref,
                reason_code="0",
                reason="Refer to payer",
                returned_on=r.date,
                original_id=r.reverses_id,
                reversal=r,
                followed_up_at=None if r.date >= recent else now,
            )
            for r in reversals
        ],
    )


def _set_up_channels(rng: random.Random, payers: list[Payer]) -> None:
    """Mandates for direct debit payers, payment cards for PayPoint payers, claims for
    benefit payers."""
    mandates, claims, cards, hb = [], [], [], []
    for payer in payers:
        if payer.channel == "direct_debit":
            mandates.append(DirectDebitMandate(account_id=payer.account_id, reference=f"CPMO{payer.account_id:08d}", account_holder="Account holder",
                                               bank_account_ending=f"{rng.randint(0, 9999):04d}", collection_day=payer.collection_day, started_on=payer.start))  # fmt: skip
        elif payer.channel == "paypoint":
            cards.append((payer.account_id, f"633829{payer.account_id:013d}"))
        elif payer.channel in ("universal_credit", "housing_benefit"):
            kind = (
                BenefitKind.UNIVERSAL_CREDIT
                if payer.channel == "universal_credit"
                else BenefitKind.HOUSING_BENEFIT
            )
            reference = (
                f"HB{4000000 + payer.account_id}" if kind == BenefitKind.HOUSING_BENEFIT else ""
            )
            claims.append(BenefitClaim(account_id=payer.account_id, kind=kind, status=ClaimStatus.AWARDED, claimed_on=payer.start - timedelta(days=rng.randint(30, 700)),
                                       decided_on=payer.start - timedelta(days=rng.randint(1, 29)), reference=reference, paid_to_landlord=True))  # fmt: skip
            if reference:
                hb.append((payer.account_id, reference))
    bulk.insert(DirectDebitMandate, mandates)
    bulk.insert(BenefitClaim, claims)
    accounts = RentAccount.objects.in_bulk([a for a, _ in cards + hb])
    for account_id, number in cards:
        accounts[account_id].paypoint_card_number = number
    for account_id, reference in hb:
        accounts[account_id].housing_benefit_claim_ref = reference
    bulk.update_columns(
        RentAccount, list(accounts.values()), ["paypoint_card_number", "housing_benefit_claim_ref"]
    )


def _balances() -> None:
    """Every balance from one pass over the ledger (a sum per account), written in one go."""
    totals = Transaction.objects.values_list("account_id").annotate(total=sum_pence())
    update_rows(
        RentAccount,
        ["balance"],
        [(pounds(total), pk) for pk, total in totals.values_list("account_id", "total")],
    )


def _batch_counts() -> None:
    summary = Transaction.objects.filter(batch__isnull=False).values("batch").annotate(
        transactions=Count("pk"), accounts=Count("account", distinct=True), total=sum_pence(),
        rent=sum_pence(filter=Q(kind=Kind.RENT)), service=sum_pence(filter=Q(kind=Kind.SERVICE_CHARGE)),
    )  # fmt: skip
    batches = PostingBatch.objects.in_bulk()
    kinds: Counter[int] = Counter(
        dict(
            SuspenseItem.objects.values_list("batch")
            .annotate(n=Count("pk"))
            .values_list("batch", "n")
        )
    )
    for row in summary:
        batch = batches[row["batch"]]
        if batch.source == Source.DEBIT_RUN:
            batch.counts = {
                "transactions": row["transactions"],
                "accounts": row["accounts"],
                "rent": str(pounds(row["rent"])),
                "service_charge": str(pounds(row["service"])),
            }
        else:
            batch.counts = {
                "rows": row["transactions"] + kinds[batch.pk],
                "posted": row["transactions"],
                "to_suspense": kinds[batch.pk],
                "already_imported": 0,
                "total": str(-pounds(row["total"])),
            }
    bulk.update_columns(PostingBatch, list(batches.values()), ["counts"])
