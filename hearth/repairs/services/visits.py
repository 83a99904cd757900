"""Recording what happened at a visit, and keeping the resident up to date afterwards.

A visit ends `completed` (the repair is done), `further_work` (what, which trade, what
materials: a follow-on that needs a new appointment) or `no_access` (a card left, the resident
told, a new appointment offered). The visit settles its appointment: kept if the operative came
within the slot, missed if not.

After a further-work visit the resident must hear from us within 1 working day (charter; the
measure `repairs.progress_updates`). Recording the visit sends that update at once and logs it
as a contact; if it cannot be sent, the coordinator's queue shows the repair until someone
makes and records a contact.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor, actor_of
from hearth.core.deadlines import local_date
from hearth.repairs import rules
from hearth.repairs.models import (
    Appointment,
    FollowOn,
    Outcome,
    Repair,
    Status,
    Trade,
    Visit,
    VisitOutcome,
)
from hearth.repairs.services.common import create_with_ref, log_contact, tell_resident
from hearth.repairs.services.reporting import complete_repair


def _appointment_for(repair: Repair, visited_at: datetime) -> Appointment | None:
    """The booked (or wrongly marked missed) appointment on the day of the visit, if any."""
    return (
        repair.appointments.select_for_update()
        .filter(date=local_date(visited_at), outcome__in=[Outcome.PENDING, Outcome.MISSED])
        .order_by("pk")
        .first()
    )


def _settle(appointment: Appointment, visited_at: datetime) -> None:
    if rules.came_within_slot(appointment.date, appointment.slot, timezone.localtime(visited_at)):
        appointment.mark_kept()
    elif appointment.outcome == Outcome.PENDING:
        appointment.mark_missed()
    appointment.save()


@transaction.atomic
def record_visit(
    *,
    repair: Repair,
    actor: Actor,
    outcome: str,
    visited_at: datetime | None = None,
    operative: Any = None,
    notes: str = "",
    further_work: str = "",
    further_trade: str = "",
    materials: str = "",
    card_left: bool = False,
    resident_told: bool = False,
) -> Visit:
    """Record an operative's attendance and what it means for the repair and the resident."""
    repair = Repair.objects.select_for_update().get(pk=repair.pk)
    visited_at = visited_at or timezone.now()
    errors: dict[str, str] = {}
    if repair.status != Status.OPEN:
        raise ValidationError(_("Visits can only be recorded on an open repair"))
    if outcome not in VisitOutcome.values:
        errors["outcome"] = _("Choose what happened")
    if visited_at < repair.reported_at:
        errors["visited_at"] = _("The visit cannot be before the repair was reported")
    if visited_at > timezone.now() + timedelta(minutes=5):
        errors["visited_at"] = _("The visit cannot be in the future")
    if outcome == VisitOutcome.FURTHER_WORK and not further_work.strip():
        errors["further_work"] = _("Say what further work is needed")
    if further_trade and further_trade not in Trade.values:
        errors["further_trade"] = _("Choose a trade")
    if errors:
        raise ValidationError(errors)

    appointment = _appointment_for(repair, visited_at)
    if appointment is not None:
        _settle(appointment, visited_at)
    operative = operative or (actor if getattr(actor, "role", "") == "operative" else None)
    visit: Visit = create_with_ref(
        Visit,
        "V",
        repair=repair,
        appointment=appointment,
        operative=operative or (appointment.operative if appointment else None),
        visited_at=visited_at,
        outcome=outcome,
        notes=notes.strip(),
        card_left=card_left,
        resident_told=resident_told,
        update_due_on=(
            rules.progress_update_due(local_date(visited_at))
            if outcome == VisitOutcome.FURTHER_WORK
            else None
        ),
        recorded_by=actor_of(actor),
    )
    label = VisitOutcome(outcome).label
    timeline.record(
        repair,
        verb="visit_recorded",
        summary=_("Visit: %(outcome)s") % {"outcome": label}
        + (f". {further_work.strip()}" if outcome == VisitOutcome.FURTHER_WORK else ""),
        actor=actor,
        details={"visit": visit.ref, "outcome": outcome, "notes": visit.notes},
        visible_to_resident=True,
        occurred_at=visited_at,
    )
    if outcome == VisitOutcome.COMPLETED:
        complete_repair(repair=repair, actor=actor, completed_at=visited_at)
    elif outcome == VisitOutcome.FURTHER_WORK:
        FollowOn.objects.create(
            repair=repair,
            visit=visit,
            description=further_work.strip(),
            trade=further_trade or repair.trade,
            materials=materials.strip(),
        )
        tell_resident(
            repair=repair,
            purpose="repair_further_work",
            key=f"further-work:{visit.ref}",
            actor=actor,
            further_work=further_work.strip(),
            trade_label=Trade(further_trade).label if further_trade else "",
        )
    else:
        tell_resident(
            repair=repair,
            purpose="repair_no_access",
            key=f"no-access:{visit.ref}",
            actor=actor,
            card_left=card_left,
        )
    return visit


@transaction.atomic
def send_progress_update(*, repair: Repair, actor: Actor, update: str) -> Any:
    """Send the resident an update on their repair (and log it as a contact)."""
    update = update.strip()
    if not update:
        raise ValidationError({"update": _("Write the update for the resident")})
    event = timeline.record(
        repair,
        verb="progress_update",
        summary=_("Update to the resident: %(u)s") % {"u": update[:400]},
        actor=actor,
        visible_to_resident=True,
    )
    message = tell_resident(
        repair=repair,
        purpose="repair_update",
        key=f"update:{event.pk}",
        actor=actor,
        update=update,
    )
    if message is None:
        raise ValidationError(_("There is no resident to send this update to"))
    return message


@transaction.atomic
def record_repair_contact(
    *,
    repair: Repair,
    actor: Actor,
    channel: str,
    notes: str,
    on: Any = None,
    purpose: str = "progress_update",
) -> Any:
    """Log a contact made outside Hearth (a phone call, a visit) about a repair."""
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date must not be in the future")})
    contact = log_contact(
        repair=repair, channel=channel, purpose=purpose, actor=actor, notes=notes, on=on
    )
    timeline.record(
        repair,
        verb="contact_recorded",
        summary=_("Contact with the resident (%(channel)s): %(notes)s")
        % {"channel": contact.get_channel_display().lower(), "notes": notes[:300]},
        actor=actor,
        details={"contact": contact.ref},
    )
    return contact
