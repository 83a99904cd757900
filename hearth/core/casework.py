"""The case kit: the parts every case type (a repair, a complaint, an arrears case, a void, an
ASB case, ...) uses, written once.

- `Actor`: who did it, a staff or resident user, or None for Hearth itself (a sweep, an import).
- `actor_of(user)`: a request's user as an `Actor` (an anonymous visitor is None).
- `lock(case)`: the case re-read under a row lock, so two officers cannot act on it at once.
- `tell_resident(...)`: a message in the outbox on the resident's channel, in their language
  and print size, logged in the contact log, with the case's timeline saying what happened,
  all in one call.
- `timeline.record` / `timeline.record_many` (in `hearth.core.timeline`) for the case's story.
- One staff action page (`hearth.core.action_page`): a form that runs one service on one case.

A domain registers its parts with core's registries (see `hearth.core.registry`): work items
(`hearth.core.work`), resident requests (`hearth.core.requests`), staff navigation
(`hearth.core.navigation`), sweeps, measures, interchange files and calendar recounts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.actors import Actor, actor_of
from hearth.core.models import Channel, Message, MessageStatus
from hearth.core.notifications import queue_message, queue_message_to_address
from hearth.core.permissions import can
from hearth.core.registry import Registry

__all__ = [
    "Action",
    "Actor",
    "Address",
    "ContactLog",
    "Told",
    "actor_of",
    "available_actions",
    "lock",
    "log_contact",
    "register_contact_logger",
    "tell_resident",
]

M = TypeVar("M", bound=models.Model)


def lock(case: M, *, related: Sequence[str] = ()) -> M:
    """The case re-read under a row lock (PostgreSQL; SQLite takes its write lock for the whole
    transaction), so two officers acting at once are serialised and the second sees the first's
    change. Call inside `transaction.atomic`."""
    rows = type(case)._default_manager.select_for_update(of=("self",))
    if related:
        rows = rows.select_related(*related)
    return rows.get(pk=case.pk)


# The outbox's channels as the contact log names them (`contacts.ContactChannel`).
CONTACT_CHANNEL: dict[str, str] = {
    Channel.EMAIL: "email",
    Channel.SMS: "text",
    Channel.LETTER: "letter",
}

NOT_SENT_SUMMARY = (
    "Hearth could not send this to the resident: contact them yourself and record how"
)


@dataclass(frozen=True)
class Address:
    """Where to write to someone we hold no person record for (a member of the public who
    complained, say): what they gave us."""

    name: str
    email: str = ""
    phone: str = ""
    postal_address: str = ""

    def __bool__(self) -> bool:
        return bool(self.email.strip() or self.phone.strip() or self.postal_address.strip())


@dataclass(frozen=True)
class ContactLog:
    """How a message is filed in the contact log: the case it is about, in the log's terms."""

    case_type: str
    case_ref: str
    purpose: str = "progress_update"
    notes: str = ""


@dataclass(frozen=True)
class Told:
    """What `tell_resident` did: the outbox row (None when there was nobody to send to), the
    contact logged (None when the resident has not heard from us) and its channel."""

    message: Message | None
    contact: Any
    channel: str

    @property
    def sent(self) -> bool:
        return bool(self.channel)


ContactLogger = Callable[..., Any]
_contact_loggers: Registry[ContactLogger] = Registry("contact loggers")


def register_contact_logger(logger: ContactLogger) -> None:
    """The contact log app says how to log a contact (core keeps no contact log of its own).
    The logger takes the keyword arguments of `contacts.services.record_contact`."""
    _contact_loggers.register(logger, key="contacts", replace=True)


def log_contact(
    *,
    case_type: str,
    case_ref: str,
    channel: str,
    purpose: str,
    actor: Actor,
    on: date | None = None,
    notes: str = "",
    direction: str = "outbound",
) -> Any:
    """Log one contact about a case (a call, a visit, a letter) in the contact log."""
    logger = _contact_loggers.get("contacts")
    if logger is None:
        raise RuntimeError("No app has registered a contact log.")
    return logger(
        case_type=case_type,
        case_ref=case_ref,
        channel=channel,
        purpose=purpose,
        actor=actor,
        contacted_on=on or timezone.localdate(),
        direction=direction,
        notes=notes[:1000],
    )


