"""How a message leaves Hearth: email through Django's SMTP backend, text messages and letters
through GOV.UK Notify. Each channel either returns the provider's reference or raises one of the
errors below, which the outbox turns into a status a member of staff can read."""

from __future__ import annotations

import hashlib
import smtplib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from hearth.core.models import Channel, Message

NOTIFY_NOT_CONFIGURED = "not sent: Notify is not configured"
NOTIFY_TIMEOUT_SECONDS = 20
# Notify's letter API takes the address as up to seven lines, the last being the postcode.
NOTIFY_MAX_ADDRESS_LINES = 7


class NotConfigured(Exception):
    """The channel cannot be used until someone configures it; the message is kept, not sent."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DeliveryError(Exception):
    """Sending failed. A permanent failure (a refused address) is not worth trying again; any
    other failure (the server is down, a time-out) is retried with backoff."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


@dataclass(frozen=True)
class Delivery:
    reference: str


class ChannelBackend(Protocol):
    def send(self, message: Message) -> Delivery: ...

    def already_accepted(self, message: Message) -> Delivery | None:
        """Before trying a message again: the provider's record of an earlier attempt it
        accepted (a worker may have died, or a reply been lost, after handing it over), or
        None if it has none or cannot say."""
        ...


def email_message_id(message: Message) -> str:
    """The same Message-ID for every attempt at one outbox row, so a mail system that receives a
    repeat can recognise it."""
    digest = hashlib.sha256(message.idempotency_key.encode()).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    return f"<hearth.{digest}@{domain}>"


class EmailChannel:
    def send(self, message: Message) -> Delivery:
        message_id = email_message_id(message)
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to_address],
            headers={"Message-ID": message_id},
        )
        try:
            email.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryError(
                f"the mail server refused the address {message.to_address}", permanent=True
            ) from error
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(f"could not reach the mail server ({_describe(error)})") from error
        return Delivery(reference=message_id)

    def already_accepted(self, message: Message) -> Delivery | None:
        # SMTP cannot be asked what it accepted: email is sent at least once (docs/notifications.md).
        return None


class NotifyChannel:
    """Text messages and letters through GOV.UK Notify. Notify templates hold a single
    placeholder, ((body)), and letters also ((subject)), so the wording lives in Hearth's own
    templates and is the same whichever channel carries it."""

    def __init__(self, channel: str) -> None:
        self.channel = channel

    def _client(self, template_setting: str) -> tuple[Any, str]:
        from notifications_python_client.notifications import NotificationsAPIClient

        if not settings.NOTIFY_API_KEY:
            raise NotConfigured(NOTIFY_NOT_CONFIGURED)
        template_id = getattr(settings, template_setting, "")
        if not template_id:
            raise NotConfigured(f"not sent: Notify template {template_setting} is not configured")
        try:
            client = NotificationsAPIClient(
                settings.NOTIFY_API_KEY,
                base_url=settings.NOTIFY_BASE_URL,
                timeout=NOTIFY_TIMEOUT_SECONDS,
            )
        except AssertionError as error:
            raise NotConfigured(
                "not sent: the Notify API key is not in the expected form"
            ) from error
        return client, template_id

    def send(self, message: Message) -> Delivery:
        from notifications_python_client.errors import APIError

        try:
            if self.channel == Channel.SMS:
                client, template_id = self._client("NOTIFY_SMS_TEMPLATE_ID")
                response = client.send_sms_notification(
                    phone_number=message.to_address,
                    template_id=template_id,
                    personalisation={"body": message.body},
                    reference=message.idempotency_key,
                )
            else:
                client, template_id = self._client("NOTIFY_LETTER_TEMPLATE_ID")
                response = client.send_letter_notification(
                    template_id=template_id,
                    personalisation={
                        **notify_address_lines(message.to_address),
                        "subject": message.subject,
                        "body": message.body,
                    },
                    reference=message.idempotency_key,
                )
        except APIError as error:
            raise _notify_error(error) from error
        return Delivery(reference=str((response or {}).get("id", "")))

    def already_accepted(self, message: Message) -> Delivery | None:
        """Ask Notify for notifications with this message's reference (its idempotency key,
        sent with every attempt). If Notify cannot be asked, raise DeliveryError: the message
        waits for the next attempt rather than risk sending it twice."""
        from notifications_python_client.errors import APIError

        setting = (
            "NOTIFY_SMS_TEMPLATE_ID" if self.channel == Channel.SMS else "NOTIFY_LETTER_TEMPLATE_ID"
        )
        client, _template_id = self._client(setting)
        try:
            found = client.get_all_notifications(reference=message.idempotency_key)
        except APIError as error:
            raise _notify_error(error) from error
        for notification in (found or {}).get("notifications", []):
            if notification.get("reference") == message.idempotency_key:
                return Delivery(reference=str(notification.get("id", "")))
        return None


