"""The weekly debit run: charge every current tenancy its rent and service charge for a rent
week, in bulk.

- Each tenancy is charged once per week and kind: a unique constraint on (account, kind,
  week) makes a second run (or a run racing this one) charge nothing more, and a week that
  already has a charge of that kind from anywhere else (an imported ledger) is left alone.
- A tenancy that starts or ends during the week pays for its days only: each day costs a
  seventh of the weekly rate in force that day (so a mid-week rate change is split too),
  rounded once to the penny. The charge is dated the first day charged: the Monday, or the
  start date.
- Rent-free weeks (and, if the rent policy says so, the 53rd week of a 53-week rent year)
  charge nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from hearth.core import timeline
from hearth.rents.bulk import insert_rows
from hearth.rents.charges import RateBook
from hearth.rents.models import (
    CHARGE_KINDS,
    ZERO,
    FiftyThirdWeek,
    Kind,
    PostingBatch,
    RentAccount,
    RentFreeWeek,
    RentPolicy,
    Source,
    Transaction,
)
from hearth.rents.services.accounts import ensure_accounts
from hearth.rents.services.ledger import add_to_balances, after_posting
from hearth.rents.weeks import chargeable_days, is_fifty_third_week, pro_rata, week_ending
from hearth.tenancies.models import Tenancy

COLUMNS = (
    "ref",
    "account_id",
    "date",
    "kind",
    "amount",
    "description",
    "week_commencing",
    "source",
    "source_ref",
    "batch_id",
    "created_at",
)
_CODE = {Kind.RENT: "R", Kind.SERVICE_CHARGE: "S"}
# Above this many accounts, the arrears refresh walks every account rather than a list.
_REFRESH_ALL_FROM = 5000


@dataclass
class DebitRun:
    week_commencing: date
    rent_free: str = ""
    accounts: int = 0
    transactions: int = 0
    totals: dict[str, Decimal] = field(default_factory=dict)
    batch: PostingBatch | None = None

    def __str__(self) -> str:
        when = f"week commencing {self.week_commencing:%d %B %Y}"
        if self.rent_free:
            return f"{when}: rent-free ({self.rent_free}), nothing charged"
        money = ", ".join(f"{Kind(k).label.lower()} £{v}" for k, v in self.totals.items())
        return f"{when}: {self.transactions} charges to {self.accounts} accounts" + (
            f" ({money})" if money else ""
        )


def rent_free_reason(monday: date) -> str:
    """Why no rent is charged for this week, or "" when it is charged."""
    week = RentFreeWeek.objects.filter(week_commencing=monday).first()
    if week is not None:
        return week.reason or "a rent-free week"
    if is_fifty_third_week(monday) and RentPolicy.current().fifty_third_week == FiftyThirdWeek.FREE:
        return "the 53rd week of the rent year"
    return ""


def _week_description(kind: str, monday: date, days: int) -> str:
    what = Kind(kind).label
    text = f"{what} for the week commencing {monday:%d %B %Y}"
    return text if days == 7 else f"{text} ({days} day{'s' if days != 1 else ''})"


@transaction.atomic
def post_week(*, week_commencing: date, actor: Any = None) -> DebitRun:
    """Charge every tenancy current on any day of the week commencing `week_commencing`."""
    monday = week_commencing
    if monday.weekday() != 0:
        raise ValidationError(
            {
                "week_commencing": f"{monday:%A %d %B %Y} is not a Monday: rent weeks start on Monday."
            }
        )
    result = DebitRun(monday)
    result.rent_free = rent_free_reason(monday)
    if result.rent_free:
        return result
    sunday = week_ending(monday)
    current = Q(tenancy__start_date__lte=sunday) & (
        Q(tenancy__end_date__isnull=True) | Q(tenancy__end_date__gte=monday)
    )
    without_account = Tenancy.objects.filter(
        rent_account__isnull=True, start_date__lte=sunday
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=monday))
    ensure_accounts(without_account.values_list("pk", flat=True))
    accounts = list(
        RentAccount.objects.filter(current).values_list(
            "pk", "tenancy__start_date", "tenancy__end_date", "tenancy__home_id"
        )
    )
    charged = set(
        Transaction.objects.filter(kind__in=CHARGE_KINDS, date__range=(monday, sunday)).values_list(
            "account_id", "kind"
        )
    )
    book = RateBook.load(None if len(accounts) > _REFRESH_ALL_FROM else {a[3] for a in accounts})
    batch = PostingBatch.objects.create(
        source=Source.DEBIT_RUN,
        week_commencing=monday,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    now = timezone.now()
    rows = []
    for account_id, start, end, home_id in accounts:
        days = chargeable_days(monday, start, end)
        if not days:
            continue
        rates = [book.rates_on(home_id, day) for day in days]
        for index, kind in enumerate(CHARGE_KINDS):
            if (account_id, kind) in charged:
                continue
            amount = pro_rata([rate[index] for rate in rates])
            if amount <= 0:
                continue
            rows.append(
                (
                    f"W{monday:%Y%m%d}-{_CODE[Kind(kind)]}-{account_id}",
                    account_id,
                    days[0],
                    kind,
                    amount,
                    _week_description(kind, monday, len(days)),
                    monday,
                    Source.DEBIT_RUN.value,
                    "",
                    batch.pk,
                    now,
                )
            )
    if not insert_rows(Transaction, COLUMNS, rows):
        batch.delete()
        return result
    add_to_balances(batch)
    summary = Transaction.objects.filter(batch=batch).aggregate(
        transactions=Count("pk"),
        accounts=Count("account_id", distinct=True),
        rent=Sum("amount", filter=Q(kind=Kind.RENT)),
        service_charge=Sum("amount", filter=Q(kind=Kind.SERVICE_CHARGE)),
    )
    result.batch = batch
    result.transactions = summary["transactions"]
    result.accounts = summary["accounts"]
    result.totals = {
        Kind.RENT: summary["rent"] or ZERO,
        Kind.SERVICE_CHARGE: summary["service_charge"] or ZERO,
    }
    batch.counts = {
        "transactions": result.transactions,
        "accounts": result.accounts,
        "rent": str(result.totals[Kind.RENT]),
        "service_charge": str(result.totals[Kind.SERVICE_CHARGE]),
    }
    batch.save(update_fields=["counts"])
    timeline.record(batch, verb="posted", summary=f"Debit run: {result}", actor=actor)
    charged_ids = {row[1] for row in rows}
    after_posting(None if len(charged_ids) > _REFRESH_ALL_FROM else charged_ids, since=monday)
    return result


def post_weeks(*, start: date, end: date, actor: Any = None) -> list[DebitRun]:
    """Run every week from the one containing `start` to the one containing `end`."""
    runs = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        runs.append(post_week(week_commencing=monday, actor=actor))
        monday += timedelta(days=7)
    return runs
