"""When accounts fall into and leave arrears, worked out from the ledger and stored.

Measures spec: an account **falls into arrears** on a date when its end-of-day balance
exceeds its current weekly charge while it was not already in arrears; it **stays in
arrears** until an end-of-day balance of zero or less.

Hearth's reading of "current weekly charge" (written down in docs/rent.md): the weekly rent
plus service charge in force for the tenancy's home on that date (the rate, so a rent-free
week does not lower it); nothing before the tenancy starts or after it ends. So an account
can also fall into arrears on a day with no transaction: the day after the tenancy ends, or
the day a lower rate starts.

`spells` is the rule as a pure function; `refresh` applies it to accounts after postings,
replaying only from the earliest date that changed, and writes the difference to
`ArrearsEpisode` (kept rows keep their ids, so arrears cases stay linked to them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q

from hearth.core.bulk import chunked
from hearth.rents.bulk import update_rows
from hearth.rents.charges import RateBook
from hearth.rents.models import ZERO, ArrearsEpisode, RentAccount, Transaction


@dataclass(frozen=True)
class Spell:
    started_on: date
    ended_on: date | None
    balance_at_start: Decimal
    weekly_charge: Decimal


@dataclass(frozen=True)
class Terms:
    """What an account is charged: the tenancy's dates and its home's rates."""

    start: date
    end: date | None
    home_id: int
    rates: RateBook

    def weekly_charge_on(self, day: date) -> Decimal:
        if day < self.start or (self.end is not None and day > self.end):
            return ZERO
        return self.rates.weekly_total(self.home_id, day)

    def change_days(self) -> list[date]:
        """Days the weekly charge can drop with no transaction: a new rate, the tenancy's end."""
        days = [d for d in self.rates.change_dates(self.home_id) if d >= self.start]
        if self.end is not None:
            days.append(self.end + timedelta(days=1))
        return days


def spells(
    daily_totals: dict[date, Decimal],
    terms: Terms,
    *,
    opening_balance: Decimal = ZERO,
    open_spell: Spell | None = None,
    since: date | None = None,
) -> list[Spell]:
    """The spells in arrears from `since` (default: the beginning), given the sum of each
    day's transactions. `opening_balance` is the balance at the end of the day before
    `since` and `open_spell` the spell the account was in then, if any."""
    days = set(daily_totals) | set(terms.change_days())
    if since is not None:
        days = {d for d in days if d >= since}
    balance = opening_balance
    current = open_spell
    found: list[Spell] = []
    for day in sorted(days):
        balance += daily_totals.get(day, ZERO)
        if current is None:
            charge = terms.weekly_charge_on(day)
            if balance > charge:
                current = Spell(day, None, balance, charge)
        elif balance <= 0:
            found.append(replace(current, ended_on=day))
            current = None
    if current is not None:
        found.append(current)
    return found


@dataclass(frozen=True)
class _Account:
    id: int
    start: date
    end: date | None
    home_id: int
    balance: Decimal


# Accounts per batch of queries: few round trips, well inside SQLite's parameter limit, and
# little memory. Two years of an account's ledger come to about 250 daily totals, so a chunk
# of 4,000 accounts read a million rows at once: 100 MB more at the import's peak.
CHUNK = 1000


def _accounts(ids: Collection[int] | None) -> Iterator[list[_Account]]:
    fields = ("pk", "tenancy__start_date", "tenancy__end_date", "tenancy__home_id", "balance")
    if ids is None:
        rows = RentAccount.objects.order_by("pk").values_list(*fields)
        for chunk in chunked(rows.iterator(chunk_size=CHUNK), CHUNK):
            yield [_Account(*row) for row in chunk]
        return
    for id_chunk in chunked(sorted(set(ids)), CHUNK):
        rows = RentAccount.objects.filter(pk__in=id_chunk).order_by("pk").values_list(*fields)
        yield [_Account(*row) for row in rows]


def may_change(since: date) -> list[int]:
    """The accounts whose arrears episodes a replay from `since` could change, found in one
    set-based query, so a posting to every account (the weekly debit run) replays only
    these. An account is left out only when all of these hold:

    - it has no open episode, and none starting or ending on or after `since`;
    - its tenancy started on or before `since` and does not end on or after the day before
      `since`, and its home has no rate starting after `since`, so its weekly charge is the
      same on every day from `since` on (0 once the tenancy has ended);
    - its balance can never have exceeded that charge from `since` on: today's balance plus
      every credit dated from `since` on (the most it can have been at the end of any of
      those days) is not more than the charge.

    Replaying such an account finds no spell and stored none to change, so skipping it
    changes nothing."""
    from hearth.rents.models import ChargeRate
    from hearth.tenancies.models import Tenancy

    quote = connection.ops.quote_name
    accounts, ledger = quote(RentAccount._meta.db_table), quote(Transaction._meta.db_table)
    tenancies, rates = quote(Tenancy._meta.db_table), quote(ChargeRate._meta.db_table)
    episodes = quote(ArrearsEpisode._meta.db_table)
    day = connection.ops.adapt_datefield_value(since)
    day_before = connection.ops.adapt_datefield_value(since - timedelta(days=1))
    sql = f"""
        SELECT a.id FROM {accounts} a
        JOIN {tenancies} t ON t.id = a.tenancy_id
        LEFT JOIN (SELECT account_id, SUM(amount) AS credits FROM {ledger}
                   WHERE date >= %s AND amount < 0 GROUP BY account_id) c
          ON c.account_id = a.id
        WHERE t.start_date > %s
           OR (t.end_date IS NOT NULL AND t.end_date >= %s)
           OR EXISTS (SELECT 1 FROM {rates} r WHERE r.home_id = t.home_id
                      AND r.effective_from > %s)
           OR a.balance - COALESCE(c.credits, 0) > CASE
                WHEN t.end_date IS NOT NULL AND t.end_date < %s THEN 0
                ELSE COALESCE((SELECT r.weekly_rent + r.weekly_service_charge FROM {rates} r
                               WHERE r.home_id = t.home_id AND r.effective_from <= %s
                               ORDER BY r.effective_from DESC LIMIT 1), 0) END
        UNION
        SELECT account_id FROM {episodes}
        WHERE ended_on IS NULL OR ended_on >= %s OR started_on >= %s
    """  # noqa: S608 (identifiers only; every value is a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [day, day, day_before, day, day, day, day, day])
        return [row[0] for row in cursor.fetchall()]


