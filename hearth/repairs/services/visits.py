"""Recording what happened at a visit, and keeping the resident up to date afterwards.

A visit ends `completed` (the repair is done, and the resident is asked to confirm it is
fixed: "not fixed" reopens it), `further_work` (what, which trade, what materials: a follow-on
that needs a new appointment) or `no_access`, which needs evidence: a card left, a photo at
the door or a call. Three no-access visits, with more than one of those tried, go to the
repair's officer (`rules.no_access_escalates`). Visits on one repair are recorded in time
order: one cannot be earlier than the last. The visit settles its appointment: kept if the operative came
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

from hearth.core import formats, timeline
from hearth.core.casework import Actor, actor_of
from hearth.core.deadlines import local_date
from hearth.repairs import rules
from hearth.repairs.models import (
    Appointment,
    FollowOn,
    Outcome,
    Repair,
    RepairPhoto,
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
    phoned: bool = False,
    resident_told: bool = False,
    photo: RepairPhoto | None = None,
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
    if outcome == VisitOutcome.NO_ACCESS and not (card_left or phoned or photo is not None):
        errors["card_left"] = _(
            "Say how you tried to reach the resident: leave a card, take a photo of the door, "
            "or phone them"
        )
    last = repair.visits.order_by("-visited_at").first()
    if last is not None and visited_at < last.visited_at and "visited_at" not in errors:
        errors["visited_at"] = _(
            "The visit cannot be earlier than the last visit recorded on this repair, at %(when)s"
        ) % {"when": formats.moment(timezone.localtime(last.visited_at))}
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
        phoned=phoned,
        resident_told=resident_told,
        update_due_on=(
            rules.progress_update_due(local_date(visited_at))
            if outcome == VisitOutcome.FURTHER_WORK
            else None
        ),
        recorded_by=actor_of(actor),
    )
    if photo is not None:
        RepairPhoto.objects.filter(pk=photo.pk).update(repair=repair, visit=visit)
    label = VisitOutcome(outcome).label
    timeline.record(
        repair,
        verb="visit_recorded",
        summary=_("Visit: %(outcome)s") % {"outcome": label}
        + (f". {further_work.strip()}" if outcome == VisitOutcome.FURTHER_WORK else ""),
        actor=actor,
        details={
            "visit": visit.ref,
            "outcome": outcome,
            "notes": visit.notes,
            "further_work": further_work.strip(),
        },
        visible_to_resident=True,
        occurred_at=visited_at,
    )
    if outcome == VisitOutcome.COMPLETED:
        # Its message asks the resident to confirm it is fixed (resident_confirms_fix).
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
        _escalate_no_access(repair, actor=actor)
    return visit


def _means(visit: Visit) -> frozenset[str]:
    means = set()
    if visit.card_left:
        means.add(rules.NoAccessMeans.CARD)
    if visit.phoned:
        means.add(rules.NoAccessMeans.CALL)
    if visit.photos.exists():
        means.add(rules.NoAccessMeans.PHOTO)
    return frozenset(means)


def _escalate_no_access(repair: Repair, *, actor: Actor) -> None:
    """The third no-access visit, by more than one means, puts the repair in its officer's
    (or the coordinators') work, once."""
    if repair.no_access_escalated_at is not None:
        return
    since = repair.reopened_at or repair.reported_at
    no_access = repair.visits.filter(outcome=VisitOutcome.NO_ACCESS, visited_at__gte=since)
    if not rules.no_access_escalates(_means(v) for v in no_access):
        return
    repair.no_access_escalated_at = timezone.now()
    repair.save(update_fields=["no_access_escalated_at"])
    timeline.record(
        repair,
        verb="no_access_escalated",
        summary=_(
            "No access %(n)s times, by card, photo or call: passed to the officer to reach "
            "the resident"
        )
        % {"n": no_access.count()},
        actor=actor,
        details={"owner": repair.owner_id},
    )


@transaction.atomic
def resident_confirms_fix(*, repair: Repair, actor: Actor, fixed: bool, note: str = "") -> Repair:
    """The resident answers "is it fixed?" after a visit completed their repair. Yes is
    recorded; no reopens the repair (its due date stands, so the queue shows it as it is) and
    the coordinators see it again."""
    repair = Repair.objects.select_for_update().get(pk=repair.pk)
    note = note.strip()
    if repair.status != Status.COMPLETED or repair.fix_confirmed_at is not None:
        raise ValidationError(_("This repair is not waiting for you to confirm it is fixed"))
    if not fixed and not note:
        raise ValidationError({"note": _("Tell us what is still wrong")})
    now = timezone.now()
    if fixed:
        repair.fix_confirmed_at = now
        repair.save(update_fields=["fix_confirmed_at"])
        timeline.record(
            repair,
            verb="fix_confirmed",
            summary=_("The resident confirmed the repair is fixed"),
            actor=actor,
            visible_to_resident=True,
        )
        return repair
    repair.reopen(at=now)
    repair.no_access_escalated_at = None
    repair.save()
    timeline.record(
        repair,
        verb="repair_reopened",
        summary=_("Reopened: the resident says it is not fixed. %(note)s") % {"note": note[:500]},
        actor=actor,
        details={"note": note},
        visible_to_resident=True,
    )
    tell_resident(
        repair=repair,
        purpose="repair_update",
        key=f"reopened:{now.isoformat()}",
        actor=actor,
        update=_("We have reopened your repair and will be in touch to arrange a visit."),
    )
    return repair


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
        details={"update": update},
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