def tell_resident(
    *,
    case: models.Model,
    purpose: str,
    idempotency_key: str,
    actor: Actor,
    contact: ContactLog | None,
    person: Any = None,
    address: Address | None = None,
    context: Mapping[str, Any] | None = None,
    on: date | None = None,
    sent_by: str = "",
    record_not_sent: bool = True,
) -> Told:
    """Tell a resident about their case.

    The message goes to `person` (a `tenancies.Person`) on their preferred channel, in their
    language and print size; or, with no person record, to the `address` they gave. Queueing
    the same idempotency key again returns the message already there and sends nothing more.

    Telling the same key again does nothing more and returns what was told the first time.

    A message that is queued is logged as an outbound contact (`contact`), so the contact log
    and the measures that count updates see it. A message Hearth cannot send (no address) is
    kept in the outbox for staff, and is not a contact; if the officer sent it themselves, they
    say how (`sent_by`, a contact channel) and that is logged instead. Otherwise the case's
    timeline says it still has to be sent.
    """
    message: Message | None = None
    channel = ""
    full_context = dict(context or {})
    already = Message.objects.filter(idempotency_key=idempotency_key).first()
    if already is not None:
        # Told before (a retried request, a sweep run twice): nothing more to send or log.
        sent = already.status != MessageStatus.NOT_SENT
        return Told(
            message=already,
            contact=None,
            channel=CONTACT_CHANNEL.get(already.channel, "") if sent else "",
        )
    if person is not None:
        message = queue_message(
            person=person,
            purpose=purpose,
            context=full_context,
            case=case,
            idempotency_key=idempotency_key,
            actor=actor,
        )
    elif address:
        message = queue_message_to_address(
            name=address.name or "Resident",
            email=address.email,
            phone=address.phone,
            postal_address=address.postal_address,
            purpose=purpose,
            context=full_context,
            case=case,
            idempotency_key=idempotency_key,
            actor=actor,
        )
    if message is not None and message.status != MessageStatus.NOT_SENT:
        channel = CONTACT_CHANNEL.get(message.channel, "")
    if sent_by:
        channel = sent_by
    logged = None
    if channel and contact is not None:
        notes = contact.notes
        if not notes and message is not None:
            notes = f"{message.get_channel_display()}: {message.subject}"
        logged = log_contact(
            case_type=contact.case_type,
            case_ref=contact.case_ref,
            channel=channel,
            purpose=contact.purpose,
            actor=actor,
            on=on,
            notes=notes,
        )
    elif not channel and record_not_sent and (message is not None or address is not None):
        timeline.record(
            case,
            verb="message_not_sent",
            summary=_(NOT_SENT_SUMMARY),
            actor=actor,
            details={"purpose": purpose},
        )
    return Told(message=message, contact=logged, channel=channel)


@dataclass(frozen=True)
class Action:
    """A button on a case page: what the user can do next, from the state machine."""

    label: str
    url: str
    secondary: bool = False


def available_actions(
    case: models.Model, user: Any, *, field: str = "status", url_args: Sequence[Any] = ()
) -> list[Action]:
    """The case page's buttons, from its state machine: each transition available in the
    case's state whose `custom` names a `label` and a `url` (a URL name taking `url_args`, by
    default the case's ref), and whose `capability` (if any) the user holds; in `order`.
    Two transitions with the same URL (stage 1 and stage 2 answers, say) give one button."""
    available = getattr(case, f"get_available_{field}_transitions")()
    found: list[tuple[int, Action]] = []
    seen: set[str] = set()
    args = list(url_args) or [case.ref]  # type: ignore[attr-defined]
    for transition in available:
        custom = transition.custom
        if not custom.get("label") or not custom.get("url"):
            continue
        capability = custom.get("capability")
        if capability and not can(user, capability):
            continue
        if custom["url"] in seen:
            continue
        seen.add(custom["url"])
        found.append(
            (
                int(custom.get("order", 100)),
                Action(
                    label=str(custom["label"]),
                    url=reverse(custom["url"], args=args),
                    secondary=bool(custom.get("secondary", False)),
                ),
            )
        )
    return [action for _order, action in sorted(found, key=lambda pair: pair[0])]
