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

from collections.abc import Iterator
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
from hearth.rents.bulk import insert_rows, update_rows
from hearth.rents.models import ChargeRate, Kind, RentAccount, Source, Transaction
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
# What each column of transactions.csv is read from on export, and how many rows at a time.
EXPORTED = {
    "transaction_ref": "ref",
    "tenancy_ref": "account__tenancy__ref",
    "date": "date",
    "kind": "kind",
    "amount": "amount",
    "reverses_ref": "reverses__ref",
    "source_ref": "source_ref",
}
EXPORT_CHUNK = 10_000


@register
class RentRatesFile(FileSpec):
    name = "rent_rates.csv"
    label = "rent rate"
    model = ChargeRate
    columns = (
        RefTo("home_ref", "homes.csv", field="home", required=True),
        Date("effective_from", required=True),
        Money("weekly_rent", required=True, min_value=Decimal("0")),
        Money("weekly_service_charge", min_value=Decimal("0")),
    )

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        first: dict[tuple[str, date], int] = {}
        for row in file.rows:
            key = (row.get("home_ref"), row.get("effective_from"))
            if None in key:
                continue
            if key in first:
                ctx.problem(
                    self.name, row.line, "effective_from",
                    f"{key[0]} already has a rate from {key[1]} (line {first[key]})",
                )  # fmt: skip
            else:
                first[key] = row.line

    def load(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        report = FileReport(self.name, rows=len(file.rows))
        homes = {
            row.get("home_ref"): ctx.record("homes.csv", row.get("home_ref")).pk
            for row in file.rows
        }
        stored: dict[tuple[int, date], ChargeRate] = {}
        for chunk in bulk.chunked(sorted(set(homes.values()))):
            for rate in ChargeRate.objects.filter(home_id__in=chunk):
                stored[(rate.home_id, rate.effective_from)] = rate
        created: list[ChargeRate] = []
        updated: list[ChargeRate] = []
        touched: dict[int, date] = {}
        for row in file.rows:
            home_id, day = homes[row.get("home_ref")], row.get("effective_from")
            rent = row.get("weekly_rent")
            service = (
                row.get("weekly_service_charge") or Decimal("0.00")
                if file.has("weekly_service_charge")
                else None
            )
            key = f"{row.get('home_ref')}@{day}"
            found = stored.get((home_id, day))
            if found is None:
                rate = ChargeRate(
                    home_id=home_id,
                    effective_from=day,
                    weekly_rent=rent,
                    weekly_service_charge=service or Decimal("0.00"),
                    reason="From rent_rates.csv",
                )
                stored[(home_id, day)] = rate
                created.append(rate)
                report.created_refs.add(key)
            elif found.weekly_rent != rent or (
                service is not None and found.weekly_service_charge != service
            ):
                found.weekly_rent = rent
                if service is not None:
                    found.weekly_service_charge = service
                updated.append(found)
                report.updated_refs.add(key)
            else:
                continue
            touched[home_id] = min(day, touched.get(home_id, day))
        bulk.create(ChargeRate, created)
        bulk.update(ChargeRate, updated, ["weekly_rent", "weekly_service_charge"])
        if touched:
            accounts = _accounts_of_homes(touched)
            if accounts:
                after_posting(accounts, since=min(touched.values()))
        return report

    def export_queryset(self) -> models.QuerySet[Any]:
        return ChargeRate.objects.select_related("home").order_by("home__ref", "effective_from")


def _select(query: str, refs: list[Any]) -> list[tuple[Any, ...]]:
    """The rows of `query` (ending `... IN `) for these refs, without the ORM's per-value work."""
    with connection.cursor() as cursor:
        cursor.execute(query + f"({', '.join(['%s'] * len(refs))})", refs)
        return cursor.fetchall()


class _StoredRows:
    """(ref, id, account id, date, kind, amount, source ref, id reversed) of the stored
    transactions with these refs, as the ORM would give them."""

    def __init__(self) -> None:
        sqlite = connection.vendor == "sqlite"
        # SQLite keeps amounts as numbers: read as text, they are exact decimals again.
        amount = "CAST(amount AS TEXT)" if sqlite else "amount"
        self.query = (
            f"SELECT ref, id, account_id, date, kind, {amount}, source_ref, reverses_id "  # noqa: S608
            f"FROM {connection.ops.quote_name(Transaction._meta.db_table)} WHERE ref IN "
        )
        self.sqlite = sqlite
        self.dates: dict[Any, date] = {}
        self.amounts: dict[Any, Decimal] = {}

    def __call__(self, refs: list[str]) -> list[tuple[Any, ...]]:
        rows = _select(self.query, refs)
        if not self.sqlite:
            return rows
        return [
            (ref, pk, account, self._date(day), kind, self._amount(amount), source, reverses)
            for ref, pk, account, day, kind, amount, source, reverses in rows
        ]

    def _date(self, value: date | str) -> date:
        if isinstance(value, date):  # Django's SQLite connection reads `date` columns
            return value
        found = self.dates.get(value)
        if found is None:
            found = self.dates[value] = date.fromisoformat(value)
        return found

    def _amount(self, text: str) -> Decimal:
        found = self.amounts.get(text)
        if found is None:
            found = self.amounts[text] = Decimal(text).quantize(Decimal("0.01"))
        return found


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

    def fetch_existing(self, refs: Any) -> dict[str, models.Model]:
        """Only the transactions a reversal names that are not in the file (the file's own
        rows are in its staging table)."""
        found: dict[str, models.Model] = {}
        for chunk in bulk.chunked(sorted(set(refs))):
            found.update({row.ref: row for row in Transaction.objects.filter(ref__in=chunk)})
        return found

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        """A transaction already in the database stays on its own tenancy's account, and a
        source reference names one payment. In SQL over the file's staging table."""
        staging = file.staging
        assert staging is not None
        if not staging.has("transaction_ref"):
            return
        if staging.has("source_ref"):
            self._check_source_refs(staging, ctx)
        if not staging.has("tenancy_ref"):
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
        # A source reference already held names the last row that gives it.
        ledger = connection.ops.quote_name(Transaction._meta.db_table)
        held = staging.query(
            "SELECT s.line, s.{source_ref}, stored.ref FROM {t} s JOIN "  # noqa: S608
            "(SELECT {source_ref} AS ref, MAX(line) AS last FROM {t} "
            "WHERE {source_ref} IS NOT NULL GROUP BY {source_ref}) l ON l.last = s.line "
            f"JOIN {ledger} stored ON stored.source = '{Source.INTERCHANGE.value}' "
            "AND stored.source_ref <> '' AND stored.source_ref = s.{source_ref} "
            "WHERE s.{transaction_ref} IS NOT NULL AND s.{transaction_ref} <> stored.ref "
            f"AND {staging.first_only('s', 'transaction_ref')} ORDER BY s.line, stored.ref"
        )
        for line, source_ref, ref in held:
            ctx.problem(
                self.name, line, "source_ref",
                f"{source_ref} is already the source reference of transaction {ref}",
            )  # fmt: skip

    def load(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        """Rows are read back from the staging table as plain tuples, a chunk at a time: each
        chunk's stored rows are read, new ones inserted (COPY on PostgreSQL) and changed ones
        updated; unchanged rows are not written. Balances and arrears are then worked out
        again for the accounts whose rows changed, from the earliest date that changed."""
        staging = file.staging
        assert staging is not None
        report = FileReport(self.name, rows=staging.rows)
        tenancies = {
            ref: ctx.record("tenancies.csv", ref).pk for ref in staging.distinct("tenancy_ref")
        }
        opened = set(ensure_accounts(tenancies.values()))
        by_tenancy: dict[int, int] = {}
        for tenancy_chunk in bulk.chunked(sorted(set(tenancies.values()))):
            by_tenancy.update(
                RentAccount.objects.filter(tenancy_id__in=tenancy_chunk).values_list(
                    "tenancy_id", "pk"
                )
            )
        accounts = {ref: by_tenancy[pk] for ref, pk in tenancies.items()}
        touched = {by_tenancy[pk] for pk in opened if pk in by_tenancy}
        has_source, has_reversals = file.has("source_ref"), file.has("reverses_ref")
        since: date | None = None
        # (ref, ref it reverses in the file, id it reverses now, whether created or changed)
        reversals: list[tuple[str, str | None, int | None, bool]] = []
        now = timezone.now()
        read = _StoredRows()
        names = ("transaction_ref", "tenancy_ref", "date", "kind", "amount", "reverses_ref",
                 "source_ref")  # fmt: skip
        with ctx.progress.task(f"Loading {self.name}", staging.rows) as advance:
            for chunk in staging.chunks(names):
                held = {stored[0]: stored[1:] for stored in read([row[1] for row in chunk])}
                new: list[tuple[Any, ...]] = []
                changed: list[tuple[Any, ...]] = []
                for _line, ref, tenancy_ref, day, kind, amount, wanted, source_ref in chunk:
                    account = accounts[tenancy_ref]
                    source_ref = source_ref or ""
                    stored = held.get(ref)
                    written = True
                    if stored is None:
                        new.append(
                            (ref, account, day, kind, amount, "", Source.INTERCHANGE,
                             source_ref if has_source else "", now)
                        )  # fmt: skip
                        touched.add(account)
                        since = day if since is None or day < since else since
                        reverses_id = None
                    else:
                        pk, was_account, was_day, was_kind, was_amount, was_source, reverses_id = (
                            stored
                        )
                        if not has_source:
                            source_ref = was_source
                        if (account, day, kind, amount, source_ref) != (
                            was_account, was_day, was_kind, was_amount, was_source
                        ):  # fmt: skip
                            changed.append((account, day, kind, amount, source_ref, pk))
                            touched |= {account, was_account}
                            earliest = min(day, was_day)
                            since = earliest if since is None or earliest < since else since
                        else:
                            written = False
                    if has_reversals and (wanted is not None or reverses_id is not None):
                        reversals.append((ref, wanted, reverses_id, written))
                insert_rows(Transaction, INSERT_COLUMNS, new, skip_conflicts=False)
                update_rows(Transaction, UPDATE_COLUMNS, changed)
                report.created_unlisted += len(new)
                report.updated_unlisted += len(changed)
                advance(len(chunk))
        if reversals:
            self._load_reversals(reversals, report)
        if touched:
            recompute_balances(touched)
            after_posting(touched, since=since)
        return report

    def _load_reversals(
        self, reversals: list[tuple[str, str | None, int | None, bool]], report: FileReport
    ) -> None:
        """Point each reversal at the payment it takes back (once every row has an id)."""
        refs = {ref for ref, *_ in reversals} | {w for _, w, *_ in reversals if w is not None}
        ids: dict[str, int] = {}
        for chunk in bulk.chunked(sorted(refs), CHUNK):
            ids.update(Transaction.objects.filter(ref__in=chunk).values_list("ref", "pk"))
        changed: list[tuple[int | None, int]] = []
        for ref, wanted, reverses_id, written in reversals:
            wanted_id = ids[wanted] if wanted is not None else None
            if wanted_id != reverses_id:
                changed.append((wanted_id, ids[ref]))
                if not written:  # otherwise already counted, as created or updated
                    report.updated_unlisted += 1
        update_rows(Transaction, ["reverses_id"], changed)

    def export_queryset(self) -> models.QuerySet[Any]:
        return Transaction.objects.select_related("account__tenancy", "reverses").order_by("ref")

    def export_value(self, column: Column, record: Any) -> Any:
        if column.name == "tenancy_ref":
            return record.account.tenancy.ref
        if column.name == "reverses_ref":
            return record.reverses.ref if record.reverses is not None else None
        return super().export_value(column, record)

    def export_rows(self) -> Iterator[list[str]]:
        """As `export_value` says, but read as plain tuples, a chunk at a time (the ledger is
        most of an export)."""
        fields = [EXPORTED[column.name] for column in self.columns]
        rows = Transaction.objects.order_by("ref").values_list(*fields)
        formats = [column.format for column in self.columns]
        for values in rows.iterator(chunk_size=EXPORT_CHUNK):
            yield [
                write(None if value == "" else value)
                for write, value in zip(formats, values, strict=True)
            ]
