"""The payment files Hearth imports, one CSV layout per channel, and how each is read.

Each layout names the columns such files carry (docs/rent.md lists them for the people who
export them), which column is the source's own unique reference (so a file imported twice
posts once), how a row finds its rent account, the date money moved and the amount. Every
problem in a file is reported as `file:line: column: what is wrong` and nothing is posted
unless the whole file is clean.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from hearth.core.uploads import binary_instead_of_text
from hearth.interchange.columns import CellError, Column, Date, Money, Text, Timestamp
from hearth.interchange.reading import Problem, UnreadableFile, records
from hearth.rents.models import Kind, Source

POSITIVE = Decimal("0.01")


@dataclass(frozen=True)
class Col:
    column: Column
    help: str

    @property
    def name(self) -> str:
        return self.column.name


@dataclass(frozen=True)
class PaymentFormat:
    kind: str
    title: str
    source: Source
    transaction_kind: Kind
    ref_column: str
    date_column: str
    amount_columns: tuple[str, ...]
    columns: tuple[Col, ...]
    description: str

    @property
    def by_name(self) -> dict[str, Column]:
        return {col.name: col.column for col in self.columns}

    def date_of(self, values: dict[str, Any]) -> date:
        value = values[self.date_column]
        return value.date() if hasattr(value, "date") and callable(value.date) else value

    def amount_of(self, values: dict[str, Any]) -> Decimal:
        """The money received (positive), summed over the amount columns."""
        return sum((values.get(name) or Decimal(0) for name in self.amount_columns), Decimal(0))


def _money(name: str, *, required: bool = True) -> Column:
    return Money(name, required=required, min_value=Decimal(0), field=None)


FORMATS: dict[str, PaymentFormat] = {
    fmt.kind: fmt
    for fmt in (
        PaymentFormat(
            kind="direct_debit",
            title="Direct debit collections",
            source=Source.DIRECT_DEBIT,
            transaction_kind=Kind.PAYMENT_DIRECT_DEBIT,
            ref_column="collection_ref",
            date_column="collection_date",
            amount_columns=("amount",),
            description="The Bacs collection report from the bank or bureau: one row per payment collected.",
            columns=(
                Col(
                    Text("collection_ref", required=True, field=None, max_length=120),
                    "The bureau's unique reference for this collection.",
                ),
                Col(
                    Text("mandate_ref", required=True, field=None, max_length=18),
                    "The Direct Debit Instruction's reference (as recorded on the rent account).",
                ),
                Col(
                    Date("collection_date", required=True, field=None),
                    "The date the money was collected.",
                ),
                Col(_money("amount"), "The amount collected, in pounds."),
                Col(Text("payer_name", field=None, max_length=200), "The account holder's name."),
            ),
        ),
        PaymentFormat(
            kind="direct_debit_returns",
            title="Direct debit returns",
            source=Source.DIRECT_DEBIT_RETURNS,
            transaction_kind=Kind.PAYMENT_REVERSAL,
            ref_column="return_ref",
            date_column="return_date",
            amount_columns=("amount",),
            description="The Bacs returns report (ARUDD): collections the payer's bank returned unpaid. Each reverses its payment and tells the income officer.",
            columns=(
                Col(
                    Text("return_ref", required=True, field=None, max_length=120),
                    "The bureau's unique reference for this return.",
                ),
                Col(
                    Text("collection_ref", field=None, max_length=120),
                    "The reference of the collection being returned.",
                ),
                Col(
                    Text("mandate_ref", required=True, field=None, max_length=18),
                    "The Direct Debit Instruction's reference.",
                ),
                Col(
                    Date("return_date", required=True, field=None),
                    "The date the collection was returned.",
                ),
                Col(_money("amount"), "The amount returned, in pounds."),
                Col(
                    Text("reason_code", required=True, field=None, max_length=4),
                    "The ARUDD reason code (0 refer to payer, 1 instruction cancelled, 2 payer deceased, 3 account transferred, 5 no account, 6 no instruction, B account closed, ...).",
                ),
                Col(Text("reason", field=None, max_length=200), "The reason in words."),
            ),
        ),
        PaymentFormat(
            kind="standing_order",
            title="Standing orders (bank statement credits)",
            source=Source.STANDING_ORDER,
            transaction_kind=Kind.PAYMENT_STANDING_ORDER,
            ref_column="bank_ref",
            date_column="date",
            amount_columns=("amount",),
            description="Credits from the landlord's bank statement export: standing orders and bank transfers. The payer's reference is searched for a rent payment reference.",
            columns=(
                Col(
                    Text("bank_ref", required=True, field=None, max_length=120),
                    "The bank's unique transaction reference on the statement.",
                ),
                Col(Date("date", required=True, field=None), "The date the money arrived."),
                Col(_money("amount"), "The amount credited, in pounds."),
                Col(
                    Text("reference", required=True, field=None, max_length=200),
                    "The reference the payer gave (it should contain their payment reference).",
                ),
                Col(
                    Text("payer_name", field=None, max_length=200),
                    "The payer's name as the bank shows it.",
                ),
            ),
        ),
        PaymentFormat(
            kind="online",
            title="Online card payments",
            source=Source.ONLINE,
            transaction_kind=Kind.PAYMENT_ONLINE,
            ref_column="payment_id",
            date_column="paid_at",
            amount_columns=("amount",),
            description="The card payment provider's settlement report: payments made on the website or by the automated phone line.",
            columns=(
                Col(
                    Text("payment_id", required=True, field=None, max_length=120),
                    "The provider's unique payment id.",
                ),
                Col(
                    Timestamp("paid_at", required=True, field=None),
                    "When the payment was made (London time unless an offset is given).",
                ),
                Col(_money("amount"), "The amount paid, in pounds."),
                Col(
                    Text("account_reference", required=True, field=None, max_length=60),
                    "The payment reference the payer typed.",
                ),
                Col(Text("payer_name", field=None, max_length=200), "The cardholder's name."),
                Col(Text("card_brand", field=None, max_length=30), "Visa, Mastercard, ..."),
            ),
        ),
        PaymentFormat(
            kind="paypoint",
            title="PayPoint payments",
            source=Source.PAYPOINT,
            transaction_kind=Kind.PAYMENT_PAYPOINT,
            ref_column="transaction_ref",
            date_column="paid_at",
            amount_columns=("amount",),
            description="PayPoint's daily transaction file: payments made in shops with the tenant's payment card.",
            columns=(
                Col(
                    Text("transaction_ref", required=True, field=None, max_length=120),
                    "PayPoint's unique transaction reference.",
                ),
                Col(Timestamp("paid_at", required=True, field=None), "When the payment was made."),
                Col(
                    Text("card_number", required=True, field=None, max_length=24),
                    "The number on the tenant's payment card (19 digits).",
                ),
                Col(_money("amount"), "The amount paid, in pounds."),
                Col(
                    Text("outlet_id", field=None, max_length=40),
                    "The shop's PayPoint outlet number.",
                ),
            ),
        ),
        PaymentFormat(
            kind="housing_benefit",
            title="Housing Benefit schedule",
            source=Source.HOUSING_BENEFIT,
            transaction_kind=Kind.HOUSING_BENEFIT,
            ref_column="line_ref",
            date_column="paid_on",
            amount_columns=("amount",),
            description="The council's landlord payment schedule: Housing Benefit paid to the landlord for each claim.",
            columns=(
                Col(
                    Text("line_ref", required=True, field=None, max_length=120),
                    "A unique reference for the line (payment run and claim, e.g. RUN0412-4003217).",
                ),
                Col(Date("paid_on", required=True, field=None), "The date of the payment run."),
                Col(
                    Text("claim_ref", required=True, field=None, max_length=40),
                    "The Housing Benefit claim reference.",
                ),
                Col(
                    Text("tenancy_ref", field=None, max_length=40),
                    "Our tenancy reference, if the schedule gives it.",
                ),
                Col(Text("claimant_name", field=None, max_length=200), "The claimant's name."),
                Col(Date("period_from", field=None), "First day the payment covers."),
                Col(Date("period_to", field=None), "Last day the payment covers."),
                Col(_money("amount"), "The amount paid, in pounds."),
            ),
        ),
        PaymentFormat(
            kind="universal_credit",
            title="Universal Credit managed payments",
            source=Source.UNIVERSAL_CREDIT,
            transaction_kind=Kind.UNIVERSAL_CREDIT,
            ref_column="dwp_ref",
            date_column="paid_on",
            amount_columns=("housing_costs", "arrears_deduction"),
            description="DWP's schedule of Universal Credit paid to the landlord (managed payments, and deductions towards arrears).",
            columns=(
                Col(
                    Text("dwp_ref", required=True, field=None, max_length=120),
                    "DWP's unique reference for the payment line.",
                ),
                Col(Date("paid_on", required=True, field=None), "The date DWP paid."),
                Col(
                    Text("landlord_ref", required=True, field=None, max_length=60),
                    "Our payment reference for the tenant, as given to DWP.",
                ),
                Col(Text("claimant_name", field=None, max_length=200), "The claimant's name."),
                Col(Date("period_from", field=None), "First day of the assessment period."),
                Col(Date("period_to", field=None), "Last day of the assessment period."),
                Col(_money("housing_costs"), "Housing costs paid direct, in pounds."),
                Col(
                    _money("arrears_deduction", required=False),
                    "A deduction from the claimant's Universal Credit towards their arrears, in pounds.",
                ),
            ),
        ),
    )
}


@dataclass
class PaymentRow:
    line: int
    values: dict[str, Any]

    def get(self, name: str) -> Any:
        return self.values.get(name)


@dataclass
class ParsedPaymentFile:
    format: PaymentFormat
    filename: str
    rows: list[PaymentRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.filename, line, column, message))


def read_payment_file(kind: str, data: bytes, filename: str) -> ParsedPaymentFile:
    """Parse a payment file, collecting every problem (header, cells, repeated references,
    amounts that are not money received)."""
    fmt = FORMATS[kind]
    parsed = ParsedPaymentFile(fmt, filename)
    disguised = binary_instead_of_text(data)
    if disguised:
        parsed.problem(1, None, f"is {disguised}, not a CSV file; save it as CSV UTF-8")
        return parsed
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(data)
        try:
            _read(path, parsed)
        except UnreadableFile as error:
            parsed.problem(error.line, None, error.message)
    return parsed


def _read(path: Path, parsed: ParsedPaymentFile) -> None:
    fmt = parsed.format
    reader = records(path)
    header_row = next(reader, None)
    if header_row is None:
        parsed.problem(None, None, "is empty: it needs a header row and at least one payment")
        return
    header_line, header = header_row
    names = [cell.strip() for cell in header]
    known = fmt.by_name
    for name in names:
        if name and name not in known:
            parsed.problem(
                header_line,
                name,
                f"is not a column of a {fmt.title.lower()} file (columns: {', '.join(known)})",
            )
    seen: set[str] = set()
    for name in names:
        if name in seen:
            parsed.problem(header_line, name, "appears twice in the header")
        seen.add(name)
    for col in fmt.columns:
        if col.column.required and col.name not in names:
            parsed.problem(header_line, col.name, "is missing: this file needs this column")
    if parsed.problems:
        return
    refs: dict[str, int] = {}
    for line, cells in reader:
        values: dict[str, Any] = {}
        for index, name in enumerate(names):
            raw = cells[index].strip() if index < len(cells) else ""
            column = known[name]
            if not raw:
                if column.required:
                    parsed.problem(line, name, "is empty: a value is needed")
                values[name] = None
                continue
            try:
                values[name] = column.parse(raw)
            except CellError as error:
                parsed.problem(line, name, str(error))
                values[name] = None
        if len(cells) > len(names) and any(cell.strip() for cell in cells[len(names) :]):
            parsed.problem(
                line, None, f"has {len(cells)} cells but the header has {len(names)} columns"
            )
        ref = values.get(fmt.ref_column)
        if ref:
            if ref in refs:
                parsed.problem(
                    line, fmt.ref_column, f"{ref} is repeated (first on line {refs[ref]})"
                )
            else:
                refs[ref] = line
        row = PaymentRow(line, values)
        amounts_given = all(
            values.get(n) is not None for n in fmt.amount_columns if known[n].required
        )
        if amounts_given and fmt.amount_of(values) <= 0:
            message = "must be more than 0.00 (money received)"
            parsed.problem(line, fmt.amount_columns[0], message)
        parsed.rows.append(row)
    if not parsed.rows and not parsed.problems:
        parsed.problem(None, None, "has no payments in it, only a header")
