"""Calendar files (.ics) for repair appointments, and the signed link messages carry so a
resident can add the appointment to their calendar without signing in."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from hearth.core.models import Landlord
from hearth.repairs import rules
from hearth.repairs.models import Appointment, Slot

SALT = "hearth.repairs.appointment-calendar"
# Long enough for any appointment booked ahead; the link names one appointment only.
MAX_AGE_SECONDS = 200 * 24 * 60 * 60


def calendar_token(appointment: Appointment) -> str:
    return signing.dumps({"a": appointment.pk}, salt=SALT, compress=True)


def appointment_from_token(token: str) -> Appointment | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("a"), int):
        return None
    return (
        Appointment.objects.select_related("repair", "repair__home", "repair__block")
        .filter(pk=data["a"])
        .first()
    )


def signed_calendar_url(appointment: Appointment) -> str:
    path = reverse("repairs_portal:appointment-calendar", args=[calendar_token(appointment)])
    return settings.SITE_URL.rstrip("/") + path


def appointment_ics(appointment: Appointment) -> bytes:
    """One VEVENT for the slot (8am-12, 12-6pm or 8am-6pm, London time). A cancelled
    appointment is published as CANCELLED so a calendar that imported it can drop it."""
    repair = appointment.repair
    landlord = Landlord.current()
    start, end = rules.slot_window(appointment.date, appointment.slot)
    cal = Calendar()
    cal.add("prodid", "-//Hearth//Repairs//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{appointment.ref}@hearth")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"Repair appointment ({Slot(appointment.slot).label}) {repair.ref}")
    event.add(
        "description",
        f"{landlord.name}: {repair.summary}. Reference {repair.ref}."
        + (f" To change it call {landlord.phone}." if landlord.phone else ""),
    )
    event.add("location", repair.where)
    if appointment.outcome != "pending":
        event.add(
            "status", "CANCELLED" if appointment.outcome.startswith("cancelled") else "CONFIRMED"
        )
    else:
        event.add("status", "CONFIRMED")
    cal.add_component(event)
    return bytes(cal.to_ical())
