"""Taking a complaint in, from any channel, and saying who it is from and who handles it."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.complaints import rules
from hearth.complaints.models import Category, Channel, Complaint
from hearth.complaints.services._common import (
    StateConflict,
    has_own_address,
    lock,
    message_context,
    own_address,
    require,
    save,
)
from hearth.core import casework, timeline
from hearth.core.casework import Actor, actor_of
from hearth.core.permissions import Can, can
from hearth.tenancies.models import Person, Tenancy
from hearth.tenancies.services import clean_email, clean_phone

# No 0/O or 1/I: a reference read out over the phone must not be misheard.
_REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_ref() -> str:
    return "CMP-" + "".join(secrets.choice(_REF_ALPHABET) for _ in range(6))


def _text(value: str, field: str, errors: dict[str, str], *, limit: int | None = None) -> str:
    value = (value or "").strip()
    if limit is not None and len(value) > limit:
        errors[field] = _("This must be %(limit)s characters or fewer") % {"limit": limit}
    return value


@transaction.atomic
def make_complaint(
    *,
    actor: Actor,
    category: str,
    description: str,
    desired_outcome: str = "",
    channel: str = Channel.ONLINE,
    received_on: date | None = None,
    tenancy: Tenancy | None = None,
    complainant: Person | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    contact_address: str = "",
    representative_name: str = "",
    representative_relationship: str = "",
    representative_contact: str = "",
    issue_date: date | None = None,
    about_case_type: str = "",
    about_case_ref: str = "",
) -> Complaint:
    """Log a complaint, "an expression of dissatisfaction, however made, about the standard of
    service, actions or lack of action by the landlord, its own staff, or those acting on its
    behalf, affecting a resident or group of residents" (Code 1.2), by any channel (Code 3.1).

    We must be able to reply: either a person on our records, or a name and at least one way
    to reach them. Someone may complain for the resident (a representative or advocate).
    """
    today = timezone.localdate()
    errors: dict[str, str] = {}
    received_on = received_on or today
    received_problem = rules.received_on_problem(received_on, today=today)
    if received_problem:
        errors["received_on"] = received_problem
    if category not in Category.values:
        errors["category"] = _("Choose what your complaint is about")
    if channel not in Channel.values:
        errors["channel"] = _("Choose how the complaint was made")
    description = _text(description, "description", errors, limit=5000)
    if not description and "description" not in errors:
        errors["description"] = _("Tell us what happened")
    desired_outcome = _text(desired_outcome, "desired_outcome", errors, limit=2000)
    contact_name = _text(contact_name, "contact_name", errors, limit=200)
    contact_address = _text(contact_address, "contact_address", errors, limit=500)
    try:
        contact_email = clean_email(contact_email)
    except ValidationError as error:
        errors["contact_email"] = error.messages[0]
    try:
        contact_phone = clean_phone(contact_phone)
    except ValidationError as error:
        errors["contact_phone"] = error.messages[0]
    if complainant is None and tenancy is not None:
        complainant = tenancy.lead_tenant
    if complainant is None:
        if not contact_name and "contact_name" not in errors:
            errors["contact_name"] = _("Enter the name of the person complaining")
        if not (contact_email or contact_phone or contact_address) and not (
            {"contact_email", "contact_phone"} & errors.keys()
        ):
            errors["contact_email"] = _(
                "Give an email address, phone number or postal address so we can reply"
            )
    representative_name = _text(representative_name, "representative_name", errors, limit=200)
    representative_relationship = _text(
        representative_relationship, "representative_relationship", errors, limit=100
    )
    representative_contact = _text(
        representative_contact, "representative_contact", errors, limit=200
    )
    if (representative_relationship or representative_contact) and not representative_name:
        errors["representative_name"] = _("Enter the name of the person complaining for them")
    if issue_date is not None and issue_date > received_on:
        errors["issue_date"] = _("The date of the issue must be on or before the date received")
    if errors:
        raise ValidationError(errors)

    complaint = Complaint(
        tenancy=tenancy,
        home=tenancy.home if tenancy is not None else None,
        complainant=complainant,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        contact_address=contact_address,
        representative_name=representative_name,
        representative_relationship=representative_relationship,
        representative_contact=representative_contact,
        channel=channel,
        received_on=received_on,
        issue_date=issue_date,
        category=category,
        description=description,
        desired_outcome=desired_outcome,
        about_case_type=about_case_type.strip()[:20],
        about_case_ref=about_case_ref.strip()[:60],
        created_by=actor_of(actor),
    )
    _insert_with_new_ref(complaint)
    who = complaint.complainant_name or _("a resident")
    on_behalf = (
        _(" (made for them by %(name)s)") % {"name": representative_name}
        if representative_name
        else ""
    )
    timeline.record(
        complaint,
        verb="received",
        summary=_("Complaint received from %(who)s%(behalf)s by %(channel)s")
        % {"who": who, "behalf": on_behalf, "channel": complaint.get_channel_display().lower()},
        actor=actor,
        details={
            "channel": channel,
            "about": f"{about_case_type} {about_case_ref}".strip(),
            "who": complaint.complainant_name,
            "representative": representative_name,
        },
        visible_to_resident=True,
    )
    if complainant is not None or has_own_address(complaint):
        due = rules.stage1_acknowledgement_due(received_on)
        # A receipt, not the acknowledgement the Code asks for: not a contact in the log.
        casework.tell_resident(
            case=complaint,
            purpose="complaint_received",
            idempotency_key=f"complaint:{complaint.ref}:received",
            actor=actor,
            person=complainant,
            address=own_address(complaint),
            context=message_context(complaint, acknowledge_by=due),
            contact=None,
            record_not_sent=False,
        )
    return complaint


def _insert_with_new_ref(complaint: Complaint) -> None:
    """Save under a fresh reference; a clash with an existing one (vanishingly rare) retries."""
    from hearth.complaints import clocks

    clocks.refresh(complaint)
    for _attempt in range(5):
        complaint.ref = new_ref()
        try:
            with transaction.atomic():
                complaint.save()
            return
        except IntegrityError:
            if not Complaint.objects.filter(ref=complaint.ref).exists():
                raise
    raise IntegrityError("Could not find a free complaint reference")


@transaction.atomic
def link_complainant(
    *, complaint: Complaint, actor: Actor, tenancy: Tenancy | None, person: Person | None
) -> Complaint:
    """Say which tenancy and person a complaint is from (e.g. one made on the public site
    without signing in), so Hearth can write to them and it shows in their account."""
    complaint = lock(complaint)
    if (
        person is not None
        and tenancy is not None
        and not tenancy.members.filter(person=person).exists()
    ):
        raise ValidationError({"person": _("That person is not in this tenancy's household")})
    complaint.tenancy = tenancy
    complaint.home = tenancy.home if tenancy is not None else complaint.home
    complaint.complainant = person
    save(complaint, ["tenancy", "home", "complainant"])
    timeline.record(
        complaint,
        verb="complainant_linked",
        summary=_("Complaint linked to %(who)s%(tenancy)s")
        % {
            "who": person.full_name if person else _("no person"),
            "tenancy": f" ({tenancy.ref})" if tenancy else "",
        },
        actor=actor,
    )
    return complaint


@transaction.atomic
def assign_handler(*, complaint: Complaint, stage: int, handler: Any, actor: Actor) -> Complaint:
    """Give a stage of the complaint to an officer who handles complaints. At stage 2 it must be
    someone other than the stage 1 handler (Code 6.15)."""
    complaint = lock(complaint)
    if stage not in (1, 2):
        raise ValidationError({"stage": _("Choose stage 1 or stage 2")})
    if not can(handler, Can.HANDLE_COMPLAINTS):
        raise ValidationError({"handler": _("Choose someone whose role handles complaints")})
    if stage == 2:
        require(complaint.stage2_requested_on is not None, _("This complaint is not at stage 2"))
        if not rules.stage2_handler_differs(
            stage1_handler_id=complaint.stage1_handler_id, stage2_handler_id=handler.pk
        ):
            raise ValidationError(
                {"handler": _("Stage 2 must be handled by someone other than the stage 1 handler")}
            )
        complaint.stage2_handler = handler
    else:
        require(complaint.stage1_responded_on is None, _("Stage 1 has already been answered"))
        if complaint.stage2_handler_id == handler.pk:
            raise ValidationError(
                {"handler": _("This person handles stage 2, so cannot handle stage 1")}
            )
        complaint.stage1_handler = handler
    save(complaint, [f"stage{stage}_handler"])
    timeline.record(
        complaint,
        verb="handler_assigned",
        summary=_("Stage %(stage)s given to %(name)s")
        % {"stage": stage, "name": handler.display_name},
        actor=actor,
        details={"stage": stage, "handler_id": handler.pk},
    )
    return complaint


__all__ = ["StateConflict", "assign_handler", "link_complainant", "make_complaint", "new_ref"]
