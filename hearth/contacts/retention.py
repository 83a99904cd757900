"""How long the contact log is kept (`hearth.core.retention`): the notes of a contact are
removed the set number of years after it; its date, channel and purpose stay for the
measures."""

from __future__ import annotations

from hearth.contacts.models import Contact
from hearth.core import retention


@retention.rule
def contact_log() -> retention.Rule:
    return retention.Rule(
        "contacts.contact", "Contact log notes", "the contact",
        lambda cutoff: Contact.objects.filter(contacted_on__lt=cutoff).exclude(notes=""),
        lambda rows: rows.update(notes=""),
    )  # fmt: skip
