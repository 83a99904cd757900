"""The contact log: every letter, call, text, email or visit to or from a resident about a case.

Cases are named by their type and their own reference (`case_type`, `case_ref`), the same pair
the interchange file `contacts.csv` uses, so any domain's measures can ask "was the resident
contacted about this case, and when?" without this app knowing the domain's tables.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class CaseType(models.TextChoices):
    TENANCY = "tenancy", "Tenancy"
    REPAIR = "repair", "Repair"
    COMPLAINT = "complaint", "Complaint"
    ASB = "asb", "Antisocial behaviour case"


class ContactChannel(models.TextChoices):
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    VISIT = "visit", "Visit"
    IN_PERSON = "in_person", "In person"


class Purpose(models.TextChoices):
    ARREARS = "arrears", "Arrears"
    MONEY_ADVICE = "money_advice", "Money advice"
    PROGRESS_UPDATE = "progress_update", "Progress update"
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    RESPONSE = "response", "Response"
    ASB_UPDATE = "asb_update", "Antisocial behaviour update"
    OTHER = "other", "Other"


class Direction(models.TextChoices):
    OUTBOUND = "outbound", "To the resident"
    INBOUND = "inbound", "From the resident"


class Contact(models.Model):
    ref = models.CharField("contact reference", max_length=60, unique=True)
    case_type = models.CharField(max_length=12, choices=CaseType.choices)
    case_ref = models.CharField(max_length=60)
    contacted_on = models.DateField(default=timezone.localdate)
    channel = models.CharField(max_length=10, choices=ContactChannel.choices)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.OUTBOUND
    )
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-contacted_on", "-pk"]
        indexes = [models.Index(fields=["case_type", "case_ref", "purpose", "contacted_on"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} about {self.case_type} {self.case_ref} on {self.contacted_on}"
