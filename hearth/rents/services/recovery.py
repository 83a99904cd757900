"""The steps that escalate an arrears case, each refused where the Pre-Action Protocol says
to hold back: the two arrears letters, the Notice of Seeking Possession, the referral for a
possession claim, and closing a case by hand."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.contacts.models import ContactChannel
from hearth.core import formats, timeline
from hearth.core.casework import Actor, lock
from hearth.core.models import Message
from hearth.rents import rules
from hearth.rents.models import (
    ArrearsCase,
    PlanStatus,
    Stage,
)
from hearth.rents.services.arrears import advance_stage, case_facts
from hearth.rents.services.casework import (
    _contact,
    _message_tenants,
    _require_open,
    _save,
)


@transaction.atomic
def send_arrears_letter(*, case: ArrearsCase, number: int, actor: Actor) -> list[Message]:
    """The first (what is owed, please contact us) or second (a notice may follow) arrears
    letter, to each named tenant separately."""
    case = lock(case)
    _require_open(case)
    if number not in (1, 2):
        raise ValidationError("There are two arrears letters: 1 and 2.")
    if number == 2 and case.letter_1_on is None:
        raise ValidationError("Send the first letter before the second.")
    today = timezone.localdate()
    facts = case_facts(case)
    messages = _message_tenants(
        case,
        purpose=f"rent_arrears_letter_{number}",
        context={
            "weekly_charge": facts.weekly_charge,
            "reply_by": today + timedelta(days=14),
        },
        key=f"rents:letter{number}:{case.pk}",
        actor=actor,
        on=today,
        notes=f"Arrears letter {number}",
    )
    setattr(case, f"letter_{number}_on", today)
    advance_stage(case, Stage.LETTER_1 if number == 1 else Stage.LETTER_2)
    _save(case, f"letter_{number}_on", "stage", "first_contacted_on", "last_contacted_on")
    timeline.record(
        case,
        verb=f"letter_{number}",
        summary=f"Arrears letter {number} sent to {len(messages)} tenant(s)",
        actor=actor,
        visible_to_resident=True,
    )
    return messages


@transaction.atomic
def serve_notice(
    *, case: ArrearsCase, served_on: date, actor: Actor, channel: str = ContactChannel.LETTER
) -> ArrearsCase:
    """Serve a Notice of Seeking Possession. Refused while a benefit claim is pending, a
    payment plan is being kept, or the protocol's earlier steps have not been taken."""
    case = lock(case)
    _require_open(case)
    barriers = rules.legal_action_barriers(case_facts(case))
    if barriers:
        raise ValidationError(barriers)
    _contact(
        case,
        channel=channel,
        actor=actor,
        on=served_on,
        notes="Notice of Seeking Possession served",
    )
    case.notice_served_on = served_on
    advance_stage(case, Stage.NOTICE)
    _save(case, "notice_served_on", "stage", "first_contacted_on", "last_contacted_on")
    timeline.record(
        case,
        verb="notice_served",
        summary=f"Notice of Seeking Possession served on {formats.day(served_on)}",
        actor=actor,
        visible_to_resident=True,
    )
    return case


@transaction.atomic
def refer_to_court(*, case: ArrearsCase, referred_on: date, actor: Actor) -> ArrearsCase:
    """Refer for a possession claim: the last resort. Refused for the same reasons as a
    notice, and until 28 days after the notice with a contact made since it."""
    case = lock(case)
    _require_open(case)
    facts = case_facts(case)
    barriers = rules.legal_action_barriers(facts)
    if case.notice_served_on is None:
        barriers.append("No Notice of Seeking Possession has been served.")
    else:
        if (referred_on - case.notice_served_on).days < rules.NOTICE_PERIOD_DAYS:
            barriers.append("The notice's 28 days have not passed yet.")
        if case.last_contacted_on is None or case.last_contacted_on <= case.notice_served_on:
            barriers.append(
                "Try to contact the tenant after serving the notice, before going to court."
            )
    if barriers:
        raise ValidationError(barriers)
    case.court_referred_on = referred_on
    advance_stage(case, Stage.COURT)
    _save(case, "court_referred_on", "stage")
    timeline.record(
        case,
        verb="court_referral",
        summary=f"Referred for a possession claim on {formats.day(referred_on)}",
        actor=actor,
    )
    return case


@transaction.atomic
def close_case(*, case: ArrearsCase, reason: str, actor: Actor) -> ArrearsCase:
    """Close a case by hand (for example the debt was written off or the tenant has died).
    If the account is still in arrears, the next posting opens a new case."""
    case = lock(case)
    _require_open(case)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the case is being closed."})
    case.close()
    case.closed_on = timezone.localdate()
    case.close_reason = reason[:200]
    case.save(update_fields=["status", "closed_on", "close_reason"])
    for plan in case.plans.filter(status=PlanStatus.ACTIVE):
        plan.cancel()
        plan.ended_on = case.closed_on
        plan.save(update_fields=["status", "ended_on"])
    timeline.record(case, verb="closed", summary=f"Closed: {reason}", actor=actor)
    return case
