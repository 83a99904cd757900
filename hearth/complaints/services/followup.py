"""After the response: outstanding actions tracked to done, compensation paid, what we learned,
and the landlord's annual self-assessment against the Code."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.complaints.models import (
    Answer,
    Complaint,
    ComplaintAction,
    Remedy,
    RemedyKind,
    RootCause,
    SelfAssessmentAnswer,
)
from hearth.complaints.self_assessment import REQUIREMENTS
from hearth.complaints.services._common import action_date, lock, when
from hearth.core import formats, timeline
from hearth.core.casework import Actor


@transaction.atomic
def add_action(
    *,
    complaint: Complaint,
    actor: Actor,
    description: str,
    due_on: date | None = None,
    owner: Any = None,
) -> ComplaintAction:
    """Promise something to put the complaint right; it stays on the owner's work until done."""
    complaint = lock(complaint)
    description = description.strip()
    if not description:
        raise ValidationError({"description": _("Say what will be done")})
    if len(description) > 500:
        raise ValidationError({"description": _("This must be 500 characters or fewer")})
    action = ComplaintAction.objects.create(
        complaint=complaint, description=description, due_on=due_on, owner=owner or actor
    )
    timeline.record(
        complaint,
        verb="action_added",
        summary=_("Action promised: %(what)s%(due)s")
        % {"what": description, "due": _(" by %(day)s") % {"day": when(due_on)} if due_on else ""},
        actor=actor,
        details={
            "action_id": action.pk,
            "what": description,
            "due_on": due_on.isoformat() if due_on else None,
        },
        visible_to_resident=True,
    )
    return action


@transaction.atomic
def complete_action(
    *, action: ComplaintAction, actor: Actor, note: str = "", on: date | None = None
) -> ComplaintAction:
    """Mark an outstanding action done (Code 6.6: tracked and actioned promptly)."""
    action = ComplaintAction.objects.select_for_update().get(pk=action.pk)
    if action.done_on is not None:
        raise ValidationError(_("This action is already done"))
    day = action_date(
        on,
        not_before=action.created_at.date(),
        before_label=_("the day it was promised"),
    )
    action.done_on = day
    action.done_note = note.strip()
    action.save(update_fields=["done_on", "done_note"])
    timeline.record(
        action.complaint,
        verb="action_done",
        summary=_("Action done: %(what)s") % {"what": action.description},
        actor=actor,
        details={"action_id": action.pk, "what": action.description},
        visible_to_resident=True,
    )
    return action


@transaction.atomic
def record_compensation_paid(*, remedy: Remedy, actor: Actor, on: date | None = None) -> Remedy:
    """Record that compensation was paid to the resident."""
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    if remedy.kind != RemedyKind.COMPENSATION:
        raise ValidationError(_("Only compensation is paid"))
    if remedy.paid_on is not None:
        raise ValidationError(_("This compensation has already been paid"))
    day = action_date(on, not_before=remedy.complaint.received_on, before_label=_("the complaint"))
    remedy.paid_on = day
    remedy.save(update_fields=["paid_on"])
    how = (
        _("set against rent arrears, as the resident agreed")
        if remedy.offset_against_arrears
        else _("paid to the resident")
    )
    timeline.record(
        remedy.complaint,
        verb="compensation_paid",
        summary=_("Compensation of %(amount)s %(how)s")
        % {"amount": formats.money(remedy.amount), "how": how},
        actor=actor,
        details={
            "remedy_id": remedy.pk,
            "amount": str(remedy.amount),
            "offset": remedy.offset_against_arrears,
        },
        visible_to_resident=True,
    )
    return remedy


@transaction.atomic
def record_learning(
    *,
    complaint: Complaint,
    actor: Actor,
    root_cause: str,
    lessons_learned: str,
    improvement: str = "",
) -> Complaint:
    """What went wrong underneath, what we learned and what we changed: the learning page and
    the annual report gather these by theme and quarter (Code 8.1)."""
    complaint = lock(complaint)
    errors = {}
    if root_cause not in RootCause.values:
        errors["root_cause"] = _("Choose the root cause")
    if not lessons_learned.strip():
        errors["lessons_learned"] = _("Say what we learned, even if it is that nothing went wrong")
    if errors:
        raise ValidationError(errors)
    complaint.root_cause = root_cause
    complaint.lessons_learned = lessons_learned.strip()
    complaint.improvement = improvement.strip()
    complaint.save(update_fields=["root_cause", "lessons_learned", "improvement"])
    timeline.record(
        complaint,
        verb="learning_recorded",
        summary=_("Learning recorded: %(cause)s") % {"cause": complaint.get_root_cause_display()},
        actor=actor,
    )
    return complaint


@transaction.atomic
def save_self_assessment(
    *, year: int, answers: Mapping[str, tuple[str, str]], actor: Actor
) -> list[SelfAssessmentAnswer]:
    """Record the landlord's answers to the Code's self-assessment for a financial year (Code
    8.2): for each requirement, yes / partly / no and the evidence."""
    known = {requirement.clause for requirement in REQUIREMENTS}
    errors = {}
    for clause, (answer, _evidence) in answers.items():
        if clause not in known:
            errors[f"clause_{clause}"] = _("%(clause)s is not in the self-assessment") % {
                "clause": clause
            }
        elif answer not in Answer.values:
            errors[f"answer_{clause}"] = _("Answer yes, partly or no")
    if errors:
        raise ValidationError(errors)
    saved = []
    for clause, (answer, evidence) in answers.items():
        row, _created = SelfAssessmentAnswer.objects.update_or_create(
            year=year,
            clause=clause,
            defaults={"answer": answer, "evidence": evidence.strip(), "answered_by": actor},
        )
        saved.append(row)
    return saved