def notify_address_lines(address: str) -> dict[str, str]:
    """A postal address as Notify's address_line_1 … address_line_7. Lines past the sixth are
    joined so the postcode stays last, where Notify requires it."""
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    if len(lines) > NOTIFY_MAX_ADDRESS_LINES:
        keep = NOTIFY_MAX_ADDRESS_LINES - 2
        lines = [*lines[:keep], ", ".join(lines[keep:-1]), lines[-1]]
    return {f"address_line_{number}": line for number, line in enumerate(lines, start=1)}


def _notify_error(error: Any) -> DeliveryError:
    status = error.status_code
    detail = _notify_message(error.message)
    if status == 403:
        return DeliveryError(f"Notify refused the API key ({detail})", permanent=True)
    if status == 400:
        return DeliveryError(f"Notify rejected the message ({detail})", permanent=True)
    if status == 429:
        return DeliveryError("Notify's sending limit was reached")
    return DeliveryError(f"Notify could not be reached or failed ({status}: {detail})")


def _notify_message(message: Any) -> str:
    # Notify answers errors as [{"error": "BadRequestError", "message": "…"}, …].
    if isinstance(message, list):
        return "; ".join(str(item.get("message", item)) for item in message if item)
    return str(message)


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class FileChannel:
    """Texts and letters written to files, for `make run` with no Notify key: each message is a
    file under `NOTIFY_FILE_PATH` (texts/ and letters/, beside the emails in mail/), so the
    demo reads as a working system. Never chosen when a Notify key is set, nor in production
    unless its setting is given."""

    def __init__(self, channel: str) -> None:
        self.channel = channel

    def send(self, message: Message) -> Delivery:
        folder = Path(settings.NOTIFY_FILE_PATH) / (
            "texts" if self.channel == Channel.SMS else "letters"
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"{stamp}-{message.pk}.txt"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(
                f"To: {message.to_address}\nSubject: {message.subject}\n\n{message.body}\n",
                encoding="utf-8",
            )
        except OSError as error:
            raise DeliveryError(f"could not write the file ({_describe(error)})") from error
        return Delivery(reference=f"file:{path.name}")

    def already_accepted(self, message: Message) -> Delivery | None:
        return None


def channel_backend(channel: str) -> ChannelBackend:
    if channel == Channel.EMAIL:
        return EmailChannel()
    if channel in (Channel.SMS, Channel.LETTER):
        if not settings.NOTIFY_API_KEY and settings.NOTIFY_FILE_PATH:
            return FileChannel(channel)
        return NotifyChannel(channel)
    raise ValueError(f"Unknown channel {channel!r}")


def channel_ready(channel: str) -> bool:
    """Whether a message on `channel` can leave Hearth now (email always can; texts and letters
    need Notify set up, or the file backend of `make run`)."""
    if channel in (Channel.SMS, Channel.LETTER):
        template = (
            "NOTIFY_SMS_TEMPLATE_ID" if channel == Channel.SMS else "NOTIFY_LETTER_TEMPLATE_ID"
        )
        if settings.NOTIFY_API_KEY:
            return bool(getattr(settings, template, ""))
        return bool(settings.NOTIFY_FILE_PATH)
    return True
