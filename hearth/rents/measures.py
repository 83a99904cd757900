"""The rent and arrears measures (measures spec, "Tenancy standard: rent and arrears"), each
from one aggregate query.

Choices where the spec is silent (also in docs/rent.md):
- `arrears.contacted_in_5_days` counts outbound contacts only (`hearth.contacts.queries.
  contacted`), with channel letter, phone, text, email or visit and purpose "arrears".
- `tenancy.money_advice_offered` follows the spec's convention for "within N working days
  of D": a money advice contact dated on or before the due date counts, so an offer made at
  sign-up, before the tenancy starts, counts.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.urls import reverse

from hearth.contacts.models import ContactChannel, Purpose
from hearth.contacts.queries import contacted
from hearth.core.calendar_sql import add_working_days
from hearth.core.measures import (
    CaseRow,
    Counts,
    Period,
    Scope,
    computes,
    lists_cases,
    scope_through,
)
from hearth.rents.models import (
    CHARGE_KINDS,
    COLLECTED_KINDS,
    ArrearsEpisode,
    LedgerDay,
    RentAccount,
    Transaction,
)
from hearth.rents.rules import FIRST_CONTACT_WORKING_DAYS, MONEY_ADVICE_WORKING_DAYS
from hearth.rents.sums import pounds, sum_pence
from hearth.tenancies.models import Tenancy

ARREARS_CONTACT_CHANNELS = [
    ContactChannel.LETTER,
    ContactChannel.PHONE,
    ContactChannel.TEXT,
    ContactChannel.EMAIL,
    ContactChannel.VISIT,
]


# The estate or block a measure is being counted for (set only while a scoped count runs).
_scope: ContextVar[Scope | None] = ContextVar("rents_measure_scope", default=None)


def _in_scope(rows: QuerySet[Any], tenancy: str) -> QuerySet[Any]:
    """Only the rows whose tenancy's home is in the block or estate being counted."""
    scope = _scope.get()
    if scope is not None and scope.block_id is not None:
        return rows.filter(**{f"{tenancy}home__block_id": scope.block_id})
    if scope is not None and scope.estate_id is not None:
        return rows.filter(**{f"{tenancy}home__block__estate_id": scope.estate_id})
    return rows


@computes("rent.collected")
def rent_collected(period: Period) -> Counts:
    """-(payments, benefits and payment reversals dated in period) / (rent and service
    charges dated in period). Write-offs and adjustments are left out of both; a reversal is
    positive, so it takes back what its payment counted. Summed from the ledger's day totals
    (`LedgerDay`, kept on write), a few rows a day rather than every transaction; counted for an
    estate or block, from that block's transactions."""
    if _scope.get() is not None:
        totals = _in_scope(
            Transaction.objects.filter(date__range=(period.start, period.end)), "account__tenancy__"
        ).aggregate(
            credits=sum_pence(filter=Q(kind__in=COLLECTED_KINDS)),
            charges=sum_pence(filter=Q(kind__in=CHARGE_KINDS)),
        )
        return Counts(-pounds(totals["credits"]), pounds(totals["charges"]))
    totals = LedgerDay.objects.filter(date__range=(period.start, period.end)).aggregate(
        credits=Sum("pence", filter=Q(kind__in=COLLECTED_KINDS)),
        charges=Sum("pence", filter=Q(kind__in=CHARGE_KINDS)),
    )
    return Counts(-pounds(totals["credits"]), pounds(totals["charges"]))


def _scoped_current_arrears(to: date) -> Counts:
    """`rent.current_arrears` for the estate or block being counted: a few hundred accounts,
    each balance summed from its own ledger up to `to`."""
    balance = Subquery(
        Transaction.objects.filter(account=OuterRef("pk"), date__lte=to)
        .values("account")
        .annotate(total=sum_pence())
        .values("total")
    )
    current = (
        _in_scope(RentAccount.objects.all(), "tenancy__")
        .filter(tenancy__start_date__lte=to)
        .filter(Q(tenancy__end_date__isnull=True) | Q(tenancy__end_date__gte=to))
    )
    owed = current.annotate(balance_at_end=balance).aggregate(
        total=Sum("balance_at_end", filter=Q(balance_at_end__gt=0))
    )["total"]
    year = _in_scope(
        Transaction.objects.filter(
            kind__in=CHARGE_KINDS, date__range=(to - timedelta(days=364), to)
        ),
        "account__tenancy__",
    ).aggregate(total=sum_pence())["total"]
    return Counts(pounds(owed), pounds(year))


