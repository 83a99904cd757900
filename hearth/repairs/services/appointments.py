"""Booking, rescheduling and cancelling repair appointments, and telling the resident.

Every appointment ends kept, missed, cancelled by the resident or cancelled by us. A booking
takes a place in the slot only if one is left (see `hearth.repairs.slots`); bookings for one
trade are serialised by locking its operatives' rows, so two people cannot take the last place.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hearth.core import calendar, formats, timeline
from hearth.core.casework import Actor, actor_of
from hearth.repairs import rules, slots
from hearth.repairs.models import (
    Appointment,
    FollowOn,
    Operative,
    Outcome,
    Repair,
    Slot,
    Status,
)
from hearth.repairs.services.common import create_with_ref, tell_resident

# Why a moved appointment was cancelled: kept in English, and translated when read.
MOVED = gettext_noop("Moved to another time")


def describe(appointment: Appointment) -> str:
    return describe_slot(day=appointment.date, slot=appointment.slot)


def describe_slot(*, day: date, slot: str) -> str:
    """An appointment's time: "Tuesday 8 December 2026, Morning (8am to 12 noon)"."""
    return f"{date_format(day, 'l j F Y')}, {Slot(slot).label}"


def calendar_url(appointment: Appointment) -> str:
    from hearth.repairs.ics import signed_calendar_url

    return signed_calendar_url(appointment)


def needed_trade(repair: Repair) -> str:
    """The trade the next visit needs: the latest unbooked further work's, else the repair's."""
    follow_on = repair.follow_ons.filter(appointment__isnull=True).order_by("-created_at").first()
    return (follow_on.trade if follow_on and follow_on.trade else "") or repair.trade


@transaction.atomic
def book_appointment(
    *,
    repair: Repair,
    day: date,
    slot: str,
    actor: Actor,
    operative: Any = None,
    check_capacity: bool = True,
    notify: bool = True,
    late_reason: str = "",
) -> Appointment:
    """Book a slot for the repair's next visit and send the resident a confirmation with a
    calendar (.ics) link. Refused for a closed repair, a day that is not a working day or has
    passed, a repair that already has a booked appointment, or a slot that is full.

    A day after the repair's due date is late (`rules.appointment_is_late`): it needs a
    reason, which goes on the timeline, and the resident's confirmation says honestly that it
    is after the date we promised, and why."""
    repair = Repair.objects.select_for_update().get(pk=repair.pk)
    errors: dict[str, str] = {}
    if repair.status != Status.OPEN:
        raise ValidationError(_("Appointments can only be booked for an open repair"))
    if slot not in Slot.values:
        errors["slot"] = _("Choose a time")
    elif day < timezone.localdate():
        errors["slot"] = _("Choose a day that has not passed")
    elif day > timezone.localdate() + timedelta(days=366):
        errors["slot"] = _("Choose a day within the next year")
    elif not calendar.is_working_day(day):
        errors["slot"] = _("Choose a working day")
    if repair.appointments.filter(outcome=Outcome.PENDING).exists():
        errors["slot"] = _(
            "This repair already has an appointment booked. Change that appointment instead."
        )
    late_reason = str(late_reason).strip()
    late = rules.appointment_is_late(day=day, due_on=repair.due_on)
    if late and not late_reason and "slot" not in errors:
        errors["late_reason"] = _(
            "This time is after the date we promised to fix the repair by (%(due)s): say why "
            "it cannot be sooner"
        ) % {"due": formats.day(repair.due_on)}
    elif len(late_reason) > 300:
        errors["late_reason"] = _("The reason must be 300 characters or fewer")
    if errors:
        raise ValidationError(errors)
    trade = slots.covering_trade(needed_trade(repair))
    # Serialise bookings for this trade so the last place cannot be taken twice.
    list(Operative.objects.select_for_update().filter(trade=trade).values_list("pk", flat=True))
    if check_capacity and not slots.has_place(trade=trade, day=day, slot=slot, operative=operative):
        raise ValidationError({"slot": _("That time is now full. Choose another time.")})
    appointment: Appointment = create_with_ref(
        Appointment,
        "A",
        repair=repair,
        date=day,
        slot=slot,
        trade=trade,
        operative=operative or repair.operative,
        booked_by=actor_of(actor),
        late_reason=late_reason if late else "",
    )
    FollowOn.objects.filter(repair=repair, appointment__isnull=True).update(appointment=appointment)
    summary = _("Appointment booked: %(when)s") % {"when": describe(appointment)}
    if late:
        summary += ". " + _(
            "This is after the date we promised (%(due)s). The reason: %(reason)s"
        ) % {"due": formats.day(repair.due_on), "reason": late_reason}
    timeline.record(
        repair,
        verb="appointment_booked",
        summary=summary,
        actor=actor,
        details={
            "appointment": appointment.ref,
            "date": appointment.date.isoformat(),
            "slot": appointment.slot,
            "late": late,
            "late_reason": appointment.late_reason,
            "due_on": repair.due_on.isoformat(),
        },
        visible_to_resident=True,
    )
    if notify:
        tell_resident(
            repair=repair,
            purpose="repair_appointment_booked",
            key=f"booked:{appointment.ref}",
            actor=actor,
            appointment=appointment,
            calendar_url=calendar_url(appointment),
            late_reason=appointment.late_reason,
        )
    return appointment


