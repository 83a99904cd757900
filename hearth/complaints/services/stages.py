"""The two stages of the Code: acknowledge, extend, respond, escalate; and refusing or
withdrawing a complaint. Each checks the Code's rules, moves the state machine, writes the
timeline, tells the resident on their channel and logs the contact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.complaints import clocks, rules
from hearth.complaints.models import (
    STAGE1_STATUSES,
    STAGE2_STATUSES,
    Complaint,
    ComplaintAction,
    ComplaintResponse,
    Outcome,
    Remedy,
    RemedyKind,
    Status,
)
from hearth.complaints.services._common import (
    PURPOSE_ACK,
    PURPOSE_RESPONSE,
    PURPOSE_UPDATE,
    action_date,
    lock,
    require,
    save,
    tell_resident,
    when,
)
from hearth.core import case_events, timeline
from hearth.core.casework import Actor
from hearth.core.permissions import Can, can


def _current_stage(complaint: Complaint) -> int:
    if complaint.status in STAGE1_STATUSES:
        return 1
    if complaint.status in STAGE2_STATUSES:
        return 2
    raise ValidationError(_("This complaint is not open at either stage"))


def _check_stage2_person(complaint: Complaint, person: Any, field: str = "handler") -> None:
    """Code 6.15: the stage 1 handler may not consider the complaint at stage 2."""
    if not rules.stage2_handler_differs(
        stage1_handler_id=complaint.stage1_handler_id,
        stage2_handler_id=getattr(person, "pk", None),
    ):
        raise ValidationError(
            {
                field: _(
                    "%(name)s handled stage 1, so someone else must handle stage 2 "
                    "(Complaint Handling Code 6.15)"
                )
                % {"name": person.display_name}
            }
        )


def _take_stage(complaint: Complaint, stage: int, actor: Actor, *, deciding: bool = False) -> None:
    """The officer acting becomes the stage's handler if it has none. At stage 2 the handler,
    and whoever decides (sends the final response), must not be the stage 1 handler."""
    if not can(actor, Can.HANDLE_COMPLAINTS):
        raise ValidationError(_("Only staff who handle complaints can do this"))
    if stage == 1:
        if complaint.stage1_handler_id is None:
            complaint.stage1_handler = actor
        return
    if complaint.stage2_handler_id is None:
        _check_stage2_person(complaint, actor)
        complaint.stage2_handler = actor
    else:
        _check_stage2_person(complaint, complaint.stage2_handler)
    if deciding:
        _check_stage2_person(complaint, actor)


@transaction.atomic
def acknowledge(
    *,
    complaint: Complaint,
    actor: Actor,
    definition: str,
    on: date | None = None,
    sent_by: str = "",
) -> Complaint:
    """Acknowledge, define and log the complaint at its stage (Code 6.2 and 6.13): our
    understanding of it and of what the resident wants, sent to them on their channel."""
    complaint = lock(complaint)
    stage = _current_stage(complaint)
    require(
        complaint.status in (Status.STAGE1_RECEIVED, Status.STAGE2_REQUESTED),
        _("This stage has already been acknowledged"),
    )
    definition = definition.strip()
    if not definition:
        raise ValidationError(
            {"definition": _("Say what you understand the complaint to be and what they want")}
        )
    since = complaint.received_on if stage == 1 else complaint.stage2_requested_on
    assert since is not None
    day = action_date(on, not_before=since, before_label=_("the date it was received"))
    _take_stage(complaint, stage, actor)
    if stage == 1:
        complaint.acknowledge_stage1()
        complaint.stage1_acknowledged_on, complaint.stage1_definition = day, definition
    else:
        complaint.acknowledge_stage2()
        complaint.stage2_acknowledged_on, complaint.stage2_definition = day, definition
    save(
        complaint,
        [
            "status",
            f"stage{stage}_acknowledged_on",
            f"stage{stage}_definition",
            f"stage{stage}_handler",
        ],
    )
    _action, due = clocks.next_step(complaint)
    timeline.record(
        complaint,
        verb=f"stage{stage}_acknowledged",
        summary=_("Stage %(stage)s acknowledged: we will reply by %(due)s")
        % {"stage": stage, "due": when(due) if due else ""},
        actor=actor,
        details={"stage": stage, "on": day.isoformat(), "due": due.isoformat() if due else None},
        visible_to_resident=True,
    )
    tell_resident(
        complaint,
        purpose="complaint_acknowledged",
        contact_purpose=PURPOSE_ACK,
        key=f"stage{stage}:acknowledged",
        actor=actor,
        on=day,
        sent_by=sent_by,
        context={"stage": stage, "definition": definition, "respond_by": due},
    )
    return complaint


@transaction.atomic
def extend(
    *,
    complaint: Complaint,
    actor: Actor,
    days: int,
    reason: str,
    on: date | None = None,
    sent_by: str = "",
) -> Complaint:
    """Extend the time to respond at the current stage, within the Code's cap, telling the
    resident why and giving them the Ombudsman's contact details (Code 6.4, 6.5, 6.17, 6.18)."""
    complaint = lock(complaint)
    require(complaint.is_open, _("This complaint is closed, so there is no response to extend."))
    complaint.extend_time()
    stage = _current_stage(complaint)
    already = complaint.stage1_extension_days if stage == 1 else complaint.stage2_extension_days
    problem = rules.extension_problem(stage=stage, already=already, extra=days, reason=reason)
    if problem:
        field = "reason" if days >= 1 and not reason.strip() else "days"
        raise ValidationError({field: problem})
    since = complaint.received_on if stage == 1 else complaint.stage2_requested_on
    assert since is not None
    day = action_date(on, not_before=since, before_label=_("the date it was received"))
    _take_stage(complaint, stage, actor)
    setattr(complaint, f"stage{stage}_extension_days", already + days)
    previous = getattr(complaint, f"stage{stage}_extension_reason")
    reason = reason.strip()
    setattr(
        complaint,
        f"stage{stage}_extension_reason",
        f"{previous}\n{reason}".strip() if previous else reason,
    )
    save(
        complaint,
        [
            f"stage{stage}_extension_days",
            f"stage{stage}_extension_reason",
            f"stage{stage}_handler",
        ],
    )
    due = _response_due(complaint, stage)
    timeline.record(
        complaint,
        verb=f"stage{stage}_extended",
        summary=_("Stage %(stage)s extended by %(days)s working days, to %(due)s: %(reason)s")
        % {"stage": stage, "days": days, "due": when(due), "reason": reason},
        actor=actor,
        details={"stage": stage, "days": days, "due": due.isoformat(), "reason": reason},
        visible_to_resident=True,
    )
    tell_resident(
        complaint,
        purpose="complaint_extended",
        contact_purpose=PURPOSE_UPDATE,
        key=f"stage{stage}:extended:{already + days}",
        actor=actor,
        on=day,
        sent_by=sent_by,
        context={"stage": stage, "days": days, "reason": reason, "respond_by": due},
    )
    return complaint


