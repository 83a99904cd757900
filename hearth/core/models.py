"""What every domain uses: the landlord's settings, the working-day calendar, case timelines,
the notifications outbox and the bookkeeping for periodic sweeps."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from hearth.core import formats


class Landlord(models.Model):
    """The landlord (or TMO) this Hearth serves. There is one row."""

    name = models.CharField(max_length=200, default="Your landlord")
    short_name = models.CharField(max_length=60, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    emergency_phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    website = models.URLField(blank=True)
    opening_hours = models.CharField(max_length=200, blank=True)
    # Overrides of the measures spec's default targets, keyed by measure id.
    targets = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Landlord:
        landlord = cls.objects.order_by("pk").first()
        if landlord is None:
            landlord = cls.objects.create()
        return landlord


class ClosureDay(models.Model):
    """A day the landlord's offices are closed (e.g. a Christmas shutdown): not a working day."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{formats.day(self.date)}: {self.reason}"


class CalendarVersion(models.Model):
    """One row (pk 1): a number moved on in the same transaction as any closure day change, so
    every process knows when to read the closure days again (see `hearth.core.calendar`)."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Calendar version {self.number}"


class CalendarDay(models.Model):
    """One row per date, so that measures can count working days inside the database.

    `working_index` is the number of working days from the start of the table up to and
    including this date: working days elapsed from D1 to D2 = index(D2) - index(D1), and the
    Nth working day after D is the working day whose index is index(D) + N. Rebuilt from
    `hearth.core.calendar` whenever closure days change, so both always agree.
    """

    date = models.DateField(primary_key=True)
    is_working = models.BooleanField()
    working_index = models.IntegerField(db_index=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} ({'working day' if self.is_working else 'not a working day'})"


class TimelineEvent(models.Model):
    """Something that happened on a case, in words an officer (and maybe the resident) can read."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    case = GenericForeignKey("content_type", "object_id")
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=60)
    summary = models.CharField(max_length=500)
    details = models.JSONField(default=dict, blank=True)
    visible_to_resident = models.BooleanField(default=False)

    class Meta:
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.summary}"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to send"
    SENT = "sent", "Sent"
    RETRYING = "retrying", "Failed, will try again"
    FAILED = "failed", "Failed"
    NOT_SENT = "not_sent", "Not sent"


class Message(models.Model):
    """The outbox: every message to a resident is a row here before anything is sent."""

    idempotency_key = models.CharField(max_length=200, unique=True)
    purpose = models.CharField(max_length=80)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    language = models.CharField(max_length=20, default="en-gb")
    person = models.ForeignKey(
        "tenancies.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    to_address = models.TextField(help_text="Email address, phone number or postal address.")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    status_detail = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    provider_reference = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    case_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    case_id = models.CharField(max_length=64, blank=True)
    # The language the person asked for, as recorded; `language` is the one the message is in.
    requested_language = models.CharField(max_length=40, blank=True)
    large_print = models.BooleanField(default=False)
    easy_read = models.BooleanField(default=False)
    routing_note = models.CharField(
        max_length=300, blank=True, help_text="Why this channel and address were chosen."
    )
    staff_recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]  # the outbox by status

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.to_address}: {self.purpose} ({self.status})"


class SweepRun(models.Model):
    """One row per periodic sweep per time slot: the unique key makes two workers agree on
    which of them runs it."""

    name = models.CharField(max_length=100)
    slot = models.CharField(max_length=40)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="sweep_once_per_slot")]

    def __str__(self) -> str:
        return f"{self.name} {self.slot}"


class DataVersion(models.Model):
    """One row (pk 1) on SQLite: a number moved on by every write to a table the measures read,
    so a cached measures report is known to be out of date (see `hearth.core.data_version`).
    PostgreSQL uses a sequence instead, which takes no row lock."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Data version {self.number}"
