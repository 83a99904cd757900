"""The suspense queue (payments that matched no account, allocated or sent back by an
officer) and following up returned direct debits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.core import timeline
from hearth.core.casework import Actor
from hearth.rents.models import (
    DirectDebitReturn,
    RentAccount,
    SuspenseItem,
    SuspenseStatus,
    Transaction,
)
from hearth.rents.services.ledger import post_transaction


@transaction.atomic
def follow_up_return(
    *, dd_return: DirectDebitReturn, actor: Actor, note: str = ""
) -> DirectDebitReturn:
    """The officer has dealt with a returned direct debit (spoken to the tenant, set up
    another way to pay)."""
    if dd_return.followed_up_at is None:
        dd_return.followed_up_at = timezone.now()
        dd_return.followed_up_by = actor
        dd_return.save(update_fields=["followed_up_at", "followed_up_by"])
        timeline.record(
            dd_return.account,
            verb="direct_debit_return_followed_up",
            summary=f"Returned direct debit followed up{': ' + note if note else ''}",
            actor=actor,
        )
    return dd_return


@transaction.atomic
def allocate_suspense(
    *, item: SuspenseItem, account: RentAccount, actor: Actor, note: str = ""
) -> Transaction:
    """Post a payment from suspense to the account it belongs to."""
    locked = SuspenseItem.objects.select_for_update().get(pk=item.pk)
    if locked.status != SuspenseStatus.OPEN:
        raise ValidationError("This payment has already been dealt with.")
    posted = post_transaction(
        account=account,
        kind=locked.kind,
        amount=locked.amount,
        on=locked.received_on,
        actor=actor,
        description=f"Allocated from suspense: {locked.payer_name or locked.payer_reference}"[:200],
        source=locked.source,
        source_ref=locked.source_ref,
        batch=locked.batch,
    )
    locked.status = SuspenseStatus.ALLOCATED
    locked.account = account
    locked.transaction = posted
    locked.resolved_at = timezone.now()
    locked.resolved_by = actor
    locked.note = note[:300]
    locked.save()
    return posted


@transaction.atomic
def refund_suspense(*, item: SuspenseItem, actor: Actor, note: str) -> SuspenseItem:
    """A payment that is not for rent (paid to us by mistake) is sent back to the payer."""
    if not note.strip():
        raise ValidationError({"note": "Say why the payment is being sent back."})
    locked = SuspenseItem.objects.select_for_update().get(pk=item.pk)
    if locked.status != SuspenseStatus.OPEN:
        raise ValidationError("This payment has already been dealt with.")
    locked.status = SuspenseStatus.REFUNDED
    locked.resolved_at = timezone.now()
    locked.resolved_by = actor
    locked.note = note[:300]
    locked.save()
    return locked
