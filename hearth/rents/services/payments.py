"""Importing payment files, all or nothing and idempotently; the suspense queue; returned
direct debits.

- A row whose source reference was already posted (or put in suspense) is skipped, so
  importing the same file twice posts once.
- A row that matches no rent account goes to suspense for an officer to allocate.
- A returned direct debit posts a debit adjustment that reverses its payment, cancels the
  mandate when the bank says the instruction is gone, and tells the income officer.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hearth.core import formats, timeline
from hearth.core.bulk import chunked
from hearth.core.casework import Actor, actor_of
from hearth.core.notifications import queue_staff_message
from hearth.interchange.reading import Problem
from hearth.rents.models import (
    ArrearsCase,
    CaseStatus,
    DirectDebitMandate,
    DirectDebitReturn,
    Kind,
    PostingBatch,
    RentAccount,
    Source,
    SuspenseItem,
    Transaction,
)
from hearth.rents.payment_files import FORMATS, PaymentFormat, PaymentRow, read_payment_file
from hearth.rents.services.accounts import normalise_reference
from hearth.rents.services.ledger import add_to_balances, after_posting, new_ref

# ARUDD reason codes after which the Direct Debit Instruction no longer exists.
MANDATE_GONE = {"1": "instruction cancelled", "2": "payer deceased", "3": "account transferred",
                "5": "no account", "6": "no instruction", "B": "account closed"}  # fmt: skip


class PaymentFileRejected(Exception):
    """The file has problems, so nothing was posted. `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{count} found; nothing was imported")


@dataclass
class PaymentImport:
    kind: str
    filename: str
    rows: int = 0
    posted: int = 0
    already_imported: int = 0
    to_suspense: int = 0
    returned: int = 0
    total: Decimal = Decimal("0.00")
    batch: PostingBatch | None = None
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [f"{self.rows} rows", f"{self.posted} posted ({formats.money(self.total)})"]
        if self.returned:
            parts.append(f"{self.returned} direct debits returned")
        if self.to_suspense:
            parts.append(f"{self.to_suspense} to suspense")
        if self.already_imported:
            parts.append(f"{self.already_imported} already imported")
        return f"{self.filename}: " + ", ".join(parts)


class _Matcher:
    """Finds the rent account a row is for, from the identifiers each channel carries."""

    def __init__(self, fmt: PaymentFormat, rows: list[PaymentRow]) -> None:
        self.fmt = fmt
        self.by_reference: dict[str, int] = {}
        self.by_mandate: dict[str, tuple[int, int]] = {}
        self.by_card: dict[str, int] = {}
        self.by_claim: dict[str, int] = {}
        self.by_tenancy: dict[str, int] = {}
        self.collections: dict[str, Transaction] = {}
        kind = fmt.kind
        if kind in ("direct_debit", "direct_debit_returns"):
            refs = {row.get("mandate_ref") for row in rows}
            for chunk in chunked(sorted(r for r in refs if r)):
                for pk, ref, account in DirectDebitMandate.objects.filter(
                    reference__in=chunk
                ).values_list("pk", "reference", "account_id"):
                    self.by_mandate[ref] = (account, pk)
        if kind == "direct_debit_returns":
            refs = {row.get("collection_ref") for row in rows}
            for chunk in chunked(sorted(r for r in refs if r)):
                for found in Transaction.objects.filter(
                    Q(source=Source.DIRECT_DEBIT)
                    | Q(source=Source.INTERCHANGE, kind=Kind.PAYMENT_DIRECT_DEBIT),
                    source_ref__in=chunk,
                ):
                    self.collections[found.source_ref] = found
        if kind in ("standing_order", "online", "universal_credit"):
            column = {
                "standing_order": "reference",
                "online": "account_reference",
                "universal_credit": "landlord_ref",
            }[kind]
            wanted = {c for row in rows for c in candidates(row.get(column) or "")}
            for chunk in chunked(sorted(wanted)):
                self.by_reference.update(
                    RentAccount.objects.filter(payment_reference__in=chunk).values_list(
                        "payment_reference", "pk"
                    )
                )
        if kind == "paypoint":
            cards = {re.sub(r"\D", "", row.get("card_number") or "") for row in rows}
            for chunk in chunked(sorted(c for c in cards if c)):
                self.by_card.update(
                    RentAccount.objects.filter(paypoint_card_number__in=chunk).values_list(
                        "paypoint_card_number", "pk"
                    )
                )
        if kind == "housing_benefit":
            claims = {row.get("claim_ref") for row in rows}
            for chunk in chunked(sorted(c for c in claims if c)):
                self.by_claim.update(
                    RentAccount.objects.filter(housing_benefit_claim_ref__in=chunk).values_list(
                        "housing_benefit_claim_ref", "pk"
                    )
                )
            tenancies = {row.get("tenancy_ref") for row in rows}
            for chunk in chunked(sorted(t for t in tenancies if t)):
                self.by_tenancy.update(
                    RentAccount.objects.filter(tenancy__ref__in=chunk).values_list(
                        "tenancy__ref", "pk"
                    )
                )

    def account_for(self, row: PaymentRow) -> tuple[int | None, str]:
        """(account id, "") or (None, why it matched nothing)."""
        kind = self.fmt.kind
        if kind in ("direct_debit", "direct_debit_returns"):
            if kind == "direct_debit_returns" and row.get("collection_ref") in self.collections:
                return self.collections[row.get("collection_ref")].account_id, ""
            found = self.by_mandate.get(row.get("mandate_ref"))
            return (
                (found[0], "")
                if found
                else (None, f"No direct debit mandate {row.get('mandate_ref')}")
            )
        if kind == "paypoint":
            card = re.sub(r"\D", "", row.get("card_number") or "")
            account = self.by_card.get(card)
            return (account, "") if account else (None, f"No rent account has PayPoint card {card}")
        if kind == "housing_benefit":
            account = self.by_claim.get(row.get("claim_ref")) or self.by_tenancy.get(
                row.get("tenancy_ref") or ""
            )
            return (
                (account, "")
                if account
                else (None, f"No rent account has Housing Benefit claim {row.get('claim_ref')}")
            )
        column = {
            "standing_order": "reference",
            "online": "account_reference",
            "universal_credit": "landlord_ref",
        }[kind]
        text = row.get(column) or ""
        matches = {self.by_reference[c] for c in candidates(text) if c in self.by_reference}
        if len(matches) == 1:
            return matches.pop(), ""
        if matches:
            return None, f"The reference “{text}” matches {len(matches)} rent accounts"
        return None, f"No rent account's payment reference is in “{text}”"

    def mandate_id(self, row: PaymentRow) -> int | None:
        found = self.by_mandate.get(row.get("mandate_ref"))
        return found[1] if found else None


def candidates(text: str) -> set[str]:
    """The payment references a payer's free text might contain: each word, each pair of
    neighbouring words run together, and the whole text, in capitals and digits only."""
    words = [w for w in re.split(r"[^A-Z0-9]+", text.upper()) if w]
    found = set(words) | {a + b for a, b in itertools.pairwise(words)}
    whole = normalise_reference(text)
    if whole:
        found.add(whole)
    return found


def _source_ref(fmt: PaymentFormat, row: PaymentRow) -> str:
    return str(row.get(fmt.ref_column))


def _describe(fmt: PaymentFormat, row: PaymentRow) -> str:
    if fmt.kind == "housing_benefit" and row.get("period_from") and row.get("period_to"):
        return f"Housing Benefit {formats.short_day(row.get('period_from'))} to {formats.short_day(row.get('period_to'))}"
    if fmt.kind == "universal_credit":
        deduction = row.get("arrears_deduction")
        extra = f" (including {formats.money(deduction)} towards arrears)" if deduction else ""
        return f"Universal Credit paid direct{extra}"
    if fmt.kind == "paypoint" and row.get("outlet_id"):
        return f"PayPoint payment at outlet {row.get('outlet_id')}"
    return {
        "direct_debit": "Direct debit collected",
        "standing_order": "Standing order",
        "online": "Card payment online",
    }.get(fmt.kind, fmt.title)


def _already(fmt: PaymentFormat, refs: Iterable[str]) -> set[str]:
    done: set[str] = set()
    for chunk in chunked(sorted(set(refs))):
        done.update(
            Transaction.objects.filter(
                Q(source=fmt.source) | Q(source=Source.INTERCHANGE, kind=fmt.transaction_kind),
                source_ref__in=chunk,
            ).values_list("source_ref", flat=True)
        )
        done.update(
            SuspenseItem.objects.filter(source=fmt.source, source_ref__in=chunk).values_list(
                "source_ref", flat=True
            )
        )
    return done


@transaction.atomic
def import_payments(*, kind: str, data: bytes, filename: str, actor: Actor = None) -> PaymentImport:
    """Import one payment file. Raises PaymentFileRejected, posting nothing, if it has any
    problem."""
    if kind not in FORMATS:
        raise PaymentFileRejected(
            [
                Problem(
                    filename,
                    None,
                    None,
                    f"{kind} is not a kind of payment file (kinds: {', '.join(FORMATS)})",
                )
            ]
        )
    parsed = read_payment_file(kind, data, filename)
    if parsed.problems:
        raise PaymentFileRejected(parsed.problems)
    fmt = parsed.format
    report = PaymentImport(kind, filename, rows=len(parsed.rows))
    done = _already(fmt, (_source_ref(fmt, row) for row in parsed.rows))
    new_rows = [row for row in parsed.rows if _source_ref(fmt, row) not in done]
    report.already_imported = len(parsed.rows) - len(new_rows)
    batch = PostingBatch.objects.create(
        source=fmt.source,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        created_by=actor_of(actor),
    )
    report.batch = batch
    matcher = _Matcher(fmt, new_rows)
    try:
        if fmt.kind == "direct_debit_returns":
            _post_returns(fmt, new_rows, matcher, batch, report, actor)
        else:
            _post_payments(fmt, new_rows, matcher, batch, report, actor)
    except IntegrityError as error:
        raise PaymentFileRejected(
            [
                Problem(
                    filename,
                    None,
                    None,
                    f"another import posted some of these payments at the same time ({error}); nothing was imported, try again",
                )
            ]
        ) from error
    batch.counts = {
        "rows": report.rows,
        "posted": report.posted,
        "returned": report.returned,
        "to_suspense": report.to_suspense,
        "already_imported": report.already_imported,
        "total": str(report.total),
    }
    batch.save(update_fields=["counts"])
    timeline.record(
        batch, verb="imported", summary=f"{fmt.title} imported: {report}"[:500], actor=actor
    )
    return report


def _suspense(
    fmt: PaymentFormat, row: PaymentRow, batch: PostingBatch, reason: str, amount: Decimal
) -> SuspenseItem:
    payer_column = next((c for c in ("payer_name", "claimant_name") if c in fmt.by_name), "")
    reference_column = next(
        (
            c
            for c in (
                "reference",
                "account_reference",
                "landlord_ref",
                "card_number",
                "claim_ref",
                "mandate_ref",
            )
            if c in fmt.by_name
        ),
        "",
    )
    return SuspenseItem(
        source=fmt.source,
        source_ref=_source_ref(fmt, row),
        batch=batch,
        kind=fmt.transaction_kind,
        received_on=fmt.date_of(row.values),
        amount=amount,
        payer_name=(row.get(payer_column) or "")[:200] if payer_column else "",
        payer_reference=str(row.get(reference_column) or "")[:200] if reference_column else "",
        reason=reason[:300],
        details={
            k: (v.isoformat() if hasattr(v, "isoformat") else str(v))
            for k, v in row.values.items()
            if v is not None
        },
    )


def _post_payments(
    fmt: PaymentFormat,
    rows: list[PaymentRow],
    matcher: _Matcher,
    batch: PostingBatch,
    report: PaymentImport,
    actor: Actor,
) -> None:
    now = timezone.now()
    posted: list[Transaction] = []
    held: list[SuspenseItem] = []
    for row in rows:
        amount = fmt.amount_of(row.values)
        account_id, reason = matcher.account_for(row)
        if account_id is None:
            held.append(_suspense(fmt, row, batch, reason, -amount))
            continue
        posted.append(
            Transaction(
                ref=new_ref(),
                account_id=account_id,
                date=fmt.date_of(row.values),
                kind=fmt.transaction_kind,
                amount=-amount,
                description=_describe(fmt, row),
                source=fmt.source,
                source_ref=_source_ref(fmt, row),
                batch=batch,
                created_at=now,
                created_by=actor_of(actor),
            )
        )
    Transaction.objects.bulk_create(posted, batch_size=1000)
    SuspenseItem.objects.bulk_create(held, batch_size=1000)
    report.posted = len(posted)
    report.to_suspense = len(held)
    report.total = sum((-t.amount for t in posted), Decimal("0.00"))
    if posted:
        add_to_balances(batch)
        after_posting({t.account_id for t in posted}, since=min(t.date for t in posted))


def _post_returns(
    fmt: PaymentFormat,
    rows: list[PaymentRow],
    matcher: _Matcher,
    batch: PostingBatch,
    report: PaymentImport,
    actor: Actor,
) -> None:
    held: list[SuspenseItem] = []
    returned: list[DirectDebitReturn] = []
    for row in rows:
        amount = fmt.amount_of(row.values)
        account_id, reason = matcher.account_for(row)
        if account_id is None:
            held.append(_suspense(fmt, row, batch, reason, amount))
            continue
        original = matcher.collections.get(row.get("collection_ref") or "")
        code = str(row.get("reason_code")).upper()
        why = row.get("reason") or MANDATE_GONE.get(code, f"reason code {code}")
        reversal = Transaction.objects.create(
            ref=new_ref(),
            account_id=account_id,
            date=fmt.date_of(row.values),
            kind=Kind.PAYMENT_REVERSAL,
            amount=amount,
            description=f"Direct debit returned by your bank: {why}"[:200],
            source=fmt.source,
            source_ref=_source_ref(fmt, row),
            batch=batch,
            reverses=original,
            created_by=actor_of(actor),
        )
        mandate_id = matcher.mandate_id(row)
        returned.append(
            DirectDebitReturn.objects.create(
                account_id=account_id,
                mandate_id=mandate_id,
                return_ref=_source_ref(fmt, row),
                reason_code=code,
                reason=str(why)[:200],
                returned_on=reversal.date,
                original=original,
                reversal=reversal,
            )
        )
        if code in MANDATE_GONE and mandate_id is not None:
            from hearth.rents.services.accounts import cancel_direct_debit

            cancel_direct_debit(
                mandate=DirectDebitMandate.objects.get(pk=mandate_id),
                reason=f"Bank returned a collection: {MANDATE_GONE[code]}",
                actor=actor,
                on=reversal.date,
            )
        report.total += amount
    SuspenseItem.objects.bulk_create(held, batch_size=1000)
    report.returned = len(returned)
    report.to_suspense = len(held)
    if returned:
        add_to_balances(batch)
        after_posting({r.account_id for r in returned}, since=min(r.returned_on for r in returned))
        for dd_return in returned:
            _tell_officer(dd_return, actor)


def _officer_for(account: RentAccount) -> Any:
    if account.income_officer_id:
        return account.income_officer
    case = (
        ArrearsCase.objects.filter(account=account, status=CaseStatus.OPEN, owner__isnull=False)
        .select_related("owner")
        .first()
    )
    return case.owner if case else None


def _tell_officer(dd_return: DirectDebitReturn, actor: Actor) -> None:
    account = RentAccount.objects.select_related("tenancy", "income_officer").get(
        pk=dd_return.account_id
    )
    summary = f"Direct debit of {formats.money(dd_return.reversal.amount)} returned unpaid on {formats.day(dd_return.returned_on)}: {dd_return.reason}"
    timeline.record(account, verb="direct_debit_returned", summary=summary, actor=actor)
    officer = _officer_for(account)
    if officer is not None:
        url = (
            f"{settings.SITE_URL.rstrip('/')}{reverse('rents:account', args=[account.tenancy_id])}"
        )
        queue_staff_message(
            user=officer,
            purpose="rent_dd_returned_staff",
            context={"account": account, "dd_return": dd_return, "case_url": url},
            case=account,
            idempotency_key=f"rents:dd-return:{dd_return.pk}",
            actor=actor,
        )
