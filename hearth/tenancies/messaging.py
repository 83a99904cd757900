"""How to reach a person: their preferred channel if we hold its address, else email, else a
letter to their correspondence address or home. Registered with the outbox in core
(`register_recipient_resolver`), which keeps no people of its own."""

from __future__ import annotations

from django.utils import timezone

from hearth.core.models import Channel
from hearth.core.notifications import Recipient, Route
from hearth.tenancies.models import ContactPreference, Person, Tenancy


def recipient(person: Person) -> Recipient:
    preference = preference_of(person)
    return Recipient(
        name=person.full_name,
        route=choose_route(person),
        preferred_channel=preference.channel if preference is not None else "",
        language=preference.language if preference is not None else "",
        large_print=bool(preference and preference.large_print),
        easy_read=bool(preference and preference.easy_read),
    )


def postal_address(person: Person) -> str:
    """The person's correspondence address if recorded, otherwise their current home's."""
    preference = preference_of(person)
    if preference is not None and preference.postal_address.strip():
        lines = preference.postal_address.strip().splitlines()
        if len(lines) == 1:
            lines = lines[0].split(",")
    else:
        tenancy = (
            Tenancy.objects.for_person(person.pk)
            .current_on(timezone.localdate())
            .select_related("home")
            .order_by("-start_date")
            .first()
        )
        if tenancy is None:
            return ""
        lines = [*tenancy.home.address.split(","), tenancy.home.postcode]
    lines = [line.strip() for line in lines if line.strip()]
    return "\n".join([person.full_name, *lines]) if lines else ""


def choose_route(person: Person) -> Route | None:
    """The preferred channel if we hold its address; else email; else a letter home; else None."""
    preference = preference_of(person)
    preferred = preference.channel if preference is not None else ""
    found: dict[str, str] = {}

    def address(channel: str) -> str:
        if channel not in found:
            found[channel] = {
                Channel.EMAIL: lambda: person.email.strip(),
                Channel.SMS: lambda: person.phone.strip(),
                Channel.LETTER: lambda: postal_address(person),
            }[Channel(channel)]()
        return found[channel]

    if preferred and address(preferred):
        return Route(preferred, address(preferred))
    missing = {
        Channel.EMAIL: "email address",
        Channel.SMS: "mobile number",
        Channel.LETTER: "postal address",
    }
    for fallback in (Channel.EMAIL, Channel.LETTER):
        if address(fallback):
            note = (
                f"Prefers {Channel(preferred).label.lower()}, but we have no "
                f"{missing[Channel(preferred)]} for them."
                if preferred
                else "No contact preference recorded."
            )
            return Route(fallback, address(fallback), note)
    return None


def preference_of(person: Person) -> ContactPreference | None:
    try:
        return person.contact_preference
    except ContactPreference.DoesNotExist:
        return None
