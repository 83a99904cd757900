"""Empty homes and lettings: a tenancy ending, the void that follows it (inspection, works,
utilities and keys, safety gates, the Letting Standard), the choice-based lettings shortlist
with its offers and viewings, and the sign-up that starts the next tenancy.

The safety gate checks are kept here, on the void, in the shape of the interchange spec's
`safety_checks.csv` (kind, done date, outcome, next due, certificate), so the building safety
register can take them over when it lands (see docs/lettings.md)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

DEFAULT_CHECKLIST = [
    "Clean and clear of belongings and rubbish",
    "Doors, windows and locks secure",
    "Kitchen working",
    "Bathroom working",
    "Decoration in good order",
    "Floors safe and even",
    "Stopcock labelled",
    "Two sets of keys",
]


def default_checklist() -> list[str]:
    return list(DEFAULT_CHECKLIST)


class LettingSettings(models.Model):
    """The landlord's void targets and Letting Standard checklist. There is one row."""

    standard_target_days = models.PositiveSmallIntegerField(
        default=21, help_text="Calendar days from the tenancy end to the next tenancy start."
    )
    major_target_days = models.PositiveSmallIntegerField(
        default=60, help_text="The same, for a void needing major works."
    )
    inspection_working_days = models.PositiveSmallIntegerField(
        default=2, help_text="Working days from the keys coming back to the void inspection."
    )
    checklist = models.JSONField(default=default_checklist)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "letting settings"

    def __str__(self) -> str:
        return "Letting settings"

    @classmethod
    def current(cls) -> LettingSettings:
        found = cls.objects.order_by("pk").first()
        return found if found is not None else cls.objects.create()

    def target_for(self, works_type: str) -> int:
        if works_type == WorksType.MAJOR:
            return self.major_target_days
        return self.standard_target_days


class WorksType(models.TextChoices):
    MINOR = "minor", "Minor works"
    MAJOR = "major", "Major works"


class Stage(models.TextChoices):
    INSPECTION = "inspection", "Void inspection"
    WORKS = "works", "Works"
    CHECKS = "checks", "Safety checks and Letting Standard"
    OFFERING = "offering", "Offers and viewings"
    SIGN_UP = "sign_up", "Sign-up"
    LET = "let", "Let"


class TenancyEnding(models.Model):
    """A tenancy coming to an end: the notice, the pre-termination visit and the keys."""

    tenancy = models.OneToOneField(
        "tenancies.Tenancy", on_delete=models.PROTECT, related_name="ending"
    )
    notice_given_on = models.DateField()
    end_date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    visit_on = models.DateField(null=True, blank=True)
    visited_on = models.DateField(null=True, blank=True)
    condition = models.TextField(blank=True)
    put_right = models.TextField(blank=True)
    forwarding_address = models.TextField(blank=True)
    keys_returned_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["end_date", "pk"]
        indexes = [models.Index(fields=["keys_returned_on", "end_date"])]  # endings to come

    def __str__(self) -> str:
        return f"{self.tenancy.ref} ending {self.end_date:%d %B %Y}"