def refresh(account_ids: Collection[int] | None = None, *, since: date | None = None) -> int:
    """Re-derive the arrears episodes of these accounts (all when None) from `since` on (the
    earliest transaction date that changed; None = from the start). Returns how many
    episodes were created, changed or removed."""
    changes = 0
    for accounts in _accounts(account_ids):
        changes += _refresh_chunk(accounts, since)
    return changes


def _refresh_chunk(accounts: list[_Account], since: date | None) -> int:
    """Replay a chunk of accounts from `since`. The balance at the start is the account's
    cached balance less everything dated from `since` on (the cached balance always equals
    the ledger), so no history before `since` is read."""
    ids = [a.id for a in accounts]
    rates = RateBook.load({a.home_id for a in accounts})
    stored_rows = ArrearsEpisode.objects.filter(account_id__in=ids)
    if since is not None:
        stored_rows = stored_rows.filter(
            Q(started_on__gte=since) | Q(ended_on__isnull=True) | Q(ended_on__gte=since)
        )
    stored = list(stored_rows)
    open_spells: dict[int, Spell] = {}
    if since is not None:
        for episode in stored:
            if episode.started_on < since:
                open_spells[episode.account_id] = Spell(
                    episode.started_on, None, episode.balance_at_start, episode.weekly_charge
                )
    daily = _daily_totals(ids, since)
    wanted: dict[tuple[int, date], Spell] = {}
    for account in accounts:
        terms = Terms(account.start, account.end, account.home_id, rates)
        recent = daily.get(account.id, {})
        opening = account.balance - sum(recent.values(), ZERO) if since is not None else ZERO
        for spell in spells(
            recent,
            terms,
            opening_balance=opening,
            open_spell=open_spells.get(account.id),
            since=since,
        ):
            wanted[(account.id, spell.started_on)] = spell
    return _write(stored, wanted)


def _daily_totals(ids: list[int], since: date | None) -> dict[int, dict[date, Decimal]]:
    """Each account's sum of transactions per day, read with one query. Sums come back as
    whole pence (exact on every database) and dates are parsed once each: this is the
    replay's hot path for a whole landlord."""
    quote = connection.ops.quote_name
    table = quote(Transaction._meta.db_table)
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT account_id, date, CAST(ROUND(SUM(amount) * 100) AS BIGINT) FROM {table} "  # noqa: S608
        f"WHERE account_id IN ({placeholders})"
    )
    params: list[Any] = list(ids)
    if since is not None:
        sql += " AND date >= %s"
        params.append(connection.ops.adapt_datefield_value(since))
    sql += " GROUP BY account_id, date"
    days: dict[object, date] = {}
    pounds: dict[int, Decimal] = {}
    daily: dict[int, dict[date, Decimal]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for account_id, raw_day, pence in cursor:
            day = days.get(raw_day)
            if day is None:
                day = days[raw_day] = (
                    raw_day if isinstance(raw_day, date) else date.fromisoformat(raw_day)
                )
            amount = pounds.get(pence)
            if amount is None:
                amount = pounds[pence] = Decimal(int(pence)).scaleb(-2)
            daily[account_id][day] = amount
    return daily


def _write(stored: Iterable[ArrearsEpisode], wanted: dict[tuple[int, date], Spell]) -> int:
    """Make the stored episodes equal `wanted`: keep matching rows, change, add, remove."""
    to_update: list[ArrearsEpisode] = []
    to_delete: list[int] = []
    for episode in stored:
        spell = wanted.pop((episode.account_id, episode.started_on), None)
        if spell is None:
            to_delete.append(episode.pk)
            continue
        if (
            episode.ended_on != spell.ended_on
            or episode.balance_at_start != spell.balance_at_start
            or episode.weekly_charge != spell.weekly_charge
        ):
            episode.ended_on = spell.ended_on
            episode.balance_at_start = spell.balance_at_start
            episode.weekly_charge = spell.weekly_charge
            to_update.append(episode)
    for chunk in chunked(to_delete):
        ArrearsEpisode.objects.filter(pk__in=chunk).delete()
    update_rows(
        ArrearsEpisode,
        ["ended_on", "balance_at_start", "weekly_charge"],
        [(e.ended_on, e.balance_at_start, e.weekly_charge, e.pk) for e in to_update],
    )
    ArrearsEpisode.objects.bulk_create(
        [
            ArrearsEpisode(
                account_id=account_id,
                started_on=spell.started_on,
                ended_on=spell.ended_on,
                balance_at_start=spell.balance_at_start,
                weekly_charge=spell.weekly_charge,
            )
            for (account_id, _), spell in wanted.items()
        ],
        batch_size=1000,
    )
    return len(to_update) + len(to_delete) + len(wanted)
