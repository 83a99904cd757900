"""Benefit claims (which hold back legal action while pending) and asking for housing costs
to be paid to the landlord direct."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.core import formats, timeline
from hearth.core.casework import Actor, actor_of, lock
from hearth.rents.models import (
    ArrearsCase,
    BenefitClaim,
    CaseStatus,
    ClaimStatus,
    RentAccount,
)
from hearth.rents.services.arrears import refresh_cases
from hearth.rents.services.casework import (
    _require_open,
    _save,
)


@transaction.atomic
def record_benefit_claim(
    *,
    account: RentAccount,
    kind: str,
    claimed_on: date,
    actor: Actor,
    reference: str = "",
    notes: str = "",
) -> BenefitClaim:
    """A claim for Housing Benefit, Universal Credit housing costs or a Discretionary Housing
    Payment that the tenant has made (often with our help)."""
    account = lock(account)
    claim = BenefitClaim.objects.create(
        account=account,
        kind=kind,
        claimed_on=claimed_on,
        reference=reference,
        notes=notes,
        recorded_by=actor_of(actor),
    )
    if kind == "housing_benefit" and reference and not account.housing_benefit_claim_ref:
        account.housing_benefit_claim_ref = reference
        account.save(update_fields=["housing_benefit_claim_ref"])
    _note_on_cases(
        account,
        f"{claim.get_kind_display()} claim made on {formats.day(claimed_on)}: waiting for a decision",
        actor,
    )
    return claim


@transaction.atomic
def decide_benefit_claim(
    *,
    claim: BenefitClaim,
    status: str,
    decided_on: date,
    actor: Actor,
    paid_to_landlord: bool = False,
) -> BenefitClaim:
    if status == ClaimStatus.PENDING:
        raise ValidationError({"status": "Choose the decision."})
    claim = lock(claim)
    claim.status = status
    claim.decided_on = decided_on
    claim.paid_to_landlord = paid_to_landlord
    claim.save(update_fields=["status", "decided_on", "paid_to_landlord"])
    to = " (paid to us)" if paid_to_landlord and status == ClaimStatus.AWARDED else ""
    _note_on_cases(
        claim.account,
        f"{claim.get_kind_display()} claim {claim.get_status_display().lower()}{to} on {formats.day(decided_on)}",
        actor,
    )
    return claim


def _note_on_cases(account: RentAccount, summary: str, actor: Actor) -> None:
    timeline.record(account, verb="benefit_claim", summary=summary, actor=actor)
    cases = list(account.arrears_cases.filter(status=CaseStatus.OPEN))
    for case in cases:
        timeline.record(case, verb="benefit_claim", summary=summary, actor=actor)
    refresh_cases([case.pk for case in cases])


@transaction.atomic
def request_direct_payment(
    *, case: ArrearsCase, actor: Actor, requested_on: date | None = None
) -> ArrearsCase:
    """Ask DWP for a managed payment (or the council to pay Housing Benefit to us)."""
    case = lock(case)
    _require_open(case)
    case.direct_payment_requested_on = requested_on or timezone.localdate()
    _save(case, "direct_payment_requested_on")
    timeline.record(
        case,
        verb="direct_payment_requested",
        summary="Asked for housing costs to be paid to us direct",
        actor=actor,
    )
    return case
