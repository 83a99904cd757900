"""transactions.csv (interchange spec): every transaction on every rent account, with the
spec's sign rule (rent, service charges and payment reversals positive; payments, benefits and
write-offs negative; adjustments either way). Importing it opens any missing rent accounts,
keeps the cached balances equal to the ledger and re-derives the arrears episodes.

- `reverses_ref` names the payment a `payment_reversal` takes back (in the file or Hearth).
- `source_ref` is a payment's reference in the file or feed it came from. Imported rows keep
  it (with source "transactions.csv import"), and a payment file posted later recognises a
  payment of its kind with that reference as already posted.

rent_rates.csv: each home's weekly rent and service charge over time, one row per home and
date from which a rate applied (`ChargeRate`). `homes.csv` carries today's rate; a home with no
rows here has had that rate throughout (Hearth seeds it from the homes register). The arrears
clock compares balances with the rate in force on each day, so the rates travel with the
ledger. Rows are matched on home and date and never deleted; after a change the arrears of
the homes' accounts are worked out again.

Also registers the "tenancy" case type of contacts.csv (arrears and money advice contacts).
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone

from hearth.contacts.case_types import register_case_type
from hearth.core import bulk
from hearth.interchange.columns import Choice, Column, Date, Money, Ref, RefTo, Text
from hearth.interchange.context import FileReport, ImportContext, ParsedFile, Row
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec
from hearth.interchange.staging import Staging
from hearth.rents.models import (
    CHARGE_KINDS,
    CREDIT_ONLY_KINDS,
    ChargeRate,
    Kind,
    RentAccount,
    Source,
    Transaction,
)
from hearth.rents.services.accounts import ensure_accounts
from hearth.rents.services.ledger import after_posting, check_sign, recompute_balances
from hearth.tenancies.models import Tenancy

register_case_type("tenancy", model=Tenancy, file="tenancies.csv", label="tenancy")
# Rows read, compared and written at a time by the ledger's checks and loader.
CHUNK = 2000
INSERT_COLUMNS = (
    "ref", "account_id", "date", "kind", "amount", "description", "source", "source_ref",
    "created_at",
)  # fmt: skip
UPDATE_COLUMNS = ("account_id", "date", "kind", "amount", "source_ref")
# New ledger rows from which, if the ledger holds no more already, its indexes are rebuilt.
BUILD_INDEXES_AFTER = 20_000


@register
class RentRatesFile(FileSpec):
    name = "rent_rates.csv"
    label = "rent rate"
    model = ChargeRate
    # A row per home and rate change: streamed through a staging table, loaded a chunk at a
    # time (home and date, the key, are whole in one chunk: the file repeats no key).
    staged = True
    staged_indexes = ("home_ref",)
    columns = (
        RefTo("home_ref", "homes.csv", field="home", required=True),
        Date("effective_from", required=True),
        Money("weekly_rent", required=True, min_value=Decimal("0")),
        Money("weekly_service_charge", min_value=Decimal("0")),
    )

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        """One rate per home and date: in SQL over the staging table."""
        staging = file.staging
        if staging is None or not (staging.has("home_ref") and staging.has("effective_from")):
            return
        repeated = staging.query(
            "SELECT s.line, s.{home_ref}, s.{effective_from}, f.first FROM {t} s JOIN "
            "(SELECT {home_ref} AS home, {effective_from} AS day, MIN(line) AS first FROM {t} "
            "WHERE {home_ref} IS NOT NULL AND {effective_from} IS NOT NULL "
            "GROUP BY {home_ref}, {effective_from} HAVING COUNT(*) > 1) f "
            "ON f.home = s.{home_ref} AND f.day = s.{effective_from} "
            "WHERE s.line > f.first ORDER BY s.line"
        )
        for line, home, day, first in repeated:
            ctx.problem(
                self.name, line, "effective_from",
                f"{home} already has a rate from {day} (line {first})",
            )  # fmt: skip

    def load(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        """A chunk of rows at a time from the staging table, matched to the stored rates of
        the chunk's homes on home and date; then the arrears of the homes whose rates changed
        are worked out again."""
        assert file.staging is not None
        report = FileReport(self.name, rows=file.staging.rows)
        touched: dict[int, date] = {}
        for rows in file.row_chunks():
            homes = {
                row.get("home_ref"): ctx.record("homes.csv", row.get("home_ref")).pk for row in rows
            }
            stored: dict[tuple[int, date], ChargeRate] = {}
            for chunk in bulk.chunked(sorted(set(homes.values()))):
                for rate in ChargeRate.objects.filter(home_id__in=chunk):
                    stored[(rate.home_id, rate.effective_from)] = rate
            created: list[ChargeRate] = []
            updated: list[ChargeRate] = []
            for row in rows:
                home_id, day = homes[row.get("home_ref")], row.get("effective_from")
                rent = row.get("weekly_rent")
                service = (
                    row.get("weekly_service_charge") or Decimal("0.00")
                    if file.has("weekly_service_charge")
                    else None
                )
                found = stored.get((home_id, day))
                if found is None:
                    created.append(
                        ChargeRate(
                            home_id=home_id,
                            effective_from=day,
                            weekly_rent=rent,
                            weekly_service_charge=service or Decimal("0.00"),
                            reason="From rent_rates.csv",
                        )
                    )
                elif found.weekly_rent != rent or (
                    service is not None and found.weekly_service_charge != service
                ):
                    found.weekly_rent = rent
                    if service is not None:
                        found.weekly_service_charge = service
                    updated.append(found)
                else:
                    continue
                touched[home_id] = min(day, touched.get(home_id, day))
            bulk.create(ChargeRate, created)
            bulk.update(ChargeRate, updated, ["weekly_rent", "weekly_service_charge"])
            report.created_unlisted += len(created)
            report.updated_unlisted += len(updated)
        if touched:
            accounts = _accounts_of_homes(touched)
            if accounts:
                after_posting(accounts, since=min(touched.values()))
        return report

    def export_queryset(self) -> models.QuerySet[Any]:
        return ChargeRate.objects.order_by("home__ref", "effective_from")


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


EMPTY = "''"


@dataclass
class _Sorted:
    """The staged rows sorted by `_Merge.sort`."""

    new: int = 0
    changed: int = 0
    new_accounts: set[int] = field(default_factory=set)
    changed_accounts: set[int] = field(default_factory=set)
    since: date | None = None  # the earliest date of a new or changed row, before or after
    pointers: int = 0  # rows whose reversal pointer is to be set or changed
    repointed: int = 0  # of them, rows otherwise the same (counted as updated)


class _Merge:
    """The SQL that merges transactions.csv's staging table into the ledger. Each staged row
    is matched to its stored transaction on the ref, and to its account on the tenancy ref
    (every tenancy and account is in the database by then)."""

    def __init__(self, staging: Staging, *, has_source: bool) -> None:
        self.staging = staging
        self.sqlite = connection.vendor == "sqlite"
        self.distinct = "IS NOT" if self.sqlite else "IS DISTINCT FROM"
        self.ledger = _table(Transaction)
        self.rows = (
            "FROM {t} s "
            f"JOIN {_table(Tenancy)} tenancy ON tenancy.ref = s.{{tenancy_ref}} "
            f"JOIN {_table(RentAccount)} account ON account.tenancy_id = tenancy.id "
        )
        self.source = "COALESCE(s.{source_ref}, '')" if has_source else None
        differs = [
            "stored.account_id <> account.id",
            "stored.date <> s.{date}",
            "stored.kind <> s.{kind}",
            "stored.amount <> s.{amount}",
        ]
        if self.source:
            differs.append(f"stored.source_ref <> {self.source}")
        self.differs = "(" + " OR ".join(differs) + ")"
        self.matched = (
            self.rows + f"JOIN {self.ledger} stored ON stored.ref = s.{{transaction_ref}} "
        )
        self.unmatched = (
            f"WHERE NOT EXISTS (SELECT 1 FROM {self.ledger} stored "  # noqa: S608
            "WHERE stored.ref = s.{transaction_ref}) "
        )

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.staging.query(sql, params or [])

    def execute(self, sql: str, params: list[Any] | None = None) -> None:
        self.staging.execute(sql, params or [])

    @staticmethod
    def _date(value: Any) -> date:
        return date.fromisoformat(value) if isinstance(value, str) else value

    def sort(self, *, has_reverses: bool) -> _Sorted:
        """Each staged row as new, changed or the same as the stored one, in one pass over the
        staging table joined to the ledger (a ledger of millions of rows is read once, not
        once for each question): how many of each, the accounts the new and changed rows are
        on before and after, their earliest date before or after, and how many rows point at
        a payment other than the one they reverse (`has_reverses`: the file gives
        `reverses_ref`)."""
        differs = f"(stored.id IS NOT NULL AND {self.differs})"
        outcome = f"CASE WHEN stored.id IS NULL THEN 'new' WHEN {self.differs} THEN 'changed' ELSE 'same' END"
        written = f"(stored.id IS NULL OR {self.differs})"
        pointer, current = "0", ""
        if has_reverses:
            pointer = f"CASE WHEN s.{{reverses_ref}} {self.distinct} current.ref THEN 1 ELSE 0 END"
            current = f"LEFT JOIN {self.ledger} current ON current.id = stored.reverses_id "
        groups = self.query(
            "SELECT outcome, before_account, after_account, MIN(before_date), MIN(after_date), "  # noqa: S608
            "COUNT(*), SUM(pointer) FROM (SELECT "
            f"{outcome} AS outcome, "
            f"CASE WHEN {differs} THEN stored.account_id END AS before_account, "
            f"CASE WHEN {written} THEN account.id END AS after_account, "
            f"CASE WHEN {differs} THEN stored.date END AS before_date, "
            f"CASE WHEN {written} THEN s.{{date}} END AS after_date, "
            f"{pointer} AS pointer "
            + self.rows
            + f"LEFT JOIN {self.ledger} stored ON stored.ref = s.{{transaction_ref}} "
            + current
            + ") sorted GROUP BY outcome, before_account, after_account"
        )
        found = _Sorted()
        for outcome, before, after, before_date, after_date, count, pointers in groups:
            found.pointers += int(pointers or 0)
            if outcome == "same":
                found.repointed += int(pointers or 0)
                continue
            accounts = found.changed_accounts if outcome == "changed" else found.new_accounts
            accounts.update(account for account in (before, after) if account is not None)
            for day in (before_date, after_date):
                if day is not None:
                    found.since = min(found.since or self._date(day), self._date(day))
            if outcome == "changed":
                found.changed += count
            else:
                found.new += count
        return found

    def update(self) -> None:
        sets = ["account_id = account.id", "date = s.{date}", "kind = s.{kind}"]
        sets.append("amount = s.{amount}")
        if self.source:
            sets.append(f"source_ref = {self.source}")
        self.execute(
            f"UPDATE {self.ledger} AS stored SET {', '.join(sets)} "  # noqa: S608
            + self.rows
            + "WHERE stored.ref = s.{transaction_ref} AND "
            + self.differs
        )

    def insert(self, now: Any, *, every_row: bool = False) -> None:
        """Insert the staged rows whose ref is new (`every_row`: the sort found no staged row
        in the ledger, so none is looked for again)."""
        names = ", ".join(connection.ops.quote_name(name) for name in INSERT_COLUMNS)
        self.execute(
            f"INSERT INTO {self.ledger} ({names}) "
            "SELECT s.{transaction_ref}, account.id, s.{date}, s.{kind}, s.{amount}, '', "
            f"%s, {self.source or EMPTY}, %s "
            + self.rows
            + ("" if every_row else self.unmatched)
            + "ORDER BY s.line",
            [Source.INTERCHANGE.value, connection.ops.adapt_datetimefield_value(now)],
        )

    def point_reversals(self, *, all_new: bool = False) -> None:
        """Point each reversal at the payment it takes back (once every row has an id).
        `all_new`: every staged row was inserted just now, pointing nowhere, so only the rows
        that name a payment are looked at."""
        self.execute(
            f"UPDATE {self.ledger} AS stored SET reverses_id = wanted.id "  # noqa: S608
            f"FROM {{t}} s LEFT JOIN {self.ledger} wanted ON wanted.ref = s.{{reverses_ref}} "
            "WHERE stored.ref = s.{transaction_ref} "
            + ("AND s.{reverses_ref} IS NOT NULL " if all_new else "")
            + f"AND stored.reverses_id {self.distinct} wanted.id"
        )


def _accounts_of_homes(homes: dict[int, date]) -> set[int]:
    found: set[int] = set()
    for chunk in bulk.chunked(sorted(homes)):
        found.update(
            RentAccount.objects.filter(tenancy__home_id__in=chunk).values_list("pk", flat=True)
        )
    return found


@register
class TransactionsFile(FileSpec):
    name = "transactions.csv"
    label = "transaction"
    model = Transaction
    # Rates first: opening accounts seeds a rate only for homes that have none.
    depends_on = ("rent_rates.csv",)
    fetch_own_refs = False
    # Millions of rows: streamed into a staging table, checked in SQL, loaded from it.
    staged = True
    staged_indexes = ("transaction_ref",)
    columns = (
        Ref("transaction_ref"),
        RefTo("tenancy_ref", "tenancies.csv", field=None, required=True),
        Date("date", required=True),
        Choice("kind", Kind, required=True),
        Money("amount", required=True, max_digits=11),
        RefTo("reverses_ref", "transactions.csv", field=None, max_length=60),
        Text("source_ref", max_length=120),
    )

    def check_row(self, row: Row, file: ParsedFile, ctx: ImportContext) -> None:
        kind, amount = row.get("kind"), row.get("amount")
        if kind and amount is not None:
            problem = check_sign(kind, amount)
            if problem:
                ctx.problem(self.name, row.line, "amount", f"{amount}: {problem}")
        if row.get("reverses_ref"):
            if kind and kind != Kind.PAYMENT_REVERSAL:
                ctx.problem(
                    self.name, row.line, "reverses_ref",
                    "only a payment_reversal takes back another transaction",
                )  # fmt: skip
            elif row.get("reverses_ref") == row.get("transaction_ref"):
                ctx.problem(
                    self.name, row.line, "reverses_ref", "a transaction cannot reverse itself"
                )

    def check_row_sql(self) -> str | None:
        """`check_row` in SQL: the sign rule of `check_sign`, and what a reversal points at."""

        def listed(kinds: tuple[str, ...]) -> str:
            return ", ".join(f"'{Kind(kind).value}'" for kind in kinds)

        reversal = Kind.PAYMENT_REVERSAL.value
        return (
            f"CASE WHEN {{kind}} IN ({listed((*CHARGE_KINDS, reversal))}) THEN {{amount}} > 0 "
            f"WHEN {{kind}} IN ({listed(CREDIT_ONLY_KINDS)}) THEN {{amount}} < 0 "
            "ELSE {amount} <> 0 END AND ({reverses_ref} IS NULL OR "
            f"({{kind}} = '{reversal}' AND {{reverses_ref}} <> {{transaction_ref}}))"
        )

    def fetch_existing(self, refs: Any) -> dict[str, models.Model]:
        """Only the transactions a reversal names that are not in the file (the file's own
        rows are in its staging table)."""
        found: dict[str, models.Model] = {}
        for chunk in bulk.chunked(sorted(set(refs))):
            found.update({row.ref: row for row in Transaction.objects.filter(ref__in=chunk)})
        return found

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        """A transaction already in the database stays on its own tenancy's account, and a
        source reference names one payment. In SQL over the file's staging table (none when
        the file could not be read at all)."""
        staging = file.staging
        if staging is None:
            return
        if staging.has("source_ref"):
            self._check_source_refs(staging, ctx)
        if not staging.has("transaction_ref") or not staging.has("tenancy_ref"):
            return
        tables = (Transaction, RentAccount, Tenancy)
        ledger, accounts, tenancies = (connection.ops.quote_name(m._meta.db_table) for m in tables)
        moved = staging.query(
            "SELECT s.line, s.{transaction_ref}, tenancy.ref FROM {t} s "  # noqa: S608
            f"JOIN {ledger} stored ON stored.ref = s.{{transaction_ref}} "
            f"JOIN {accounts} account ON account.id = stored.account_id "
            f"JOIN {tenancies} tenancy ON tenancy.id = account.tenancy_id "
            "WHERE s.{tenancy_ref} IS NOT NULL AND tenancy.ref <> s.{tenancy_ref} "
            f"AND {staging.first_only('s', 'transaction_ref')} ORDER BY s.line"
        )
        for line, ref, stored_tenancy in moved:
            ctx.problem(
                self.name, line, "tenancy_ref",
                f"transaction {ref} is on tenancy {stored_tenancy}'s "
                "account; a transaction cannot move to another tenancy",
            )  # fmt: skip

    def _check_source_refs(self, staging: Staging, ctx: ImportContext) -> None:
        repeated = staging.query(
            "SELECT s.line, s.{source_ref}, f.first FROM {t} s JOIN "
            "(SELECT {source_ref} AS ref, MIN(line) AS first FROM {t} "
            "WHERE {source_ref} IS NOT NULL GROUP BY {source_ref} HAVING COUNT(*) > 1) f "
            "ON f.ref = s.{source_ref} WHERE s.line > f.first ORDER BY s.line"
        )
        for line, source_ref, first in repeated:
            ctx.problem(
                self.name, line, "source_ref",
                f"{source_ref} appears again (first on line {first})",
            )  # fmt: skip
        if not staging.has("transaction_ref"):
            return
        # A source reference already held names the last row that gives it.
        ledger = connection.ops.quote_name(Transaction._meta.db_table)
        held = staging.query(
            "SELECT s.line, s.{source_ref}, stored.ref FROM {t} s JOIN "  # noqa: S608
            "(SELECT {source_ref} AS ref, MAX(line) AS last FROM {t} "
            "WHERE {source_ref} IS NOT NULL GROUP BY {source_ref}) l ON l.last = s.line "
            f"JOIN {ledger} stored ON stored.source = '{Source.INTERCHANGE.value}' "
            # Written as the partial unique index's own condition, so that SQLite searches
            # that index rather than scanning the whole ledger for every staged row.
            "AND NOT (stored.source_ref = '') AND stored.source_ref = s.{source_ref} "
            "WHERE s.{transaction_ref} IS NOT NULL AND s.{transaction_ref} <> stored.ref "
            f"AND {staging.first_only('s', 'transaction_ref')} ORDER BY s.line, stored.ref"
        )
        for line, source_ref, ref in held:
            ctx.problem(
                self.name, line, "source_ref",
                f"{source_ref} is already the source reference of transaction {ref}",
            )  # fmt: skip

    def load(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        """Set-based, from the staging table: rows whose ref is new are inserted with one
        `INSERT ... SELECT`, rows whose values changed are updated with one `UPDATE ... FROM`,
        and unchanged rows are not written. Balances and arrears are then worked out again for
        the accounts whose rows changed, from the earliest date that changed."""
        staging = file.staging
        assert staging is not None
        report = FileReport(self.name, rows=staging.rows)
        tenancies = {
            ref: ctx.record("tenancies.csv", ref).pk for ref in staging.distinct("tenancy_ref")
        }
        opened = set(ensure_accounts(tenancies.values()))
        touched: set[int] = set()
        for chunk in bulk.chunked(sorted(opened)):
            touched.update(
                RentAccount.objects.filter(tenancy_id__in=chunk).values_list("pk", flat=True)
            )
        merge = _Merge(staging, has_source=file.has("source_ref"))
        with ctx.progress.task(f"Loading {self.name}", staging.rows) as advance:
            sorted_rows = merge.sort(has_reverses=file.has("reverses_ref"))
            changed, created = sorted_rows.changed, sorted_rows.new
            report.updated_unlisted = changed + sorted_rows.repointed
            report.created_unlisted = created
            touched |= sorted_rows.changed_accounts | sorted_rows.new_accounts
            if changed:
                merge.update()
            if created:
                # Many new rows against few stored ones (a first import): the ledger's
                # secondary indexes are built once afterwards, not kept up row by row.
                many = created >= BUILD_INDEXES_AFTER and created >= Transaction.objects.count()
                with bulk.indexes_built_afterwards(Transaction) if many else nullcontext():
                    merge.insert(timezone.now(), every_row=created == staging.rows)
            if sorted_rows.pointers:
                merge.point_reversals(all_new=created == staging.rows)
            advance(staging.rows)
        if touched:
            recompute_balances(touched)
            after_posting(touched, since=sorted_rows.since)
        return report

    def export_queryset(self) -> models.QuerySet[Any]:
        return Transaction.objects.order_by("ref")

    def export_field(self, column: Column) -> Any:
        if column.name == "tenancy_ref":
            return "account__tenancy__ref"
        if column.name == "reverses_ref":
            return "reverses__ref"
        return super().export_field(column)
