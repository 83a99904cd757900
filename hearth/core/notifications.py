"""The notifications outbox. Every message to a resident (or a reminder to staff) is a row in
`Message` before anything is sent; a background task sends it after the transaction commits,
and the outbox sweep retries failures with backoff.

Rules:
- One row per idempotency key: queueing the same key again returns the row already there and
  sends nothing more.
- A message is sent on the resident's preferred channel when we hold the address it needs;
  otherwise by email if we have one, otherwise by letter to their current home. With no usable
  address the row is kept as "not sent" with the reason, for staff to see.
- A message already sent is never sent again: a sender claims the row under a row lock before
  sending, and a claim lasts `CLAIM_LEASE`, so a second worker leaves it alone meanwhile.
- Temporary failures are retried after 1, 5, 30 and 120 minutes; the fifth failure is final.
- Before trying a message again, the outbox asks the provider whether it already accepted it
  (`already_accepted`): GOV.UK Notify is asked for notifications with the message's reference,
  its idempotency key, so a text or letter whose first attempt reached Notify but was never
  recorded (the worker died, the reply was lost) is marked sent, not sent twice. SMTP cannot be
  asked, so email is at least once: a repeat carries the same Message-ID.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from hearth.core import faults, timeline
from hearth.core.actors import Actor, actor_of
from hearth.core.models import Channel, Landlord, Message, MessageStatus
from hearth.core.notification_channels import (
    DeliveryError,
    NotConfigured,
    channel_backend,
    channel_ready,
)
from hearth.core.notifications_render import render, resolve_language
from hearth.core.registry import Registry
from hearth.core.services import is_uk_mobile

if TYPE_CHECKING:
    from hearth.accounts.models import User
    from hearth.tenancies.models import Person

logger = logging.getLogger(__name__)

RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(minutes=120),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# How long a sender's claim on a row lasts: longer than any send can take (SMTP and Notify
# time out well inside it), so a second worker never sends the same row alongside the first.
CLAIM_LEASE = timedelta(minutes=10)
# If the task queued at commit never runs (a worker lost it), the outbox sweep sends the
# message once this long has passed.
SWEEP_SAFETY_NET = timedelta(minutes=5)
NO_ADDRESS = "not sent: we have no email address, mobile number or postal address for this person"
OPEN_STATUSES = (MessageStatus.QUEUED, MessageStatus.RETRYING)


@dataclass(frozen=True)
class Route:
    channel: str
    to_address: str
    note: str = ""


@dataclass(frozen=True)
class Recipient:
    """How to reach a person, as the app that keeps people (`tenancies`) works it out: the
    route (None when we hold no usable address), the channel they asked for, and their
    language, large print and easy read preferences."""

    name: str
    route: Route | None
    preferred_channel: str = ""
    language: str = ""
    large_print: bool = False
    easy_read: bool = False


RecipientResolver = Callable[[Any], Recipient]
_resolvers: Registry[RecipientResolver] = Registry("recipient resolvers")


def register_recipient_resolver(resolver: RecipientResolver) -> None:
    """The people app says how to reach a person (core keeps no people of its own)."""
    _resolvers.register(resolver, key="person", replace=True)


def recipient_for(person: Any) -> Recipient:
    resolver = _resolvers.get("person")
    if resolver is None:
        raise RuntimeError("No app has registered how to reach a person.")
    return resolver(person)


def _context(context: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"landlord": Landlord.current(), "site_url": settings.SITE_URL, **extra, **context}


def _enqueue_send(message_id: int) -> None:
    from hearth.core.tasks import send_message_task

    send_message_task.enqueue(message_id)


def _store(
    *,
    fields: dict[str, Any],
    case: models.Model | None,
    actor: Actor,
    recipient: str,
    visible_to_resident: bool,
) -> Message:
    """Save the row once per idempotency key, write the case timeline ("Email to `recipient`:
    the subject") and queue the send."""
    key = fields["idempotency_key"]
    try:
        # A savepoint, so that losing a race for the key leaves the caller's transaction usable.
        with transaction.atomic():
            message = Message.objects.create(**fields)
    except IntegrityError:
        existing = Message.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return existing
    if case is not None:
        timeline.record(
            case,
            verb="message_queued",
            summary=f"{Channel(message.channel).label} to {recipient}: {message.subject}",
            actor=actor,
            details={
                "message_id": message.pk,
                "purpose": message.purpose,
                "channel": message.channel,
                "to": recipient,
                "subject": message.subject,
            },
            # A resident is told of a message only when it can reach them.
            visible_to_resident=visible_to_resident
            and message.status != MessageStatus.NOT_SENT
            and channel_ready(message.channel),
        )
    if message.status == MessageStatus.QUEUED:
        transaction.on_commit(lambda: _enqueue_send(message.pk), robust=True)
    return message


def _case_of(message: Message) -> models.Model | None:
    model = message.case_type.model_class() if message.case_type else None
    return model._default_manager.filter(pk=message.case_id).first() if model else None


def _case_fields(case: models.Model | None) -> dict[str, Any]:
    if case is None:
        return {}
    return {"case_type": ContentType.objects.get_for_model(case), "case_id": str(case.pk)}


@transaction.atomic
def queue_message(
    *,
    person: Person,
    purpose: str,
    context: dict[str, Any],
    case: models.Model | None = None,
    idempotency_key: str,
    actor: User | None = None,
) -> Message:
    """Put a message to a resident in the outbox and send it once the transaction commits."""
    existing = Message.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    recipient = recipient_for(person)
    requested = recipient.language
    language = resolve_language(requested)
    route = recipient.route
    channel = route.channel if route else (recipient.preferred_channel or Channel.LETTER)
    large_print = recipient.large_print
    easy_read = recipient.easy_read
    rendered = render(
        purpose=purpose,
        channel=channel,
        language=language,
        context=_context(
            context,
            person=person,
            name=person.full_name,
            case=case,
            channel=channel,
            large_print=large_print,
            easy_read=easy_read,
        ),
    )
    now = timezone.now()
    fields: dict[str, Any] = {
        "idempotency_key": idempotency_key,
        "purpose": purpose,
        "channel": channel,
        "language": language,
        "requested_language": requested,
        "person": person,
        "to_address": route.to_address if route else "",
        "subject": rendered.subject,
        "body": rendered.body,
        "routing_note": route.note if route else "",
        "large_print": large_print and channel == Channel.LETTER,
        "easy_read": easy_read,
        "queued_by": actor_of(actor),
        "created_at": now,
        **_case_fields(case),
    }
    if route is None:
        fields.update(status=MessageStatus.NOT_SENT, status_detail=NO_ADDRESS)
    else:
        fields.update(status=MessageStatus.QUEUED, next_attempt_at=now + SWEEP_SAFETY_NET)
    return _store(
        fields=fields,
        case=case,
        actor=actor,
        recipient=person.full_name,
        visible_to_resident=True,
    )


@transaction.atomic
def queue_message_to_address(
    *,
    name: str,
    purpose: str,
    context: dict[str, Any],
    idempotency_key: str,
    email: str = "",
    phone: str = "",
    postal_address: str = "",
    case: models.Model | None = None,
    actor: User | None = None,
) -> Message:
    """Put a message in the outbox for someone we hold no person record for (a member of the
    public who complained, say), to the addresses they gave: email, else a text, else a letter."""
    existing = Message.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    texts_reach = phone if is_uk_mobile(phone) else ""  # a landline cannot take a text
    route = next(
        (
            Route(channel, address.strip(), "No person record: sent to the address they gave us.")
            for channel, address in (
                (Channel.EMAIL, email),
                (Channel.SMS, texts_reach),
                (Channel.LETTER, postal_address),
            )
            if address.strip()
        ),
        None,
    )
    channel = route.channel if route else Channel.LETTER
    language = resolve_language("")
    rendered = render(
        purpose=purpose,
        channel=channel,
        language=language,
        context=_context(context, name=name, case=case, channel=channel),
    )
    now = timezone.now()
    fields: dict[str, Any] = {
        "idempotency_key": idempotency_key,
        "purpose": purpose,
        "channel": channel,
        "language": language,
        "to_address": route.to_address if route else "",
        "subject": rendered.subject,
        "body": rendered.body,
        "routing_note": route.note if route else "",
        "queued_by": actor_of(actor),
        "created_at": now,
        **_case_fields(case),
    }
    if route is None:
        fields.update(status=MessageStatus.NOT_SENT, status_detail=NO_ADDRESS)
    else:
        fields.update(status=MessageStatus.QUEUED, next_attempt_at=now + SWEEP_SAFETY_NET)
    return _store(
        fields=fields,
        case=case,
        actor=actor,
        recipient=name,
        visible_to_resident=True,
    )


@transaction.atomic
def queue_staff_message(
    *,
    user: User,
    purpose: str,
    context: dict[str, Any],
    case: models.Model | None = None,
    idempotency_key: str,
    actor: User | None = None,
) -> Message:
    """Put an email to a member of staff (a reminder, an escalation) in the outbox."""
    existing = Message.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    language = settings.LANGUAGE_CODE
    rendered = render(
        purpose=purpose,
        channel=Channel.EMAIL,
        language=language,
        context=_context(context, recipient=user, name=user.display_name, case=case),
    )
    now = timezone.now()
    fields: dict[str, Any] = {
        "idempotency_key": idempotency_key,
        "purpose": purpose,
        "channel": Channel.EMAIL,
        "language": language,
        "staff_recipient": user,
        "to_address": user.email.strip(),
        "subject": rendered.subject,
        "body": rendered.body,
        "queued_by": actor_of(actor),
        "created_at": now,
        **_case_fields(case),
    }
    if fields["to_address"]:
        fields.update(status=MessageStatus.QUEUED, next_attempt_at=now + SWEEP_SAFETY_NET)
    else:
        fields.update(
            status=MessageStatus.NOT_SENT,
            status_detail=f"not sent: {user.display_name} has no email address",
        )
    return _store(
        fields=fields,
        case=case,
        actor=actor,
        recipient=user.display_name,
        visible_to_resident=False,
    )


def _claim(message_id: int, now: datetime) -> Message | None:
    """Take a message to send, or None if it is finished, not due, or another sender has it."""
    with transaction.atomic():
        rows = Message.objects.select_for_update(
            skip_locked=connection.features.has_select_for_update_skip_locked
        )
        message = rows.filter(pk=message_id, status__in=OPEN_STATUSES).first()
        if message is None:
            return None
        # A row never tried is sent at once (the task queued at commit); any other waits for
        # its next attempt time, which is also the end of another sender's claim.
        if message.attempts and message.next_attempt_at and message.next_attempt_at > now:
            return None
        message.attempts += 1
        message.last_attempt_at = now
        message.next_attempt_at = now + CLAIM_LEASE
        message.save(update_fields=["attempts", "last_attempt_at", "next_attempt_at"])
        return message


def _outcome(message: Message, now: datetime) -> dict[str, Any]:
    backend = channel_backend(message.channel)
    try:
        # Any earlier attempt may have reached the provider without our hearing back (the
        # worker died, or the reply timed out): ask before sending again.
        earlier = backend.already_accepted(message) if message.attempts > 1 else None
        delivery = earlier or backend.send(message)
    except NotConfigured as error:
        return {
            "status": MessageStatus.NOT_SENT,
            "status_detail": error.reason,
            "next_attempt_at": None,
        }
    except DeliveryError as error:
        reason = error.reason
        permanent = error.permanent
    except Exception as error:
        logger.exception("Unexpected error sending message %s", message.pk)
        reason, permanent = f"unexpected error ({type(error).__name__})", False
    else:
        return {
            "status": MessageStatus.SENT,
            "status_detail": "",
            "sent_at": now,
            "provider_reference": delivery.reference[:200],
            "next_attempt_at": None,
        }
    if permanent:
        detail = f"failed: {reason}"
        return {
            "status": MessageStatus.FAILED,
            "status_detail": detail[:300],
            "next_attempt_at": None,
        }
    if message.attempts >= MAX_ATTEMPTS:
        detail = f"failed after {message.attempts} attempts: {reason}"
        return {
            "status": MessageStatus.FAILED,
            "status_detail": detail[:300],
            "next_attempt_at": None,
        }
    retry_at = now + RETRY_DELAYS[message.attempts - 1]
    detail = f"attempt {message.attempts} failed: {reason}"
    return {
        "status": MessageStatus.RETRYING,
        "status_detail": detail[:300],
        "next_attempt_at": retry_at,
    }


def send_message(message_id: int, *, now: datetime | None = None) -> str:
    """Send one outbox message if it is due and unsent; record what happened. Returns the
    message's status afterwards, or "skipped" when there was nothing to do."""
    now = now or timezone.now()
    message = _claim(message_id, now)
    if message is None:
        return "skipped"
    outcome = _outcome(message, now)
    faults.pause_point("notifications.sent.unrecorded")
    Message.objects.filter(pk=message.pk).update(**outcome)
    return str(outcome["status"])


def send_due_messages(*, now: datetime | None = None, limit: int = 200) -> dict[str, int]:
    """The outbox sweep: send every waiting message whose next attempt time has passed."""
    now = now or timezone.now()
    due = list(
        Message.objects.filter(status__in=OPEN_STATUSES, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    counts: dict[str, int] = {}
    for message_id in due:
        status = send_message(message_id, now=now)
        counts[status] = counts.get(status, 0) + 1
    return counts


@transaction.atomic
def resend_message(*, message: Message, actor: User, now: datetime | None = None) -> Message:
    """Put a failed or unsent message back in the queue (e.g. once Notify is configured). A
    message already sent is not sent again."""
    now = now or timezone.now()
    locked = Message.objects.select_for_update().get(pk=message.pk)
    if locked.status not in (MessageStatus.FAILED, MessageStatus.NOT_SENT) or not locked.to_address:
        return locked
    locked.status = MessageStatus.QUEUED
    locked.status_detail = f"queued again by {actor.display_name}"
    locked.attempts = 0
    locked.next_attempt_at = now + SWEEP_SAFETY_NET
    locked.save(update_fields=["status", "status_detail", "attempts", "next_attempt_at"])
    case = _case_of(locked)
    if case is not None:
        timeline.record(
            case,
            verb="message_requeued",
            summary=f"{actor.display_name} queued the {locked.get_channel_display().lower()} "
            f"“{locked.subject}” to send again",
            actor=actor,
            details={"message_id": locked.pk},
        )
    transaction.on_commit(lambda: _enqueue_send(locked.pk), robust=True)
    return locked


PROBLEM_STATUSES = (MessageStatus.FAILED, MessageStatus.NOT_SENT)


def is_configuration_problem(message: Message) -> bool:
    """Not sent because a channel is not set up (Notify, say): an administrator's to fix, not
    the case officer's. Only such a message is both "not sent" and has an address."""
    return message.status == MessageStatus.NOT_SENT and bool(message.to_address)


def plain_reason(message: Message) -> str:
    """Why a message did not go, in plain words: "Notify is not configured", not
    "Not sent: not sent: Notify is not configured"."""
    detail = message.status_detail.strip()
    for prefix in ("not sent:", "failed:"):
        if detail.lower().startswith(prefix):
            detail = detail[len(prefix) :].strip()
    if not detail:
        return str(message.get_status_display())
    return detail[0].upper() + detail[1:]


def will_send(message: Message | None) -> bool:
    """Whether a resident may be told "we have sent you…": the message went, or is on its way
    on a channel that is set up."""
    if message is None:
        return False
    if message.status == MessageStatus.SENT:
        return True
    return message.status in OPEN_STATUSES and channel_ready(message.channel)


def latest_to_resident(case: models.Model) -> Message | None:
    """The newest message about `case` to a resident (not a reminder to staff)."""
    return (
        Message.objects.filter(**_case_fields(case), staff_recipient__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )


@transaction.atomic
def record_posted_by_hand(*, message: Message, actor: User, now: datetime | None = None) -> Message:
    """A member of staff printed an undelivered message and posted it (or delivered it) by hand:
    it is sent, and the case's timeline says who did it."""
    now = now or timezone.now()
    locked = Message.objects.select_for_update().get(pk=message.pk)
    if locked.status not in PROBLEM_STATUSES:
        return locked
    locked.status = MessageStatus.SENT
    locked.status_detail = f"posted by hand by {actor.display_name}"
    locked.sent_at = now
    locked.next_attempt_at = None
    locked.provider_reference = "by hand"
    locked.save(
        update_fields=[
            "status",
            "status_detail",
            "sent_at",
            "next_attempt_at",
            "provider_reference",
        ]
    )
    case = _case_of(locked)
    if case is not None:
        timeline.record(
            case,
            verb="message_posted_by_hand",
            summary=f"{actor.display_name} posted the {locked.get_channel_display().lower()} "
            f"“{locked.subject}” by hand",
            actor=actor,
            details={"message_id": locked.pk},
        )
    return locked
