"""Posting to the ledger. Every path that adds transactions (one payment an officer takes,
a payment file, the weekly debit run, transactions.csv) ends in `after_posting`, in the same
database transaction, which keeps the cached balances equal to the ledger, re-derives the
arrears episodes from the earliest date touched, and opens or closes arrears cases."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hearth.core import formats, timeline
from hearth.core.casework import Actor, actor_of
from hearth.rents import episodes
from hearth.rents.models import (
    CHARGE_KINDS,
    CREDIT_ONLY_KINDS,
    PAYMENT_KINDS,
    ZERO,
    Kind,
    PostingBatch,
    RentAccount,
    Source,
    Transaction,
)
from hearth.rents.sums import pounds, sum_pence


def new_ref(prefix: str = "TX") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16].upper()}"


EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)


def check_date(value: date | None, field: str) -> None:
    """Refuse a date no rent account can have (and that date arithmetic cannot take)."""
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValidationError({field: "Give a date from 1900 to 2199."})


def check_sign(kind: str, amount: Decimal) -> str | None:
    """The sign rule as words, or None when the amount's sign suits the kind."""
    if kind in CHARGE_KINDS and amount <= 0:
        return f"{Kind(kind).label} is a charge, so its amount must be more than 0.00"
    if kind == Kind.PAYMENT_REVERSAL and amount <= 0:
        return "a payment reversal takes a payment back, so its amount must be more than 0.00"
    if kind in CREDIT_ONLY_KINDS and amount >= 0:
        return f"{Kind(kind).label} is a credit, so its amount must be less than 0.00"
    if amount == 0:
        return "the amount must not be 0.00"
    return None


# Above this many accounts, the accounts whose arrears could change are found first.
_FILTER_FROM = 2000


def after_posting(account_ids: Collection[int] | None, *, since: date | None) -> None:
    """Bring arrears up to date for these accounts (None: all) from `since` on. For all
    accounts from a date (the weekly debit run), only those whose arrears could change are
    replayed (`episodes.may_change`, one set-based query)."""
    from hearth.rents.services.arrears import sync_cases

    if since is not None and (account_ids is None or len(account_ids) > _FILTER_FROM):
        changeable = episodes.may_change(since)
        account_ids = (
            changeable if account_ids is None else set(account_ids).intersection(changeable)
        )
    episodes.refresh(account_ids, since=since)
    sync_cases(account_ids)