def _response_due(complaint: Complaint, stage: int) -> date:
    if stage == 1:
        return rules.stage1_response_due(
            received_on=complaint.received_on,
            acknowledged_on=complaint.stage1_acknowledged_on,
            extension_days=complaint.stage1_extension_days,
        )
    assert complaint.stage2_requested_on is not None
    return rules.stage2_response_due(
        requested_on=complaint.stage2_requested_on,
        acknowledged_on=complaint.stage2_acknowledged_on,
        extension_days=complaint.stage2_extension_days,
    )


@dataclass(frozen=True)
class RemedyOffer:
    kind: str
    description: str = ""
    amount: Decimal | None = None
    offset_against_arrears: bool = False
    resident_consented_to_offset: bool = False


@dataclass(frozen=True)
class ActionPromise:
    description: str
    due_on: date | None = None
    owner: Any = None


def _check_remedies(remedies: list[RemedyOffer]) -> None:
    for offer in remedies:
        if offer.kind not in RemedyKind.values:
            raise ValidationError({"remedies": _("Choose a kind of remedy")})
        if offer.kind == RemedyKind.COMPENSATION:
            if offer.amount is None or offer.amount <= 0:
                raise ValidationError(
                    {"compensation": _("Enter the compensation amount in pounds")}
                )
            if offer.amount != offer.amount.quantize(Decimal("0.01")):
                raise ValidationError({"compensation": _("Enter an amount in pounds and pence")})
        if not rules.compensation_offset_allowed(
            offset_against_arrears=offer.offset_against_arrears,
            resident_consented=offer.resident_consented_to_offset,
        ):
            raise ValidationError(
                {
                    "offset_against_arrears": _(
                        "Compensation can only be set against rent arrears if the resident agreed"
                    )
                }
            )