@transaction.atomic
def cancel_appointment(
    *,
    appointment: Appointment,
    actor: Actor,
    by_resident: bool,
    reason: str = "",
    notify: bool = True,
) -> Appointment:
    """Cancel a booked appointment. A cancellation by us on or after the appointment date
    counts as a missed appointment in the measures."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.outcome != Outcome.PENDING:
        raise ValidationError(_("Only a booked appointment can be cancelled"))
    today = timezone.localdate()
    if by_resident:
        appointment.cancel_by_resident(on=today, reason=reason)
        who = _("by the resident")
    else:
        appointment.cancel_by_landlord(on=today, reason=reason)
        who = _("by us")
    appointment.save()
    repair = appointment.repair
    timeline.record(
        repair,
        verb="appointment_cancelled",
        summary=_("Appointment on %(when)s cancelled %(who)s")
        % {"when": describe(appointment), "who": who}
        + (f": {reason}" if reason else ""),
        actor=actor,
        details={
            "appointment": appointment.ref,
            "by_resident": by_resident,
            "date": appointment.date.isoformat(),
            "slot": appointment.slot,
            "reason": reason,
        },
        visible_to_resident=True,
    )
    if notify:
        tell_resident(
            repair=repair,
            purpose="repair_appointment_cancelled",
            key=f"cancelled:{appointment.ref}",
            actor=actor,
            appointment=appointment,
            by_resident=by_resident,
        )
    return appointment


@transaction.atomic
def reschedule_appointment(
    *,
    appointment: Appointment,
    day: date,
    slot: str,
    actor: Actor,
    by_resident: bool,
    late_reason: str = "",
) -> Appointment:
    """Move an appointment: the old one is cancelled (by whoever asked) and a new one booked;
    the resident gets one confirmation of the new time."""
    if (appointment.date, appointment.slot) == (day, slot):
        raise ValidationError({"slot": _("Choose a different time from the one booked")})
    if (
        rules.appointment_is_late(day=day, due_on=appointment.repair.due_on)
        and not str(late_reason).strip()
    ):
        # Checked before the old appointment is cancelled, so a refusal changes nothing.
        raise ValidationError(
            {
                "late_reason": _(
                    "This time is after the date we promised to fix the repair by (%(due)s): say why "
                    "it cannot be sooner"
                )
                % {"due": formats.day(appointment.repair.due_on)}
            }
        )
    cancel_appointment(
        appointment=appointment,
        actor=actor,
        by_resident=by_resident,
        reason=MOVED,
        notify=False,
    )
    return book_appointment(
        repair=appointment.repair,
        day=day,
        slot=slot,
        actor=actor,
        operative=appointment.operative if not by_resident else None,
        late_reason=late_reason,
    )


@transaction.atomic
def tell_resident_on_the_way(*, appointment: Appointment, actor: Actor, eta: str = "") -> Any:
    """Optional: the operative lets the resident know they are on their way."""
    repair = appointment.repair
    timeline.record(
        repair,
        verb="on_the_way",
        summary=_("The operative is on the way"),
        actor=actor,
        visible_to_resident=True,
    )
    return tell_resident(
        repair=repair,
        purpose="repair_on_the_way",
        key=f"on-the-way:{appointment.ref}:{timezone.localdate().isoformat()}",
        actor=actor,
        eta=eta,
    )


@transaction.atomic
def mark_missed_appointments(*, before: date, actor: Actor = None) -> int:
    """Appointments still booked after their day has passed, with no visit recorded, were
    missed: nobody came (or came and did not say so)."""
    count = 0
    stale = Appointment.objects.select_for_update(of=("self",)).filter(
        outcome=Outcome.PENDING, date__lt=before, visits__isnull=True
    )
    for appointment in stale.select_related("repair"):
        appointment.mark_missed()
        appointment.save()
        timeline.record(
            appointment.repair,
            verb="appointment_missed",
            summary=_("Appointment on %(when)s missed: no visit was recorded")
            % {"when": describe(appointment)},
            actor=actor,
            details={"appointment": appointment.ref},
        )
        count += 1
    return count


def send_day_before_reminders(*, now: datetime) -> int:
    """Remind each resident the day before a booked appointment (once per appointment)."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    sent = 0
    appointments = Appointment.objects.filter(
        date=tomorrow, outcome=Outcome.PENDING, repair__status=Status.OPEN
    ).select_related("repair", "repair__reporter", "repair__tenancy")
    for appointment in appointments:
        with transaction.atomic():
            message = tell_resident(
                repair=appointment.repair,
                purpose="repair_appointment_reminder",
                key=f"reminder:{appointment.ref}:{appointment.date.isoformat()}",
                actor=None,
                contact_purpose="other",
                appointment=appointment,
                calendar_url=calendar_url(appointment),
            )
        if message is not None:
            sent += 1
    return sent
