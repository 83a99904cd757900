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

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models

from hearth.contacts.case_types import register_case_type
from hearth.core import bulk
from hearth.interchange.columns import Choice, Column, Date, Money, Ref, RefTo, Text
from hearth.interchange.context import FileReport, ImportContext, ParsedFile, Row
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec
from hearth.rents.models import ChargeRate, Kind, RentAccount, Source, Transaction
from hearth.rents.services.accounts import ensure_accounts
from hearth.rents.services.ledger import after_posting, check_sign, recompute_balances
from hearth.tenancies.models import Tenancy

register_case_type("tenancy", model=Tenancy, file="tenancies.csv", label="tenancy")
ACCOUNTS = "transactions.csv:accounts"


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
        found: dict[str, models.Model] = {}
        for chunk in bulk.chunked(sorted(set(refs))):
            rows = Transaction.objects.filter(ref__in=chunk).select_related("account__tenancy")
            found.update({row.ref: row for row in rows})
        return found

    def check_file(self, file: ParsedFile, ctx: ImportContext) -> None:
        """A transaction already in the database stays on its own tenancy's account, and a
        source reference names one payment."""
        self._check_source_refs(file, ctx)
        for row in file.rows:
            stored = ctx.existing[self.name].get(row.ref or "")
            tenancy_ref = row.get("tenancy_ref")
            if not isinstance(stored, Transaction) or not tenancy_ref:
                continue
            if stored.account.tenancy.ref != tenancy_ref:
                ctx.problem(
                    self.name,
                    row.line,
                    "tenancy_ref",
                    f"transaction {row.ref} is on tenancy {stored.account.tenancy.ref}'s "
                    "account; a transaction cannot move to another tenancy",
                )

    def _check_source_refs(self, file: ParsedFile, ctx: ImportContext) -> None:
        first: dict[str, int] = {}
        for row in file.rows:
            source_ref = row.get("source_ref")
            if not source_ref:
                continue
            if source_ref in first:
                ctx.problem(
                    self.name, row.line, "source_ref",
                    f"{source_ref} appears again (first on line {first[source_ref]})",
                )  # fmt: skip
            else:
                first[source_ref] = row.line
        rows_by_ref = {row.get("source_ref"): row for row in file.rows if row.get("source_ref")}
        for chunk in bulk.chunked(sorted(rows_by_ref)):
            held = Transaction.objects.filter(
                source=Source.INTERCHANGE, source_ref__in=chunk
            ).values_list("source_ref", "ref")
            for source_ref, ref in held:
                row = rows_by_ref[source_ref]
                if row.ref and row.ref != ref:
                    ctx.problem(
                        self.name, row.line, "source_ref",
                        f"{source_ref} is already the source reference of transaction {ref}",
                    )  # fmt: skip

    def load(self, file: ParsedFile, ctx: ImportContext) -> FileReport:
        tenancies = {
            row.get("tenancy_ref"): ctx.record("tenancies.csv", row.get("tenancy_ref")).pk
            for row in file.rows
        }
        ensure_accounts(tenancies.values())
        by_tenancy: dict[int, int] = {}
        for chunk in bulk.chunked(sorted(set(tenancies.values()))):
            by_tenancy.update(
                RentAccount.objects.filter(tenancy_id__in=chunk).values_list("tenancy_id", "pk")
            )
        # Kept in the import's context (the spec object is shared by every import).
        accounts = ctx.loaded[ACCOUNTS]
        for ref, pk in tenancies.items():
            accounts[ref] = RentAccount(pk=by_tenancy[pk])
        dates: list[date] = [row.get("date") for row in file.rows]
        for stored in ctx.existing[self.name].values():
            if isinstance(stored, Transaction):
                dates.append(stored.date)
        report = super().load(file, ctx)
        if file.has("reverses_ref"):
            self._load_reversals(file, ctx, report)
        account_ids = {account.pk for account in ctx.loaded[ACCOUNTS].values()}
        recompute_balances(account_ids)
        after_posting(account_ids, since=min(dates) if dates else None)
        return report

    def _load_reversals(self, file: ParsedFile, ctx: ImportContext, report: FileReport) -> None:
        """Point each reversal at the payment it takes back (once every row has an id)."""
        changed: list[Transaction] = []
        for row in file.rows:
            record = ctx.record(self.name, row.ref or "")
            assert isinstance(record, Transaction)
            wanted = row.get("reverses_ref")
            reverses_id = ctx.record(self.name, wanted).pk if wanted else None
            if record.reverses_id != reverses_id:
                record.reverses_id = reverses_id
                changed.append(record)
                report.mark_updated(record.ref)
        bulk.update(Transaction, changed, ["reverses"], actor=ctx.actor)

    def assign(
        self, row: Row, record: models.Model, file: ParsedFile, ctx: ImportContext
    ) -> set[str]:
        changed = super().assign(row, record, file, ctx)
        assert isinstance(record, Transaction)
        account_id = ctx.loaded[ACCOUNTS][row.get("tenancy_ref")].pk
        if record.account_id != account_id:
            record.account_id = account_id
            changed.add("account")
        if record.pk is None and not record.source:
            record.source = Source.INTERCHANGE
        return changed

    def export_queryset(self) -> models.QuerySet[Any]:
        return Transaction.objects.select_related("account__tenancy", "reverses").order_by("ref")

    def export_value(self, column: Column, record: Any) -> Any:
        if column.name == "tenancy_ref":
            return record.account.tenancy.ref
        if column.name == "reverses_ref":
            return record.reverses.ref if record.reverses is not None else None
        return super().export_value(column, record)
