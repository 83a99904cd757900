"""Recording contacts with residents."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import transaction

from hearth.contacts.models import Contact, Direction
from hearth.core.casework import Actor, actor_of


def new_contact_ref() -> str:
    return f"CON-{uuid.uuid4().hex[:12].upper()}"


@transaction.atomic
def record_contact(
    *,
    case_type: str,
    case_ref: str,
    channel: str,
    purpose: str,
    actor: Actor = None,
    contacted_on: date | None = None,
    direction: str = Direction.OUTBOUND,
    notes: str = "",
) -> Contact:
    """Log one contact about a case. The case's own service writes the timeline event, since
    only it knows how to describe the contact in that case's words."""
    contact = Contact(
        ref=new_contact_ref(),
        case_type=case_type,
        case_ref=case_ref,
        channel=channel,
        purpose=purpose,
        direction=direction,
        notes=notes,
        recorded_by=actor_of(actor),
    )
    if contacted_on is not None:
        contact.contacted_on = contacted_on
    contact.full_clean(exclude=["recorded_by"])
    contact.save()
    return contact