@computes("rent.current_arrears")
def rent_current_arrears(period: Period) -> Counts:
    """Positive balances at `to` of tenancies current at `to` / rent and service charges
    dated in the 365 days ending at `to`.

    One statement, with no sum per account: an account's balance at `to` is its balance kept
    on write (`RentAccount.balance`, which every posting path keeps equal to the ledger) less
    what was posted after `to`, both grouped by account in one pass (no join); the
    year's charges come from the ledger's day totals (`LedgerDay`). Counted for an estate or
    block, from that block's own accounts and transactions (`_scoped_current_arrears`)."""
    to = period.end
    if _scope.get() is not None:
        return _scoped_current_arrears(to)
    quote = connection.ops.quote_name
    accounts = quote(RentAccount._meta.db_table)
    ledger = quote(Transaction._meta.db_table)
    days = quote(LedgerDay._meta.db_table)
    tenancies = quote(Tenancy._meta.db_table)
    kinds = ", ".join(["%s"] * len(CHARGE_KINDS))
    # Each current account's balance kept on write, and minus each transaction dated after
    # `to`, grouped by account in one pass: no join between the accounts and the later rows,
    # which SQLite, with no statistics, ran as a scan of the later rows for every account
    # (minutes at 100,000 homes for a period ending months before the last posting).
    sql = (
        "SELECT "  # noqa: S608 (table names from the models, values as parameters)
        "(SELECT SUM(at_to) FROM (SELECT SUM(pence) AS at_to, MAX(is_current) AS is_current "
        "FROM (SELECT a.id AS account_id, CAST(ROUND(a.balance * 100) AS BIGINT) AS pence, "
        "1 AS is_current "
        f"FROM {accounts} a JOIN {tenancies} t ON t.id = a.tenancy_id "
        "WHERE t.start_date <= %s AND (t.end_date IS NULL OR t.end_date >= %s) "
        "UNION ALL SELECT account_id, -CAST(ROUND(amount * 100) AS BIGINT), 0 "
        f"FROM {ledger} WHERE date > %s) balance_parts GROUP BY account_id) balances "
        "WHERE is_current = 1 AND at_to > 0), "
        f"(SELECT SUM(pence) FROM {days} WHERE kind IN ({kinds}) AND date >= %s AND date <= %s)"
    )
    ops = connection.ops
    params = [
        ops.adapt_datefield_value(to),
        ops.adapt_datefield_value(to),
        ops.adapt_datefield_value(to),
        *CHARGE_KINDS,
        ops.adapt_datefield_value(to - timedelta(days=364)),
        ops.adapt_datefield_value(to),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        owed, year = cursor.fetchone()
    return Counts(pounds(owed), pounds(year))


@computes("arrears.contacted_in_5_days")
def arrears_contacted_in_5_days(period: Period) -> Counts:
    """Dates accounts fell into arrears in period whose 5-working-day deadline is on or
    before `to`: % with an arrears contact on or after that date and by the deadline."""
    counts = _episodes(period).aggregate(
        numerator=Count("pk", filter=Q(contacted=True)), denominator=Count("pk")
    )
    return Counts(counts["numerator"], counts["denominator"])


def _episodes(period: Period) -> QuerySet[ArrearsEpisode]:
    return (
        _in_scope(ArrearsEpisode.objects.all(), "account__tenancy__")
        .filter(started_on__range=(period.start, period.end))
        .annotate(due=add_working_days("started_on", FIRST_CONTACT_WORKING_DAYS))
        .filter(due__lte=period.end)
        .annotate(
            contacted=contacted(
                "tenancy",
                case_ref_field="account__tenancy__ref",
                purposes=[Purpose.ARREARS],
                window=Q(
                    channel__in=ARREARS_CONTACT_CHANNELS,
                    contacted_on__gte=OuterRef("started_on"),
                    contacted_on__lte=OuterRef("due"),
                ),
            )
        )
    )


@computes("tenancy.money_advice_offered")
def money_advice_offered(period: Period) -> Counts:
    """Tenancies started in period: % with a money advice contact within 20 working days of
    the start."""
    counts = _new_tenancies(period).aggregate(
        numerator=Count("pk", filter=Q(offered=True)), denominator=Count("pk")
    )
    return Counts(counts["numerator"], counts["denominator"])


def _new_tenancies(period: Period) -> QuerySet[Tenancy]:
    return (
        _in_scope(Tenancy.objects.all(), "")
        .filter(start_date__range=(period.start, period.end))
        .annotate(due=add_working_days("start_date", MONEY_ADVICE_WORKING_DAYS))
        .annotate(
            offered=contacted(
                "tenancy",
                purposes=[Purpose.MONEY_ADVICE],
                window=Q(contacted_on__lte=OuterRef("due")),
            )
        )
    )


# The cases behind each figure, for the performance dashboard's drill-down (auditors). Money
# measures list each rent account with `amount` its part of the numerator.


def _account_row(tenancy_id: int, ref: str, summary: str, counted: bool = True, amount: Any = None) -> CaseRow:  # fmt: skip
    return CaseRow(
        ref=ref, summary=summary, url=reverse("rents:account", args=[tenancy_id]),
        counted=counted, amount=amount,
    )  # fmt: skip


@lists_cases("rent.collected")
def rent_collected_cases(period: Period) -> list[CaseRow]:
    """Each account with rent charged or money collected in the period: `amount` is what was
    collected (the numerator's part); the summary gives what was charged (the denominator's)."""
    rows = (
        _in_scope(
            Transaction.objects.filter(date__range=(period.start, period.end)), "account__tenancy__"
        )
        .values("account__tenancy_id", "account__tenancy__ref")
        .annotate(
            credits=sum_pence(filter=Q(kind__in=COLLECTED_KINDS)),
            charges=sum_pence(filter=Q(kind__in=CHARGE_KINDS)),
        )
        .filter(Q(credits__isnull=False) | Q(charges__isnull=False))
        .order_by("account__tenancy__ref")
    )
    return [
        _account_row(
            row["account__tenancy_id"], row["account__tenancy__ref"],
            f"Charged £{pounds(row['charges']):,}, collected £{-pounds(row['credits']):,}",
            amount=-pounds(row["credits"]),
        )
        for row in rows
    ]  # fmt: skip


@lists_cases("rent.current_arrears")
def rent_current_arrears_cases(period: Period) -> list[CaseRow]:
    """Each tenancy current at `to` owing money at `to` (`amount`: its balance, the
    numerator's part), then the year's rent and service charges (the denominator)."""
    to = period.end
    balance = Subquery(
        Transaction.objects.filter(account=OuterRef("pk"), date__lte=to)
        .values("account")
        .annotate(total=sum_pence())
        .values("total")
    )
    owing = (
        _in_scope(RentAccount.objects.all(), "tenancy__")
        .filter(tenancy__start_date__lte=to)
        .filter(Q(tenancy__end_date__isnull=True) | Q(tenancy__end_date__gte=to))
        .annotate(balance_at_end=balance)
        .filter(balance_at_end__gt=0)
        .order_by("tenancy__ref")
        .values_list("tenancy_id", "tenancy__ref", "balance_at_end")
    )
    rows = [
        _account_row(tenancy_id, ref, f"Owed £{pounds(owed):,} at {to:%d/%m/%Y}", amount=pounds(owed))
        for tenancy_id, ref, owed in owing
    ]  # fmt: skip
    year = _in_scope(
        Transaction.objects.filter(
            kind__in=CHARGE_KINDS, date__range=(to - timedelta(days=364), to)
        ),
        "account__tenancy__",
    ).aggregate(total=sum_pence())["total"]
    rows.append(
        CaseRow(
            ref="charges",
            summary="Rent and service charges dated in the 365 days to the end",
            counted=False,
            amount=pounds(year),
        )
    )
    return rows


@lists_cases("arrears.contacted_in_5_days")
def arrears_contacted_cases(period: Period) -> list[CaseRow]:
    rows = _episodes(period).order_by("started_on", "pk").select_related("account__tenancy")
    return [
        _account_row(
            e.account.tenancy_id, e.account.tenancy.ref,
            f"Fell into arrears {e.started_on:%d/%m/%Y}, contact due {e.due:%d/%m/%Y}",  # type: ignore[attr-defined]
            counted=bool(e.contacted),  # type: ignore[attr-defined]
        )
        for e in rows
    ]  # fmt: skip


@lists_cases("tenancy.money_advice_offered")
def money_advice_cases(period: Period) -> list[CaseRow]:
    return [
        _account_row(
            t.pk, t.ref, f"Started {t.start_date:%d/%m/%Y}, advice due {t.due:%d/%m/%Y}",  # type: ignore[attr-defined]
            counted=bool(t.offered),  # type: ignore[attr-defined]
        )
        for t in _new_tenancies(period).order_by("start_date", "ref")
    ]  # fmt: skip


# Every rent measure can be counted for one estate or block: the same query over the
# tenancies (and their accounts) of homes there, and so its case list.
scope_through(
    _scope,
    "rent.collected",
    "rent.current_arrears",
    "arrears.contacted_in_5_days",
    "tenancy.money_advice_offered",
)
