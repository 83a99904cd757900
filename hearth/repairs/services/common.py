"""What every repairs service shares: new references, who the resident is, and telling them
through the case kit (`hearth.core.casework`)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction

from hearth.core import casework
from hearth.core.casework import Actor
from hearth.core.models import Message
from hearth.repairs.models import Repair
from hearth.tenancies.models import Person

CASE_TYPE = "repair"
# No 0/O or 1/I/L: residents read references out over the phone.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_ref(prefix: str) -> str:
    return f"{prefix}-" + "".join(secrets.choice(_ALPHABET) for _ in range(7))


def create_with_ref(model: type[models.Model], prefix: str, **fields: Any) -> Any:
    """Insert a record with a fresh random reference, trying again on the (rare) clash."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return model._default_manager.create(ref=new_ref(prefix), **fields)
        except IntegrityError:
            continue
    raise RuntimeError(f"Could not find a free {prefix} reference")


def resident_for(repair: Repair) -> Person | None:
    """Who hears about a repair: the person who reported it, else the tenancy's lead tenant."""
    if repair.reporter_id:
        return repair.reporter
    if repair.tenancy_id:
        return repair.tenancy.lead_tenant  # type: ignore[union-attr]
    return None


def resident_url(repair: Repair) -> str:
    return settings.SITE_URL.rstrip("/") + repair.get_resident_url()


def tell_resident(
    *,
    repair: Repair,
    purpose: str,
    key: str,
    actor: Actor,
    contact_purpose: str = "progress_update",
    **context: Any,
) -> Message | None:
    """Tell the repair's resident (`casework.tell_resident`): the message goes in the outbox
    and, once queued, is logged as a contact about the repair, so the contact log and the
    progress-updates measure see every update we sent.

    Returns None when there is nobody to tell (a communal repair staff noticed themselves).
    """
    person = resident_for(repair)
    if person is None:
        return None
    told = casework.tell_resident(
        case=repair,
        person=person,
        purpose=purpose,
        idempotency_key=f"repair:{repair.pk}:{key}",
        actor=actor,
        context={
            "repair": repair,
            "case_ref": repair.ref,
            "case_title": repair.summary,
            "case_url": resident_url(repair),
            **context,
        },
        contact=casework.ContactLog(CASE_TYPE, repair.ref, contact_purpose),
        record_not_sent=False,
    )
    return told.message


def log_contact(
    *, repair: Repair, channel: str, purpose: str, actor: Actor, notes: str = "", on: Any = None
) -> Any:
    return casework.log_contact(
        case_type=CASE_TYPE,
        case_ref=repair.ref,
        channel=channel,
        purpose=purpose,
        actor=actor,
        on=on,
        notes=notes,
    )
