"""Ending a complaint early: refusing it under the Code, or the resident withdrawing it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.complaints import rules
from hearth.complaints.models import Complaint, Outcome, Status
from hearth.complaints.services._common import action_date, lock, require, save, tell_resident
from hearth.core import timeline
from hearth.core.casework import Actor
from hearth.core.permissions import Can, can


@transaction.atomic
def exclude(
    *,
    complaint: Complaint,
    actor: Actor,
    reason: str,
    explanation: str,
    issue_date: date | None = None,
    on: date | None = None,
    sent_by: str = "",
) -> Complaint:
    """Refuse a complaint on one of the Code's grounds (Code 2.2), explaining why and telling the
    resident they can still take the decision to the Ombudsman (Code 2.4)."""
    complaint = lock(complaint)
    require(
        complaint.status == Status.STAGE1_RECEIVED,
        _("Only a complaint not yet acknowledged can be refused"),
    )
    issue_date = issue_date or complaint.issue_date
    errors = rules.exclusion_problem(
        reason=reason,
        explanation=explanation,
        received_on=complaint.received_on,
        issue_date=issue_date,
    )
    if errors:
        raise ValidationError(errors)
    day = action_date(on, not_before=complaint.received_on, before_label=_("the date received"))
    if not can(actor, Can.HANDLE_COMPLAINTS):
        raise ValidationError(_("Only staff who handle complaints can do this"))
    complaint.exclude()
    complaint.exclusion_reason = reason
    complaint.exclusion_explanation = explanation.strip()
    complaint.excluded_on = day
    complaint.issue_date = issue_date
    save(
        complaint,
        ["status", "exclusion_reason", "exclusion_explanation", "excluded_on", "issue_date"],
    )
    timeline.record(
        complaint,
        verb="excluded",
        summary=_("Not taken on as a complaint: %(reason)s")
        % {"reason": complaint.get_exclusion_reason_display()},
        actor=actor,
        details={"reason": reason},
        visible_to_resident=True,
    )
    tell_resident(
        complaint,
        purpose="complaint_excluded",
        # Not a contact about a complaint: it never became one (and complaints.csv, which
        # contacts.csv rows point at, does not carry refused complaints).
        contact_purpose="",
        key="excluded",
        actor=actor,
        on=day,
        sent_by=sent_by,
        context={"reason": complaint.get_exclusion_reason_display(), "explanation": explanation},
    )
    return complaint


@transaction.atomic
def withdraw(
    *, complaint: Complaint, actor: Actor, note: str = "", on: date | None = None
) -> Complaint:
    """The resident withdraws the complaint (by telling staff, or from their account)."""
    complaint = lock(complaint)
    require(complaint.is_open, _("Only an open complaint can be withdrawn"))
    day = action_date(on, not_before=complaint.received_on, before_label=_("the date received"))
    complaint.withdraw()
    complaint.withdrawn_on = day
    complaint.outcome = Outcome.WITHDRAWN
    save(complaint, ["status", "withdrawn_on", "outcome"])
    timeline.record(
        complaint,
        verb="withdrawn",
        summary=_("Complaint withdrawn") + (f": {note.strip()}" if note.strip() else ""),
        actor=actor,
        details={"note": note.strip()},
        visible_to_resident=True,
    )
    return complaint