def add_to_balances(batch: PostingBatch) -> None:
    """Add a batch's transactions to the cached balances of the accounts it touched, in one
    set-based UPDATE (a correlated sum per account would scan the whole batch for each)."""
    quote = connection.ops.quote_name
    accounts, ledger = quote(RentAccount._meta.db_table), quote(Transaction._meta.db_table)
    sql = (
        f"UPDATE {accounts} SET balance = {accounts}.balance + totals.total "  # noqa: S608
        f"FROM (SELECT account_id, SUM(amount) AS total FROM {ledger} WHERE batch_id = %s "
        f"GROUP BY account_id) AS totals WHERE {accounts}.id = totals.account_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [batch.pk])


def ledger_balances(account_ids: Collection[int] | None = None) -> dict[int, Decimal]:
    rows = Transaction.objects.all()
    if account_ids is not None:
        rows = rows.filter(account_id__in=list(account_ids))
    totals = rows.values_list("account_id").annotate(total=sum_pence())
    return {pk: pounds(total) for pk, total in totals.values_list("account_id", "total")}


def balance_mismatches(
    account_ids: Collection[int] | None = None,
) -> list[tuple[int, Decimal, Decimal]]:
    """(account id, cached balance, ledger sum) for every account where they differ."""
    ledger = ledger_balances(account_ids)
    accounts = RentAccount.objects.all()
    if account_ids is not None:
        accounts = accounts.filter(pk__in=list(account_ids))
    return [
        (pk, cached, ledger.get(pk, ZERO))
        for pk, cached in accounts.values_list("pk", "balance").iterator(chunk_size=5000)
        if cached != ledger.get(pk, ZERO)
    ]


@transaction.atomic
def rebuild_balances() -> int:
    """Set every cached balance to its ledger sum (after a repair by hand). Returns how many
    were wrong."""
    totals = (
        Transaction.objects.filter(account=OuterRef("pk"))
        .values("account")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    wrong = len(balance_mismatches())
    RentAccount.objects.update(balance=Coalesce(Subquery(totals), Value(ZERO)))
    return wrong


@transaction.atomic
def post_transaction(
    *,
    account: RentAccount,
    kind: str,
    amount: Decimal,
    on: date,
    actor: Actor,
    description: str = "",
    source: str = Source.OFFICER,
    source_ref: str = "",
    reverses: Transaction | None = None,
    batch: PostingBatch | None = None,
    record_on_timeline: bool = True,
) -> Transaction:
    """Post one transaction and bring the balance and arrears up to date."""
    check_date(on, "on")
    problem = check_sign(kind, amount)
    if problem:
        raise ValidationError({"amount": problem[0].upper() + problem[1:] + "."})
    if source_ref and Transaction.objects.filter(source=source, source_ref=source_ref).exists():
        raise ValidationError({"source_ref": f"{source_ref} has already been posted."})
    posted = Transaction.objects.create(
        ref=new_ref(),
        account=account,
        date=on,
        kind=kind,
        amount=amount,
        description=description[:200],
        source=source,
        source_ref=source_ref,
        reverses=reverses,
        batch=batch,
        created_by=actor_of(actor),
    )
    RentAccount.objects.filter(pk=account.pk).update(balance=F("balance") + amount)
    account.refresh_from_db(fields=["balance"])
    if record_on_timeline:
        timeline.record(
            account,
            verb="posted",
            summary=f"{posted.get_kind_display()} of {formats.money(abs(amount))} on {formats.day(on)}"
            + (f": {description}" if description else ""),
            actor=actor,
            details={"transaction": posted.ref, "amount": str(amount)},
        )
    after_posting([account.pk], since=on)
    return posted


def take_payment(
    *,
    account: RentAccount,
    amount: Decimal,
    kind: str,
    paid_on: date | None,
    actor: Actor,
    reference: str = "",
    note: str = "",
) -> Transaction:
    """Record a payment an officer took (a card payment by phone, cash at the office).
    `amount` is what the tenant paid, in pounds (more than 0)."""
    if kind not in PAYMENT_KINDS:
        raise ValidationError({"kind": "Choose how the tenant paid."})
    if amount <= 0:
        raise ValidationError({"amount": "Enter an amount more than £0.00."})
    when = paid_on or timezone.localdate()
    check_date(when, "paid_on")
    if when > timezone.localdate():
        raise ValidationError({"paid_on": "The payment date cannot be in the future."})
    started = account.tenancy.start_date
    if when < started:
        raise ValidationError(
            {
                "paid_on": f"The payment date must be on or after {started:%-d %B %Y}, "
                "when the tenancy started."
            }
        )
    words = f"Taken by {getattr(actor, 'display_name', 'an officer')}"
    if reference:
        words += f", reference {reference}"
    if note:
        words += f": {note}"
    return post_transaction(
        account=account,
        kind=kind,
        amount=-amount,
        on=when,
        actor=actor,
        description=words,
        source=Source.OFFICER,
        source_ref=f"{kind}:{reference}" if reference else "",
    )


def adjust(
    *, account: RentAccount, amount: Decimal, on: date, reason: str, actor: Actor
) -> Transaction:
    """A debit (+) or credit (-) adjustment, with the reason, e.g. a charge corrected."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the account is being adjusted."})
    return post_transaction(
        account=account, kind=Kind.ADJUSTMENT, amount=amount, on=on, actor=actor, description=reason
    )


def write_off(
    *, account: RentAccount, amount: Decimal, on: date, reason: str, actor: Actor
) -> Transaction:
    """Write off a debt that cannot be recovered. `amount` is the sum written off (> 0)."""
    if amount <= 0:
        raise ValidationError({"amount": "Enter the amount to write off, more than £0.00."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the debt is being written off."})
    return post_transaction(
        account=account, kind=Kind.WRITE_OFF, amount=-amount, on=on, actor=actor, description=reason
    )


def recompute_balances(account_ids: Collection[int]) -> None:
    """Set these accounts' cached balances to their ledger sums (after rows were changed in
    bulk, e.g. by transactions.csv)."""
    from hearth.core.bulk import chunked

    totals = (
        Transaction.objects.filter(account=OuterRef("pk"))
        .values("account")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    for chunk in chunked(sorted(set(account_ids))):
        RentAccount.objects.filter(pk__in=chunk).update(
            balance=Coalesce(Subquery(totals), Value(ZERO))
        )