@transaction.atomic
def respond(
    *,
    complaint: Complaint,
    actor: Actor,
    decision: str,
    reasons: str,
    remedy: str,
    outstanding_actions: str,
    how_to_escalate: str,
    remedies: list[RemedyOffer] | None = None,
    actions: list[ActionPromise] | None = None,
    on: date | None = None,
    sent_by: str = "",
) -> ComplaintResponse:
    """Send the stage's response: it will not go without every part the Code requires (Code
    6.11 and 6.21). At stage 2 it is the final response, sent by someone other than the stage 1
    handler (Code 6.15), and tells the resident how to go to the Ombudsman. Outstanding actions
    are tracked to done (Code 6.6)."""
    complaint = lock(complaint)
    stage = _current_stage(complaint)
    require(
        complaint.status in (Status.STAGE1_OPEN, Status.STAGE2_OPEN),
        _("Acknowledge this stage before responding"),
    )
    remedies = remedies or []
    actions = actions or []
    definition = getattr(complaint, f"stage{stage}_definition")
    parts = {
        "definition": definition,
        "decision": decision if decision in Outcome.values and decision != "withdrawn" else "",
        "reasons": reasons,
        "remedy": remedy,
        "outstanding_actions": outstanding_actions,
        "how_to_escalate": how_to_escalate,
    }
    missing = rules.response_missing_parts(parts)
    if missing:
        labels = dict(rules.RESPONSE_PARTS)
        raise ValidationError(
            {
                name: _("The response must include %(part)s") % {"part": labels[name]}
                for name in missing
            }
        )
    _check_remedies(remedies)
    since = getattr(complaint, f"stage{stage}_acknowledged_on")
    day = action_date(on, not_before=since, before_label=_("the acknowledgement"))
    _take_stage(complaint, stage, actor, deciding=True)
    if stage == 2:
        complaint.answer_stage2()
    else:
        complaint.answer_stage1()
    response = ComplaintResponse.objects.create(
        complaint=complaint,
        stage=stage,
        definition=definition,
        decision=decision,
        reasons=reasons.strip(),
        remedy=remedy.strip(),
        outstanding_actions=outstanding_actions.strip(),
        how_to_escalate=how_to_escalate.strip(),
        sent_on=day,
        sent_by=actor,
    )
    for offer in remedies:
        Remedy.objects.create(
            complaint=complaint,
            response=response,
            kind=offer.kind,
            description=offer.description.strip(),
            amount=offer.amount if offer.kind == RemedyKind.COMPENSATION else None,
            offset_against_arrears=offer.offset_against_arrears,
            resident_consented_to_offset=offer.resident_consented_to_offset,
        )
    for promise in actions:
        if promise.description.strip():
            ComplaintAction.objects.create(
                complaint=complaint,
                description=promise.description.strip()[:500],
                due_on=promise.due_on,
                owner=promise.owner or getattr(complaint, f"stage{stage}_handler"),
            )
    amounts: list[Decimal] = list(
        complaint.remedies.filter(kind=RemedyKind.COMPENSATION, amount__isnull=False).values_list(
            "amount", flat=True
        )  # type: ignore[arg-type]
    )
    setattr(complaint, f"stage{stage}_responded_on", day)
    complaint.outcome = decision
    complaint.compensation = rules.compensation_total(amounts) if amounts else None
    save(
        complaint,
        [
            "status",
            f"stage{stage}_responded_on",
            "outcome",
            "compensation",
            f"stage{stage}_handler",
        ],
    )
    label = _("Final response") if stage == 2 else _("Stage 1 response")
    timeline.record(
        complaint,
        verb=f"stage{stage}_responded",
        summary=_("%(label)s sent: %(decision)s")
        % {"label": label, "decision": response.get_decision_display().lower()},
        actor=actor,
        details={"stage": stage, "response_id": response.pk, "decision": response.decision},
        visible_to_resident=True,
    )
    tell_resident(
        complaint,
        purpose="complaint_final_response" if stage == 2 else "complaint_response",
        contact_purpose=PURPOSE_RESPONSE,
        key=f"stage{stage}:response",
        actor=actor,
        on=day,
        sent_by=sent_by,
        context={"stage": stage, "response": response},
    )
    case_events.case_closed(
        case_events.CaseClosed(
            case_type="complaint",
            case_ref=complaint.ref,
            closed_on=day,
            person_id=complaint.complainant_id,
            tenancy_id=complaint.tenancy_id,
            actor=actor,
        )
    )
    return response


@transaction.atomic
def escalate(
    *, complaint: Complaint, actor: Actor, reason: str = "", on: date | None = None
) -> Complaint:
    """Open stage 2 at the resident's request, made by them or for them by staff. No reasons are
    needed (Code 6.14); a stage 1 response must exist and the complaint can go to stage 2 once
    (Code 6.12)."""
    complaint = lock(complaint)
    require(
        rules.may_escalate(
            stage1_responded_on=complaint.stage1_responded_on,
            stage2_requested_on=complaint.stage2_requested_on,
        )
        and complaint.status == Status.STAGE1_ANSWERED,
        _("This complaint cannot go to stage 2 now"),
    )
    assert complaint.stage1_responded_on is not None
    day = action_date(on, not_before=complaint.stage1_responded_on, before_label=_("the response"))
    complaint.escalate()
    complaint.stage2_requested_on = day
    complaint.stage2_reason = reason.strip()
    save(complaint, ["status", "stage2_requested_on", "stage2_reason"])
    by_resident = getattr(actor, "is_resident", False)
    timeline.record(
        complaint,
        verb="escalated",
        summary=_("Stage 2 requested by the resident")
        if by_resident
        else _("Stage 2 requested for the resident by %(name)s")
        % {"name": getattr(actor, "display_name", _("staff"))},
        actor=actor,
        details={
            "on": day.isoformat(),
            "by_resident": by_resident,
            "name": getattr(actor, "display_name", ""),
        },
        visible_to_resident=True,
    )
    return complaint