class Void(models.Model):
    """An empty home, from the keys coming back to the next tenancy starting.

    The measures spec: a void starts on the day after the previous tenancy ends (or the day
    the keys come back, if later) and ends when the new tenancy starts (`let_on`)."""

    ref = models.CharField("void reference", max_length=40, unique=True)
    home = models.ForeignKey("estates.Home", on_delete=models.PROTECT, related_name="voids")
    previous_tenancy = models.ForeignKey(
        "tenancies.Tenancy",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voids_after",
    )
    previous_tenancy_end = models.DateField()
    keys_returned_on = models.DateField(null=True, blank=True)
    works_type = models.CharField(max_length=10, choices=WorksType.choices, default=WorksType.MINOR)
    target_days = models.PositiveSmallIntegerField(default=21)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.INSPECTION)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="voids",
    )
    gas_supply = models.BooleanField(default=True)
    fixed_combustion_appliance = models.BooleanField(default=True)
    storeys = models.PositiveSmallIntegerField(default=1)
    inspected_on = models.DateField(null=True, blank=True)
    inspection_notes = models.TextField(blank=True)
    works_completed_on = models.DateField(null=True, blank=True)
    letting_standard_passed_on = models.DateField(null=True, blank=True)
    viewing_offered_on = models.DateField(null=True, blank=True)
    signed_on = models.DateField(null=True, blank=True)
    relet_standard_explained = models.BooleanField(default=False)
    certificates_given = models.BooleanField(default=False)
    new_tenancy = models.OneToOneField(
        "tenancies.Tenancy",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="void_before",
    )
    let_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["previous_tenancy_end", "pk"]
        indexes = [
            models.Index(fields=["let_on"]),
            models.Index(fields=["stage", "owner"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(let_on__isnull=True) | Q(let_on__gt=models.F("previous_tenancy_end")),
                name="void_let_after_end",
            )
        ]

    def __str__(self) -> str:
        return f"Void {self.ref}"

    def get_absolute_url(self) -> str:
        return reverse("lettings:void", args=[self.ref])

    @property
    def starts_on(self) -> date:
        start = self.previous_tenancy_end + timedelta(days=1)
        if self.keys_returned_on and self.keys_returned_on > start:
            return self.keys_returned_on
        return start

    @property
    def let_by(self) -> date:
        """The target: the next tenancy starts within `target_days` calendar days of the end."""
        return self.previous_tenancy_end + timedelta(days=self.target_days)

    @property
    def is_let(self) -> bool:
        return self.let_on is not None


class PhotoKind(models.TextChoices):
    INSPECTION = "inspection", "Void inspection"
    LETTING_STANDARD = "letting_standard", "Letting Standard"


class VoidPhoto(models.Model):
    """A photo taken at the void inspection or the Letting Standard inspection, re-encoded
    without its metadata."""

    void = models.ForeignKey(Void, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(max_length=20, choices=PhotoKind.choices)
    inspection = models.ForeignKey(
        "LettingStandardInspection",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="photos",
    )
    caption = models.CharField(max_length=200, blank=True)
    image = models.FileField(upload_to="lettings/photos/%Y/%m/")
    content_type = models.CharField(max_length=40)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class WorkSource(models.TextChoices):
    INSPECTION = "inspection", "Void inspection"
    LETTING_STANDARD = "letting_standard", "Failed Letting Standard item"


class VoidWork(models.Model):
    """A job the home needs before it can be let, ordered through repairs (`repair_ref`)."""

    void = models.ForeignKey(Void, on_delete=models.CASCADE, related_name="works")
    description = models.CharField(max_length=500)
    trade = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=20, choices=WorkSource.choices)
    repair_ref = models.CharField(max_length=40, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.description


class Utility(models.TextChoices):
    GAS = "gas", "Gas"
    ELECTRICITY = "electricity", "Electricity"
    WATER = "water", "Water"


class UtilityReading(models.Model):
    void = models.ForeignKey(Void, on_delete=models.CASCADE, related_name="utility_readings")
    utility = models.CharField(max_length=12, choices=Utility.choices)
    read_on = models.DateField()
    meter_serial = models.CharField(max_length=40, blank=True)
    reading = models.CharField(max_length=20, blank=True)
    supply_capped = models.BooleanField(default=False)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["read_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_utility_display()} on {self.read_on}"


class KeysRecord(models.Model):
    void = models.ForeignKey(Void, on_delete=models.CASCADE, related_name="keys_records")
    recorded_on = models.DateField()
    sets_held = models.PositiveSmallIntegerField(default=0)
    locks_changed = models.BooleanField(default=False)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["recorded_on", "pk"]

    def __str__(self) -> str:
        return f"Keys on {self.recorded_on}: {self.sets_held} sets"


class CheckKind(models.TextChoices):
    """The kinds of `safety_checks.csv` a void's gates use (the register's names)."""

    GAS = "gas", "Gas safety record"
    ELECTRICAL = "electrical", "Electrical installation condition report (EICR)"
    SMOKE_ALARM = "smoke_alarm", "Smoke alarms tested"
    CO_ALARM = "co_alarm", "Carbon monoxide alarm tested"
    ASBESTOS = "asbestos", "Asbestos information"


class CheckOutcome(models.TextChoices):
    SATISFACTORY = "satisfactory", "Satisfactory"
    UNSATISFACTORY = "unsatisfactory", "Unsatisfactory"
    NO_ACCESS = "no_access", "No access"


class SafetyCheck(models.Model):
    """One safety check recorded on a void, in the shape of `safety_checks.csv`."""

    void = models.ForeignKey(Void, on_delete=models.CASCADE, related_name="safety_checks")
    kind = models.CharField(max_length=20, choices=CheckKind.choices)
    done_on = models.DateField()
    next_due_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=CheckOutcome.choices)
    certificate_ref = models.CharField(max_length=60, blank=True)
    every_storey = models.BooleanField(default=False)
    notes = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "-done_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.done_on}: {self.get_outcome_display()}"


class LettingStandardInspection(models.Model):
    void = models.ForeignKey(Void, on_delete=models.CASCADE, related_name="standard_inspections")
    inspected_on = models.DateField()
    passed = models.BooleanField()
    results = models.JSONField(default=list)  # [{"item": str, "passed": bool, "note": str}]
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["inspected_on", "pk"]

    def __str__(self) -> str:
        return f"Letting Standard {'passed' if self.passed else 'failed'} on {self.inspected_on}"


class OfferStatus(models.TextChoices):
    WAITING = "waiting", "On the shortlist"
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    REFUSED = "refused", "Refused"
    SKIPPED = "skipped", "Skipped"
    SIGNED = "signed", "Signed up"


class Offer(models.Model):
    """One applicant on the council's choice-based lettings shortlist for the home, in the
    shortlist's order, with the reason for every offer, refusal and skip."""

    void = models.ForeignKey(Void, on_delete=models.CASCADE, related_name="offers")
    position = models.PositiveSmallIntegerField()
    applicant_name = models.CharField(max_length=200)
    band = models.CharField(max_length=10)
    band_date = models.DateField()
    bidding_number = models.CharField(max_length=7)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=10, choices=OfferStatus.choices, default=OfferStatus.WAITING
    )
    reason = models.CharField(max_length=500, blank=True)
    offered_on = models.DateField(null=True, blank=True)
    viewing_offered_on = models.DateField(null=True, blank=True)
    viewing_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["void", "position"]
        constraints = [
            models.UniqueConstraint(fields=["void", "position"], name="one_applicant_per_place"),
            models.UniqueConstraint(fields=["void", "bidding_number"], name="one_bid_per_void"),
        ]

    def __str__(self) -> str:
        return f"{self.applicant_name} (bid {self.bidding_number})"
