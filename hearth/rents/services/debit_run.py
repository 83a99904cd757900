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

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from hearth.core import faults, formats, timeline
from hearth.core.bulk import chunked
from hearth.core.casework import Actor, actor_of
from hearth.rents.bulk import insert_rows
from hearth.rents.charges import RateBook
from hearth.rents.models import (
    CHARGE_KINDS,
    ChargeRate,
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
from hearth.rents.services.ledger import add_to_balances, after_posting, check_date
from hearth.rents.sums import pounds, sum_pence
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
_CODE = {Kind.RENT.value: "R", Kind.SERVICE_CHARGE.value: "S"}
# Above this many accounts, the arrears refresh walks every account rather than a list.
_REFRESH_ALL_FROM = 5000
_T = TypeVar("_T")


@dataclass
class DebitRun:
    week_commencing: date
    rent_free: str = ""
    accounts: int = 0
    transactions: int = 0
    totals: dict[str, Decimal] = field(default_factory=dict)
    batch: PostingBatch | None = None

    def __str__(self) -> str:
        when = f"week commencing {formats.day(self.week_commencing)}"
        if self.rent_free:
            return f"{when}: rent-free ({self.rent_free}), nothing charged"
        money = ", ".join(
            f"{Kind(k).label.lower()} {formats.money(v)}" for k, v in self.totals.items()
        )
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
    text = f"{what} for the week commencing {formats.day(monday)}"
    return text if days == 7 else f"{text} ({days} day{'s' if days != 1 else ''})"


def charge_rows(
    monday: date,
    accounts: list[tuple[int, date, date | None, int]],
    book: RateBook,
    charged: set[tuple[int, str]],
    batch_id: int,
    now: datetime,
) -> list[tuple[Any, ...]]:
    """The week's charges for (account, start, end, home) rows, as rows for `insert_rows`.
    Written for speed: it runs for every tenancy every week."""
    sunday = week_ending(monday)
    stamp = f"W{monday:%Y%m%d}"
    words: dict[tuple[str, int], str] = {}
    source = Source.DEBIT_RUN.value
    rows: list[tuple[Any, ...]] = []
    for account_id, start, end, home_id in accounts:
        if start <= monday and (end is None or end >= sunday):
            first_day, count = monday, 7
        else:
            days = chargeable_days(monday, start, end)
            if not days:
                continue
            first_day, count = days[0], len(days)
        last_day = first_day + timedelta(days=count - 1)
        rates = book.rates_on(home_id, first_day)
        if book.changes_within(home_id, first_day, last_day):
            # A rate that changes within the week is split day by day.
            daily = [book.rates_on(home_id, first_day + timedelta(days=n)) for n in range(count)]
            amounts = [pro_rata([r[0] for r in daily]), pro_rata([r[1] for r in daily])]
        elif count == 7:
            amounts = [rates[0], rates[1]]
        else:
            amounts = [pro_rata([rates[0]] * count), pro_rata([rates[1]] * count)]
        for index, kind in enumerate(CHARGE_KINDS):
            amount = amounts[index]
            if amount <= 0 or (charged and (account_id, kind) in charged):
                continue
            text = words.get((kind, count))
            if text is None:
                text = words[(kind, count)] = _week_description(kind, monday, count)
            rows.append(
                (f"{stamp}-{_CODE[kind]}-{account_id}", account_id, first_day, kind, amount,
                 text, monday, source, "", batch_id, now)
            )  # fmt: skip
    return rows


def _whole_weeks_sql(*, skip_conflicts: bool) -> str:
    """Both kinds of charge for every tenancy current all week at one rate, chosen and written
    inside the database in one statement (portable SQL: SQLite and PostgreSQL).

    - The rate in force is each home's latest from on or before the Monday, found for every
      home at once (one grouped pass over the rates, not a lookup per tenancy), and the
      tenancies due a charge are found once for both kinds.
    - The rents are written before the service charges, as two statements would.
    - A week already charged from anywhere else (an imported ledger) is left alone. When no
      charge of the kind is dated in the week (the usual case) the database learns so once
      and skips the check per account (the first EXISTS is uncorrelated, so it runs once).
    - `skip_conflicts` adds ON CONFLICT DO NOTHING, for a run racing another (see
      `_whole_weeks`)."""
    quote = connection.ops.quote_name
    tx, account = quote(Transaction._meta.db_table), quote(RentAccount._meta.db_table)
    tenancy, rate = quote(Tenancy._meta.db_table), quote(ChargeRate._meta.db_table)
    names = ", ".join(quote(c) for c in COLUMNS)

    def kind(code: str, column: str) -> str:
        return f"""
            SELECT CAST(%(stamp)s AS VARCHAR(40)) || '{code}-' || CAST(d.id AS VARCHAR(20)),
                   d.id, %(monday)s, %({code})s, d.{column}, %({code}_words)s, %(monday)s,
                   %(source)s, '', %(batch)s, %(now)s
            FROM due d
            WHERE d.{column} > 0
              AND (NOT EXISTS (SELECT 1 FROM {tx} w WHERE w.kind = %({code})s
                               AND w.date >= %(monday)s AND w.date <= %(sunday)s)
                   OR NOT EXISTS (SELECT 1 FROM {tx} x WHERE x.account_id = d.id
                                  AND x.kind = %({code})s AND x.date >= %(monday)s
                                  AND x.date <= %(sunday)s))"""  # noqa: S608 (identifiers only)

    return f"""
        INSERT INTO {tx} ({names})
        WITH due AS (
            SELECT a.id, r.weekly_rent, r.weekly_service_charge
            FROM {account} a
            JOIN {tenancy} t ON t.id = a.tenancy_id
            JOIN (SELECT home_id, MAX(effective_from) AS effective_from FROM {rate}
                  WHERE effective_from <= %(monday)s GROUP BY home_id) latest
              ON latest.home_id = t.home_id
            JOIN {rate} r ON r.home_id = latest.home_id
                         AND r.effective_from = latest.effective_from
            WHERE t.start_date <= %(monday)s AND (t.end_date IS NULL OR t.end_date >= %(sunday)s)
              AND t.home_id NOT IN (SELECT r3.home_id FROM {rate} r3
                                    WHERE r3.effective_from > %(monday)s
                                      AND r3.effective_from <= %(sunday)s)
        )
        {kind(_CODE[Kind.RENT.value], "weekly_rent")}
        UNION ALL
        {kind(_CODE[Kind.SERVICE_CHARGE.value], "weekly_service_charge")}
        {"ON CONFLICT DO NOTHING" if skip_conflicts else ""}
    """  # noqa: S608 (identifiers only; every value is a parameter)


def _whole_weeks(run: Callable[[str], _T]) -> _T:
    """`run` given the whole-week insert: first as it is, then, only if a row broke a unique
    constraint, again from a savepoint with ON CONFLICT DO NOTHING.

    Nothing already charged is selected, so a conflict means a charge committed meanwhile: a
    run racing this one for the same week (its insert waits for the other to commit, then
    fails), or a new tenancy's first week charged at sign-up. ON CONFLICT on every run would
    make PostgreSQL look each row up in the unique indexes before inserting it as well as
    while inserting it: 26 buffers a row against 17, and 5.8 s against 3.1 s for a week of
    200,000 charges."""
    try:
        with transaction.atomic():
            return run(_whole_weeks_sql(skip_conflicts=False))
    except IntegrityError:
        return run(_whole_weeks_sql(skip_conflicts=True))


def _whole_weeks_params(monday: date, batch_id: int, now: datetime) -> dict[str, Any]:
    ops = connection.ops
    params: dict[str, Any] = {
        "stamp": f"W{monday:%Y%m%d}-",
        "monday": ops.adapt_datefield_value(monday),
        "sunday": ops.adapt_datefield_value(week_ending(monday)),
        "source": Source.DEBIT_RUN.value,
        "batch": batch_id,
        "now": ops.adapt_datetimefield_value(now),
    }
    for kind in (Kind.RENT.value, Kind.SERVICE_CHARGE.value):
        params[_CODE[kind]] = kind
        params[f"{_CODE[kind]}_words"] = _week_description(kind, monday, 7)
    return params


# PostgreSQL adds the charges to the balances and counts them in the same statement as the
# insert (a data-modifying WITH), rather than reading the 200,000 new rows back twice.
_ADD_AND_COUNT = """
    WITH charged AS ({insert} RETURNING account_id, kind, amount),
    totals AS (SELECT account_id, SUM(amount) AS total FROM charged GROUP BY account_id),
    added AS (UPDATE {account} SET balance = {account}.balance + totals.total FROM totals
              WHERE {account}.id = totals.account_id RETURNING 1)
    SELECT (SELECT COUNT(*) FROM added), kind, COUNT(*), SUM(CAST(ROUND(amount * 100) AS BIGINT))
    FROM charged GROUP BY kind
"""


@dataclass
class _Counted:
    """How many charges, to how many accounts, and each kind's total in whole pence."""

    transactions: int = 0
    accounts: int = 0
    pence: dict[str, int] = field(default_factory=dict)

    def add(self, other: _Counted) -> None:
        self.transactions += other.transactions
        self.accounts += other.accounts
        for kind, pence in other.pence.items():
            self.pence[kind] = self.pence.get(kind, 0) + pence


def charge_part_week(
    monday: date, batch_id: int, now: datetime, *, look_for_charged: bool = True
) -> int:
    """Insert the charges of tenancies starting or ending during the week, or whose rate
    changes during it, a day at a time (`charge_rows`); returns how many. These are the ones
    the whole-week statement leaves out. `look_for_charged=False` skips looking for their
    charges already in the ledger (the demo building its history, whose ledger has none)."""
    sunday = week_ending(monday)
    changing = ChargeRate.objects.filter(
        effective_from__gt=monday, effective_from__lte=sunday
    ).values("home_id")
    current = Q(tenancy__start_date__lte=sunday) & (
        Q(tenancy__end_date__isnull=True) | Q(tenancy__end_date__gte=monday)
    )
    part_week = (
        Q(tenancy__start_date__gt=monday)
        | Q(tenancy__end_date__lt=sunday)
        | Q(tenancy__home_id__in=changing)
    )
    accounts = list(
        RentAccount.objects.filter(current)
        .filter(part_week)
        .values_list("pk", "tenancy__start_date", "tenancy__end_date", "tenancy__home_id")
    )
    if not accounts:
        return 0
    ids = [a[0] for a in accounts]
    charged: set[tuple[int, str]] = set()
    for chunk in chunked(ids if look_for_charged else []):
        found = Transaction.objects.filter(
            account_id__in=chunk, kind__in=CHARGE_KINDS, date__range=(monday, sunday)
        )
        charged.update(found.values_list("account_id", "kind"))
    book = RateBook.load({a[3] for a in accounts})
    return insert_rows(
        Transaction, COLUMNS, charge_rows(monday, accounts, book, charged, batch_id, now)
    )


def _count_batch(batch: PostingBatch) -> _Counted:
    summary = Transaction.objects.filter(batch=batch).aggregate(
        transactions=Count("pk"),
        accounts=Count("account_id", distinct=True),
        rent=sum_pence(filter=Q(kind=Kind.RENT)),
        service_charge=sum_pence(filter=Q(kind=Kind.SERVICE_CHARGE)),
    )
    return _Counted(
        summary["transactions"],
        summary["accounts"],
        {Kind.RENT: summary["rent"] or 0, Kind.SERVICE_CHARGE: summary["service_charge"] or 0},
    )


def charge_week(monday: date, batch_id: int, now: datetime) -> int:
    """Insert the week's charges for every tenancy current in it; returns how many. Balances
    are left to the caller (the demo sets them all from the ledger once, after a year).

    Tenancies current all week at one rate (nearly all of them) are charged by one
    INSERT ... SELECT, in the database. The rest (starting or ending during the week, or a
    rate changing during it) go through `charge_rows`, a day at a time; the two sets do not
    overlap.
    """
    params = _whole_weeks_params(monday, batch_id, now)

    def insert(sql: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return max(cursor.rowcount, 0)

    return _whole_weeks(insert) + charge_part_week(monday, batch_id, now)


def charge_and_add(monday: date, batch: PostingBatch, now: datetime) -> _Counted:
    """`charge_week`, then the charges added to the balances; returns what was charged. On
    PostgreSQL the INSERT ... SELECT adds its charges to the balances and counts them in the
    same statement."""
    if connection.vendor != "postgresql":
        charge_week(monday, batch.pk, now)
        faults.pause_point("rents.debit_run.charged")  # charged; balances not yet added
        add_to_balances(batch)
        return _count_batch(batch)
    counted = _Counted()
    if charge_part_week(monday, batch.pk, now):
        add_to_balances(batch)  # only these rows are in the batch so far
        counted = _count_batch(batch)
    params = _whole_weeks_params(monday, batch.pk, now)
    account = connection.ops.quote_name(RentAccount._meta.db_table)

    def insert_add_and_count(insert: str) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(_ADD_AND_COUNT.format(insert=insert, account=account), params)
            return list(cursor.fetchall())

    rows = _whole_weeks(insert_add_and_count)
    faults.pause_point("rents.debit_run.charged")  # charged and added; not yet committed
    whole = _Counted()
    for accounts, kind, count, pence in rows:
        whole.accounts = accounts
        whole.transactions += count
        whole.pence[kind] = int(pence)
    counted.add(whole)
    return counted


def charge_whole_weeks_of_empty_ledger(batches: dict[date, int], now: datetime) -> int:
    """Many weeks' whole-week charges at once, one INSERT ... SELECT per kind: for each week
    (Monday to its posting batch) every tenancy current all week at one rate is charged that
    rate, as `charge_week` would. For a ledger with no charges yet in those weeks (the demo
    landlord's history): it does not look for charges already posted. The part weeks are
    left to `charge_part_week`. Returns how many charges were inserted."""
    if not batches:
        return 0
    ops = connection.ops
    quote = ops.quote_name
    tx, account = quote(Transaction._meta.db_table), quote(RentAccount._meta.db_table)
    tenancy, rate = quote(Tenancy._meta.db_table), quote(ChargeRate._meta.db_table)
    names = ", ".join(quote(c) for c in COLUMNS)
    as_date = "CAST(%s AS DATE)" if connection.vendor == "postgresql" else "%s"
    inserted = 0
    with connection.cursor() as cursor:
        for kind, column in (
            (Kind.RENT.value, "weekly_rent"),
            (Kind.SERVICE_CHARGE.value, "weekly_service_charge"),
        ):
            values, params = [], []
            for monday, batch_id in sorted(batches.items()):
                values.append(f"({as_date}, {as_date}, %s, %s, %s)")
                params += [ops.adapt_datefield_value(monday), ops.adapt_datefield_value(week_ending(monday)),
                           batch_id, f"W{monday:%Y%m%d}-{_CODE[kind]}-", _week_description(kind, monday, 7)]  # fmt: skip
            params += [kind, Source.DEBIT_RUN.value, ops.adapt_datetimefield_value(now)]
            cursor.execute(
                f"""
                WITH weeks (monday, sunday, batch_id, prefix, words) AS (VALUES {", ".join(values)})
                INSERT INTO {tx} ({names})
                SELECT CAST(w.prefix AS VARCHAR(40)) || CAST(a.id AS VARCHAR(20)), a.id, w.monday,
                       %s, r.{column}, w.words, w.monday, %s, '', w.batch_id, %s
                FROM weeks w
                JOIN {tenancy} t ON t.start_date <= w.monday
                                AND (t.end_date IS NULL OR t.end_date >= w.sunday)
                JOIN {account} a ON a.tenancy_id = t.id
                JOIN {rate} r ON r.home_id = t.home_id AND r.effective_from <= w.monday
                WHERE r.{column} > 0
                  AND NOT EXISTS (SELECT 1 FROM {rate} r2 WHERE r2.home_id = t.home_id
                                  AND r2.effective_from > r.effective_from
                                  AND r2.effective_from <= w.sunday)
                ON CONFLICT DO NOTHING
                """,  # noqa: S608 (identifiers only; every value is a parameter)
                params,
            )
            inserted += max(cursor.rowcount, 0)
    return inserted


@transaction.atomic
def post_week(
    *, week_commencing: date, actor: Actor = None, refresh_arrears: bool = True
) -> DebitRun:
    """Charge every tenancy current on any day of the week commencing `week_commencing`.
    `refresh_arrears=False` leaves arrears to the caller (the demo replays them once, after
    a year of weeks)."""
    monday = week_commencing
    check_date(monday, "week_commencing")
    if monday.weekday() != 0:
        raise ValidationError(
            {
                "week_commencing": f"{formats.day_with_weekday(monday)} is not a Monday: rent weeks start on Monday."
            }
        )
    result = DebitRun(monday)
    result.rent_free = rent_free_reason(monday)
    if result.rent_free:
        return result
    sunday = week_ending(monday)
    without_account = Tenancy.objects.filter(
        rent_account__isnull=True, start_date__lte=sunday
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=monday))
    ensure_accounts(without_account.values_list("pk", flat=True))
    batch = PostingBatch.objects.create(
        source=Source.DEBIT_RUN,
        week_commencing=monday,
        created_by=actor_of(actor),
    )
    counted = charge_and_add(monday, batch, timezone.now())
    if not counted.transactions:
        batch.delete()
        return result
    result.batch = batch
    result.transactions = counted.transactions
    result.accounts = counted.accounts
    result.totals = {
        Kind.RENT: pounds(counted.pence.get(Kind.RENT, 0)),
        Kind.SERVICE_CHARGE: pounds(counted.pence.get(Kind.SERVICE_CHARGE, 0)),
    }
    batch.counts = {
        "transactions": result.transactions,
        "accounts": result.accounts,
        "rent": str(result.totals[Kind.RENT]),
        "service_charge": str(result.totals[Kind.SERVICE_CHARGE]),
    }
    batch.save(update_fields=["counts"])
    timeline.record(batch, verb="posted", summary=f"Debit run: {result}", actor=actor)
    if refresh_arrears:
        charged_ids = None
        if result.accounts <= _REFRESH_ALL_FROM:
            charged_ids = set(
                Transaction.objects.filter(batch=batch).values_list("account_id", flat=True)
            )
        after_posting(charged_ids, since=monday)
    return result


def post_weeks(*, start: date, end: date, actor: Actor = None) -> list[DebitRun]:
    """Run every week from the one containing `start` to the one containing `end`."""
    runs = []
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        runs.append(post_week(week_commencing=monday, actor=actor))
        monday += timedelta(days=7)
    return runs


@transaction.atomic
def charge_first_week(*, account: RentAccount, actor: Actor) -> list[Transaction]:
    """A new tenancy's first charges: its days in the rent week it starts in, charged now at
    sign-up (the weekly debit run may already have run for that week). A week already
    charged to the account is left alone, and the debit run leaves this one alone."""
    from hearth.rents.services.ledger import post_transaction

    tenancy = account.tenancy
    monday = tenancy.start_date - timedelta(days=tenancy.start_date.weekday())
    if rent_free_reason(monday):
        return []
    charged = set(
        Transaction.objects.filter(
            account=account, kind__in=CHARGE_KINDS, date__range=(monday, week_ending(monday))
        ).values_list("account_id", "kind")
    )
    book = RateBook.load([tenancy.home_id])
    rows = charge_rows(
        monday,
        [(account.pk, tenancy.start_date, tenancy.end_date, tenancy.home_id)],
        book,
        charged,
        0,
        timezone.now(),
    )
    posted = []
    for row in rows:
        _, _, first_day, kind, amount, description = row[:6]
        posted.append(
            post_transaction(
                account=account,
                kind=kind,
                amount=amount,
                on=first_day,
                actor=actor,
                description=description,
            )
        )
    return posted
