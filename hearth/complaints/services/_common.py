"""What every complaints service shares: locking the complaint, checking dates, telling the
resident (outbox + contact log + timeline) and keeping the complaint's clock up to date."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.complaints import clocks, rules
from hearth.complaints.models import Complaint
from hearth.contacts.models import CaseType, Purpose
from hearth.core import casework
from hearth.core.casework import Actor
from hearth.core.models import Message

CASE_TYPE = CaseType.COMPLAINT


class StateConflict(ValidationError):
    """The complaint is not at a point where this can be done (e.g. answering it twice)."""


def lock(complaint: Complaint) -> Complaint:
    """The complaint re-read under a row lock, so two officers cannot act on it at once."""
    return casework.lock(complaint, related=["complainant"])


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise StateConflict(message)


def when(day: date) -> str:
    return date_format(day, "l j F Y")


def action_date(on: date | None, *, not_before: date, before_label: str, field: str = "on") -> date:
    """The date something was done: today unless given; never in the future, never before the
    event it follows (e.g. an acknowledgement before the complaint arrived)."""
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({field: _("The date must be today or in the past")})
    if day < not_before:
        raise ValidationError(
            {
                field: _("The date must be on or after %(label)s, %(day)s")
                % {"label": before_label, "day": when(not_before)}
            }
        )
    return day


def save(complaint: Complaint, fields: list[str]) -> None:
    """Save the changed fields and the clock they imply."""
    fields = [*fields, *clocks.refresh(complaint)]
    complaint.save(update_fields=sorted(set(fields)))


def case_url(complaint: Complaint) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/complaints/{complaint.ref}/"


def message_context(complaint: Complaint, **extra: Any) -> dict[str, Any]:
    return {
        "case_ref": complaint.ref,
        "case_title": _("Your complaint"),
        "case_url": case_url(complaint),
        "complaint": complaint,
        "category": complaint.get_category_display(),
        "ombudsman": rules.OMBUDSMAN,
        **extra,
    }


def tell_resident(
    complaint: Complaint,
    *,
    purpose: str,
    contact_purpose: str,
    key: str,
    actor: Actor,
    on: date,
    sent_by: str = "",
    context: dict[str, Any] | None = None,
) -> Message | None:
    """Send a message about the complaint on the resident's channel and log the contact
    (`casework.tell_resident`).

    With no person record, it goes to the email, phone or postal address the complainant gave.
    With none of those, Hearth cannot send it: the officer sends it themselves and says how
    (`sent_by`, a contact channel), which is logged; otherwise the timeline says it still has
    to be sent.
    """
    told = casework.tell_resident(
        case=complaint,
        purpose=purpose,
        idempotency_key=f"complaint:{complaint.ref}:{key}",
        actor=actor,
        person=complaint.complainant if complaint.complainant_id else None,
        address=own_address(complaint),
        context=message_context(complaint, **(context or {})),
        contact=casework.ContactLog(
            CASE_TYPE, complaint.ref, contact_purpose, notes=purpose.replace("_", " ")
        )
        if contact_purpose
        else None,
        on=on,
        sent_by=sent_by,
    )
    return told.message


PURPOSE_ACK = Purpose.ACKNOWLEDGEMENT
PURPOSE_RESPONSE = Purpose.RESPONSE
PURPOSE_UPDATE = Purpose.PROGRESS_UPDATE


def own_address(complaint: Complaint) -> casework.Address:
    """The addresses a complainant with no person record gave us when they complained."""
    return casework.Address(
        name=complaint.contact_name or "Resident",
        email=complaint.contact_email,
        phone=complaint.contact_phone,
        postal_address=complaint.contact_address,
    )


def has_own_address(complaint: Complaint) -> bool:
    return bool(own_address(complaint))
