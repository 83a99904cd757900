"""The building safety register: the kinds of check each home, block and lift needs (with the
landlord's frequencies), every check done or attempted, the remedial actions an unsatisfactory
check leaves, legal access escalations, copies of certificates given to residents, stock
condition surveys, and the hazards Awaab's Law brings into scope."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The kinds of check in `safety_checks.csv` (interchange spec)."""

    GAS = "gas", _("Gas safety")
    ELECTRICAL = "electrical", _("Electrical installation (EICR)")
    SMOKE_ALARM = "smoke_alarm", _("Smoke alarms")
    CO_ALARM = "co_alarm", _("Carbon monoxide alarms")
    FIRE_DOOR = "fire_door", _("Fire doors")
    FIRE_RISK = "fire_risk", _("Fire risk assessment")
    ASBESTOS = "asbestos", _("Asbestos")
    WATER = "water", _("Water safety (legionella)")
    LIFT = "lift", _("Lift thorough examination")


class AppliesTo(models.TextChoices):
    HOME = "home", _("Home")
    BLOCK = "block", _("Block")


class Scope(models.TextChoices):
    """Which homes or blocks need a check type (see `rules.py`)."""

    HOMES_WITH_GAS = "homes_with_gas", _("Homes with a gas supply")
    ALL_HOMES = "all_homes", _("Every home")
    HOMES_IN_TALL_BLOCKS = "homes_in_tall_blocks", _("Homes in blocks over 11 metres")
    BLOCKS_WITH_COMMUNAL_AREAS = "blocks_communal", _("Blocks with communal areas")
    TALL_BLOCKS_WITH_COMMUNAL_AREAS = (
        "tall_blocks_communal",
        _("Blocks over 11 metres with communal areas"),
    )
    LIFTS = "lifts", _("Each communal lift")


class CheckType(models.Model):
    """One thing the register tracks, with the landlord's frequency (defaults in
    `reference.py`). Frequencies are in months; a fire risk assessment's depends on the risk
    the last assessment found."""

    code = models.SlugField(max_length=30, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    applies_to = models.CharField(max_length=5, choices=AppliesTo.choices)
    scope = models.CharField(max_length=24, choices=Scope.choices)
    name = models.CharField(max_length=100)
    frequency_months = models.PositiveSmallIntegerField()
    high_risk_months = models.PositiveSmallIntegerField(null=True, blank=True)
    medium_risk_months = models.PositiveSmallIntegerField(null=True, blank=True)
    low_risk_months = models.PositiveSmallIntegerField(null=True, blank=True)
    # Due again at every tenancy start (smoke and carbon monoxide alarms).
    at_tenancy_start = models.BooleanField(default=False)
    # Residents get a copy of the record (gas and electrical).
    copy_to_resident = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Outcome(models.TextChoices):
    SATISFACTORY = "satisfactory", _("Satisfactory")
    UNSATISFACTORY = "unsatisfactory", _("Unsatisfactory")
    NO_ACCESS = "no_access", _("No access")


class FireRisk(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class SafetyCheck(models.Model):
    """One inspection of one thing: a home, a block's communal areas, or one lift."""

    ref = models.CharField("check reference", max_length=40, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    home = models.ForeignKey(
        "estates.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    block = models.ForeignKey(
        "estates.Block", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    asset_ref = models.CharField("lift or door", max_length=40, blank=True)
    done_on = models.DateField()
    next_due_on = models.DateField()
    outcome = models.CharField(max_length=14, choices=Outcome.choices)
    contractor = models.CharField(max_length=200, blank=True)
    engineer = models.CharField(max_length=200, blank=True)
    certificate_ref = models.CharField(max_length=60, blank=True)
    certificate = models.FileField(upload_to="safety/certificates/%Y/%m/", blank=True)
    risk = models.CharField(max_length=6, choices=FireRisk.choices, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_on", "-pk"]
        indexes = [
            models.Index(fields=["kind", "home", "done_on"]),
            models.Index(fields=["kind", "block", "done_on"]),
            models.Index(fields=["next_due_on"]),
            # "Copies owed" on My work: the oldest gas and electrical records of homes first,
            # read in order until enough are found (not every record of the last months sorted).
            models.Index(
                fields=["done_on", "id"],
                condition=models.Q(kind__in=("gas", "electrical"), home__isnull=False),
                name="safety_check_copies_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(home__isnull=False, block__isnull=True)
                | models.Q(home__isnull=True, block__isnull=False),
                name="safety_check_home_or_block",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ref}: {self.get_kind_display()}"

    @property
    def place(self) -> object:
        return self.home or self.block


class DueDate(models.Model):
    """A home's next due date for one kind of home check that covers it: the latest next due
    date of its good checks (None: never checked), the day the latest was done, and the first
    tenancy since. Kept by triggers on homes, checks and tenancies (`hearth.safety.due_dates`), never
    written by code."""

    kind = models.CharField(max_length=12, choices=Kind.choices)
    home = models.ForeignKey("estates.Home", on_delete=models.CASCADE, related_name="+")
    next_due_on = models.DateField(null=True, blank=True)
    last_done_on = models.DateField(null=True, blank=True)
    # The start of the first tenancy after `last_done_on`: a check due again at each new
    # tenancy (smoke and carbon monoxide alarms) falls due that day.
    new_tenancy_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "home"], name="safety_one_due_date_per_kind")
        ]
        indexes = [
            # With the home, so the homes of a range are read from the index alone.
            models.Index(
                fields=["kind", "next_due_on", "last_done_on", "home"], name="safety_due_next_idx"
            ),
            models.Index(fields=["kind", "last_done_on", "home"], name="safety_due_last_idx"),
            models.Index(fields=["kind", "new_tenancy_on", "home"], name="safety_due_tenancy_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.home_id}: {self.next_due_on}"


class AccessChannel(models.TextChoices):
    VISIT = "visit", _("Visit")
    LETTER = "letter", _("Letter")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    CARD = "card", _("Calling card left")


class AccessOutcome(models.TextChoices):
    NO_ANSWER = "no_answer", _("No answer")
    REFUSED = "refused", _("Refused access")
    APPOINTMENT_MADE = "appointment_made", _("Appointment made")
    ACCESS_GAINED = "access_gained", _("Access gained")


class AccessAttempt(models.Model):
    """One try to get into a home for a check: when, how, and what happened."""

    home = models.ForeignKey("estates.Home", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    attempted_at = models.DateTimeField()
    channel = models.CharField(max_length=8, choices=AccessChannel.choices)
    outcome = models.CharField(max_length=16, choices=AccessOutcome.choices)
    safety_check = models.ForeignKey(
        SafetyCheck, null=True, blank=True, on_delete=models.CASCADE, related_name="attempts"
    )
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-attempted_at", "-pk"]
        indexes = [models.Index(fields=["home", "kind", "attempted_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.get_outcome_display()}"


class LegalAccess(models.Model):
    """An escalation to legal access (an injunction) after attempts by three channels failed.
    Rent and tenancy officers see it on "My work"."""

    ref = models.CharField(max_length=40, unique=True)
    home = models.ForeignKey("estates.Home", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    opened_on = models.DateField()
    reason = models.TextField()
    closed_on = models.DateField(null=True, blank=True)
    closing_note = models.TextField(blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.ref}: legal access"


class RiskLevel(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate danger")
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Finding(models.TextChoices):
    """What an unsatisfactory check found that needs putting right."""

    EICR_C1 = "eicr_c1", _("EICR C1: danger present")
    EICR_C2 = "eicr_c2", _("EICR C2: potentially dangerous")
    GAS_IMMEDIATELY_DANGEROUS = "gas_id", _("Gas: immediately dangerous")
    GAS_AT_RISK = "gas_ar", _("Gas: at risk")
    FRA_ACTION = "fra", _("Fire risk assessment action")
    OTHER = "other", _("Other defect")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class RemedialAction(models.Model):
    """Work an unsatisfactory check found, on a clock set by its risk."""

    ref = models.CharField(max_length=40, unique=True)
    safety_check = models.ForeignKey(SafetyCheck, on_delete=models.PROTECT, related_name="actions")
    finding = models.CharField(max_length=8, choices=Finding.choices)
    description = models.TextField()
    risk = models.CharField(max_length=10, choices=RiskLevel.choices)
    raised_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=6, choices=ActionStatus.choices, default="open")
    completed_on = models.DateField(null=True, blank=True)
    # The works order the repairs service raised for it.
    works_order_ref = models.CharField(max_length=40, blank=True)
    mitigation = models.TextField(blank=True)
    mitigation_recorded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.ref}: {self.description[:60]}"


class CopyOccasion(models.TextChoices):
    AFTER_CHECK = "after_check", _("Within 28 days of the check")
    NEW_TENANT = "new_tenant", _("Before a new tenant moved in")


class CopyChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    TEXT = "text", _("Text message")
    IN_PERSON = "in_person", _("Handed over in person")
    PORTAL = "portal", _("Online account")


class ResidentCopy(models.Model):
    """A copy of a gas safety record or EICR given to a tenant: how and when."""

    safety_check = models.ForeignKey(SafetyCheck, on_delete=models.CASCADE, related_name="copies")
    tenancy = models.ForeignKey("tenancies.Tenancy", on_delete=models.PROTECT, related_name="+")
    occasion = models.CharField(max_length=12, choices=CopyOccasion.choices)
    given_on = models.DateField()
    channel = models.CharField(max_length=10, choices=CopyChannel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["safety_check", "tenancy", "occasion"], name="safety_copy_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} on {self.given_on}"


class Condition(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")


class ConditionSurvey(models.Model):
    """A stock condition survey of one home: each Decent Homes criterion, and the items the
    new Decent Homes Standard adds (by 2035)."""

    ref = models.CharField("survey reference", max_length=40, unique=True)
    home = models.ForeignKey("estates.Home", on_delete=models.PROTECT, related_name="+")
    surveyed_on = models.DateField()
    surveyor = models.CharField(max_length=200, blank=True)
    decent = models.BooleanField()
    fails_a = models.BooleanField("A: hazards", default=False)
    fails_b = models.BooleanField("B: state of repair", default=False)
    fails_c = models.BooleanField("C: modern facilities", default=False)
    fails_d = models.BooleanField("D: thermal comfort", default=False)
    kitchen = models.CharField(max_length=4, choices=Condition.choices, blank=True)
    bathroom = models.CharField(max_length=4, choices=Condition.choices, blank=True)
    window_restrictors_ok = models.BooleanField(null=True, blank=True)
    damp_or_mould = models.BooleanField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-surveyed_on", "-pk"]
        indexes = [models.Index(fields=["home", "surveyed_on"])]

    def __str__(self) -> str:
        return f"{self.ref}: {self.surveyed_on}"

    @property
    def failing_criteria(self) -> str:
        return ";".join(
            letter
            for letter, fails in (
                ("A", self.fails_a),
                ("B", self.fails_b),
                ("C", self.fails_c),
                ("D", self.fails_d),
            )
            if fails
        )


class AwaabHazard(models.Model):
    """A hazard Awaab's Law (the Hazards in Social Housing (Prescribed Requirements)
    (England) Regulations 2025) brings into scope, from its start date."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    phase = models.PositiveSmallIntegerField()
    in_force_from = models.DateField()

    class Meta:
        ordering = ["in_force_from", "code"]

    def __str__(self) -> str:
        return self.name
