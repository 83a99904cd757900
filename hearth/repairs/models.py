"""Repairs: what was reported, when it is due, the appointments booked, the visits made, what
it cost, and what the resident thought of it. Damp and mould reports carry Awaab's Law clocks."""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from hearth.core import formats
from hearth.repairs import rules
from hearth.tenancies.models import TenancyMember


class Priority(models.TextChoices):
    EMERGENCY = rules.Priority.EMERGENCY, _("Emergency")
    URGENT = rules.Priority.URGENT, _("Urgent")
    ROUTINE = rules.Priority.ROUTINE, _("Routine")
    PLANNED = rules.Priority.PLANNED, _("Planned")
    VOID = rules.Priority.VOID, _("Void works")


class Trade(models.TextChoices):
    PLUMBER = "plumber", _("Plumber")
    ELECTRICIAN = "electrician", _("Electrician")
    GAS_ENGINEER = "gas_engineer", _("Gas engineer")
    CARPENTER = "carpenter", _("Carpenter")
    GLAZIER = "glazier", _("Glazier")
    ROOFER = "roofer", _("Roofer")
    PLASTERER = "plasterer", _("Plasterer")
    DECORATOR = "decorator", _("Decorator")
    DRAINAGE = "drainage", _("Drainage")
    DAMP_SPECIALIST = "damp_specialist", _("Damp and mould specialist")
    DOOR_ENTRY = "door_entry", _("Door entry engineer")
    MULTI_TRADE = "multi_trade", _("Multi-trade")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ReportChannel(models.TextChoices):
    PORTAL = "portal", _("Online")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")
    OPERATIVE = "operative", _("Found by an operative")
    API = "api", _("Another system")
    IMPORTED = "imported", _("Imported")


class RepairSettings(models.Model):
    """The landlord's repair priorities and spend limits. There is one row; the defaults are
    the measures spec's (24 hours, 5, 20 and 60 working days)."""

    emergency_hours = models.PositiveSmallIntegerField(default=rules.DEFAULT_EMERGENCY_HOURS)
    urgent_days = models.PositiveSmallIntegerField(default=rules.DEFAULT_URGENT_DAYS)
    routine_days = models.PositiveSmallIntegerField(default=rules.DEFAULT_ROUTINE_DAYS)
    planned_days = models.PositiveSmallIntegerField(default=rules.DEFAULT_PLANNED_DAYS)
    void_days = models.PositiveSmallIntegerField(default=rules.DEFAULT_VOID_DAYS)
    # Role -> the most (in pounds) a person in that role may commit on one repair without a
    # manager's approval. A role not listed may not commit spend at all; managers and
    # administrators approve, so they have no limit.
    spend_limits = models.JSONField(default=dict, blank=True)
    booking_days = models.PositiveSmallIntegerField(
        default=15, help_text="How many working days ahead residents may book."
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    DEFAULT_SPEND_LIMITS = {
        "operative": "250.00",
        "repairs_coordinator": "1000.00",
        "housing_officer": "500.00",
    }

    class Meta:
        verbose_name_plural = "repair settings"

    def __str__(self) -> str:
        return "Repair settings"

    @classmethod
    def current(cls) -> RepairSettings:
        found = cls.objects.order_by("pk").first()
        if found is None:
            found = cls.objects.create(spend_limits=dict(cls.DEFAULT_SPEND_LIMITS))
        return found

    @property
    def times(self) -> rules.PriorityTimes:
        return rules.PriorityTimes(
            emergency_hours=self.emergency_hours,
            urgent_days=self.urgent_days,
            routine_days=self.routine_days,
            planned_days=self.planned_days,
            void_days=self.void_days,
        )


class Operative(models.Model):
    """A member of staff who attends repairs: their trade and how many jobs a slot holds."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="operative_profile"
    )
    trade = models.CharField(max_length=40, choices=Trade.choices)
    am_capacity = models.PositiveSmallIntegerField(default=3)
    pm_capacity = models.PositiveSmallIntegerField(default=3)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["trade", "user__username"]

    def __str__(self) -> str:
        return f"{self.user.display_name} ({self.get_trade_display()})"  # type: ignore[attr-defined]


class EmergencyStop(models.TextChoices):
    """Reports we must not take online: the resident is told to phone at once."""

    GAS = "gas", _("You can smell gas")
    NO_POWER = "no_power", _("There is no power to your whole home")
    WATER_CEILING = "water_ceiling", _("Water is pouring through a ceiling or onto electrics")


class Area(models.TextChoices):
    KITCHEN = "kitchen", _("Kitchen")
    BATHROOM = "bathroom", _("Bathroom or toilet")
    HEATING = "heating", _("Heating and hot water")
    ELECTRICS = "electrics", _("Lights, sockets and electrics")
    DOORS_WINDOWS = "doors_windows", _("Doors, windows and locks")
    WALLS = "walls", _("Walls, floors, ceilings and stairs")
    DAMP = "damp", _("Damp, mould or condensation")
    OUTSIDE = "outside", _("Roof, gutters and outside")
    COMMUNAL = "communal", _("Shared areas of your block")


class CatalogueItem(models.Model):
    """A common repair in plain words, with the priority and trade it usually needs."""

    code = models.CharField(max_length=30, unique=True)
    area = models.CharField(max_length=20, choices=Area.choices)
    name = models.CharField(max_length=120)
    hint = models.CharField(max_length=300, blank=True)
    priority = models.CharField(max_length=12, choices=Priority.choices)
    trade = models.CharField(max_length=40, choices=Trade.choices)
    right_to_repair_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # "Loss of space or water heating": 1 working day in winter, 3 in summer (1994 Schedule).
    seasonal_heating = models.BooleanField(default=False)
    damp_or_mould = models.BooleanField(default=False)
    communal = models.BooleanField(default=False)
    resident_responsibility = models.BooleanField(default=False)
    responsibility_note = models.TextField(blank=True)
    emergency_stop = models.CharField(max_length=20, choices=EmergencyStop.choices, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["area", "order", "name"]

    def __str__(self) -> str:
        return self.name

    def rtr_days_on(self, day: date) -> int | None:
        if self.seasonal_heating:
            return rules.heating_loss_period(day)
        return self.right_to_repair_days


class RepairQuerySet(models.QuerySet["Repair"]):
    def open(self) -> RepairQuerySet:
        return self.filter(status=Status.OPEN)

    def counted(self) -> RepairQuerySet:
        """Every repair a measure counts: cancelled repairs are excluded from all of them."""
        return self.exclude(status=Status.CANCELLED)

    def for_person(self, person_id: int | None) -> RepairQuerySet:
        """Repairs a resident may see: those they reported, and those on their tenancies."""
        if person_id is None:
            return self.none()
        # Their tenancies as a subquery, not a join through every member of every tenancy
        # with DISTINCT over whole rows: PostgreSQL then reads only these repairs.
        tenancies = TenancyMember.objects.filter(person_id=person_id).values("tenancy_id")
        return self.filter(Q(reporter_id=person_id) | Q(tenancy_id__in=tenancies))


class Repair(FSMModelMixin, models.Model):
    ref = models.CharField("repair reference", max_length=40, unique=True)
    # A communal repair has a block and no home; a repair in a home has both (the block for
    # filtering by estate).
    home = models.ForeignKey(
        "estates.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="repairs"
    )
    block = models.ForeignKey("estates.Block", on_delete=models.PROTECT, related_name="repairs")
    tenancy = models.ForeignKey(
        "tenancies.Tenancy",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repairs",
    )
    reporter = models.ForeignKey(
        "tenancies.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repairs_reported",
    )
    reported_at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=12, choices=ReportChannel.choices)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    priority = models.CharField(max_length=12, choices=Priority.choices)
    description = models.TextField()
    location = models.CharField(max_length=200, blank=True)
    trade = models.CharField(max_length=40, choices=Trade.choices, blank=True)
    catalogue_item = models.ForeignKey(
        CatalogueItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    right_to_repair_days = models.PositiveSmallIntegerField(null=True, blank=True)
    status = FSMField(default=Status.OPEN, choices=Status.choices, protected=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.CharField(max_length=300, blank=True)
    # Worked out by the one clock when the repair is raised (or its priority changes), so
    # work queues, the resident's page and the measures all use the same date.
    due_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField()
    rtr_due_on = models.DateField(null=True, blank=True)
    damp_or_mould = models.BooleanField(default=False)
    # The Awaab's Law hazard the report is about (a code from core's hazard list), if any.
    hazard = models.CharField(max_length=40, blank=True)
    rechargeable = models.BooleanField(default=False)
    access_notes = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    operative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_repairs",
    )
    # A manager's approval lets spend on this repair go up to this amount.
    approved_spend = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    # After a visit completes it, the resident is asked to confirm it is fixed; "not fixed"
    # reopens it (services.visits.resident_confirms_fix).
    fix_confirmed_at = models.DateTimeField(null=True, blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    # Three no-access visits, with more than one way of reaching the resident tried: the
    # repair's officer (or a coordinator) takes it on (rules.no_access_escalates).
    no_access_escalated_at = models.DateTimeField(null=True, blank=True)
    # Same home and trade within 30 days of a repair we completed (rules.is_repeat).
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats"
    )
    history = HistoricalRecords()

    objects = RepairQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "reported_at", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["status", "priority", "due_on"]),  # the queue by priority
            models.Index(fields=["completed_at"]),
            models.Index(fields=["operative", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(right_to_repair_days__isnull=True)
                | Q(right_to_repair_days__in=rules.RIGHT_TO_REPAIR_PERIODS),
                name="repair_rtr_days_1_3_or_7",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ref}: {self.summary}"

    def get_absolute_url(self) -> str:
        return reverse("repairs:repair", args=[self.ref])

    @property
    def summary(self) -> str:
        first_line = self.description.strip().splitlines()[0] if self.description.strip() else ""
        return first_line[:80] or self.ref

    @property
    def right_to_repair_due_on(self) -> date | None:
        return self.rtr_due_on

    @property
    def is_communal(self) -> bool:
        return self.home_id is None

    @property
    def where(self) -> str:
        return str(self.home) if self.home_id else f"{self.block} (shared areas)"

    def get_resident_url(self) -> str:
        return reverse("repairs_portal:repair", args=[self.ref])

    @transition(field=status, source=Status.OPEN, target=Status.COMPLETED)
    def complete(self, *, at: Any) -> None:
        self.completed_at = at

    @transition(field=status, source=Status.COMPLETED, target=Status.OPEN)
    def reopen(self, *, at: Any) -> None:
        self.completed_at = None
        self.fix_confirmed_at = None
        self.reopened_at = at

    @transition(field=status, source=Status.OPEN, target=Status.CANCELLED)
    def cancel(self, *, at: Any, reason: str) -> None:
        self.cancelled_at = at
        self.cancellation_reason = reason


class Slot(models.TextChoices):
    AM = "am", _("Morning (8am to 12 noon)")
    PM = "pm", _("Afternoon (12 noon to 6pm)")
    ALL_DAY = "all_day", _("All day (8am to 6pm)")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Booked")
    KEPT = "kept", _("Kept")
    MISSED = "missed", _("Missed")
    CANCELLED_BY_RESIDENT = "cancelled_by_resident", _("Cancelled by the resident")
    CANCELLED_BY_LANDLORD = "cancelled_by_landlord", _("Cancelled by us")


class Appointment(FSMModelMixin, models.Model):
    ref = models.CharField("appointment reference", max_length=40, unique=True)
    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="appointments")
    date = models.DateField()
    slot = models.CharField(max_length=8, choices=Slot.choices)
    trade = models.CharField(max_length=40, choices=Trade.choices, blank=True)
    operative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repair_appointments",
    )
    outcome = FSMField(default=Outcome.PENDING, choices=Outcome.choices, protected=True)
    cancelled_on = models.DateField(null=True, blank=True)
    cancellation_reason = models.CharField(max_length=300, blank=True)
    # Booked for a day after the repair's due date: why (it is on the timeline, and the
    # resident was told).
    late_reason = models.CharField(max_length=300, blank=True)
    booked_at = models.DateTimeField(default=timezone.now)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "slot", "pk"]
        indexes = [
            models.Index(fields=["date", "slot", "trade"]),
            models.Index(fields=["operative", "date"]),
        ]

    def __str__(self) -> str:
        return f"{formats.day_with_weekday(self.date)}, {self.get_slot_display()}"  # type: ignore[attr-defined]

    @property
    def is_pending(self) -> bool:
        return bool(self.outcome == Outcome.PENDING)

    @transition(field=outcome, source=[Outcome.PENDING, Outcome.MISSED], target=Outcome.KEPT)
    def mark_kept(self) -> None:
        """Kept; a late-recorded visit may correct an appointment first marked missed."""

    @transition(field=outcome, source=Outcome.PENDING, target=Outcome.MISSED)
    def mark_missed(self) -> None:
        pass

    @transition(field=outcome, source=Outcome.PENDING, target=Outcome.CANCELLED_BY_RESIDENT)
    def cancel_by_resident(self, *, on: dt.date, reason: str = "") -> None:
        self.cancelled_on, self.cancellation_reason = on, reason

    @transition(field=outcome, source=Outcome.PENDING, target=Outcome.CANCELLED_BY_LANDLORD)
    def cancel_by_landlord(self, *, on: dt.date, reason: str = "") -> None:
        self.cancelled_on, self.cancellation_reason = on, reason


class VisitOutcome(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    FURTHER_WORK = "further_work", _("Further work needed")
    NO_ACCESS = "no_access", _("No access")


class Visit(models.Model):
    ref = models.CharField("visit reference", max_length=40, unique=True)
    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="visits")
    appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits"
    )
    operative = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visited_at = models.DateTimeField()
    outcome = models.CharField(max_length=14, choices=VisitOutcome.choices)
    notes = models.TextField(blank=True)
    # No access: what the operative did about it.
    card_left = models.BooleanField(default=False)
    phoned = models.BooleanField(default=False)
    resident_told = models.BooleanField(default=False)
    # Further work: by when the resident must hear from us (1 working day), by the one clock.
    update_due_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["visited_at", "pk"]
        indexes = [
            models.Index(fields=["repair", "visited_at"]),
            # Further-work visits from a day on, when a closure day moves their update's date.
            models.Index(fields=["update_due_on"]),
            # Residents owed an update after further work (my work): every further-work visit
            # has a due date, mostly long past, so the open repairs are matched against these
            # few visits rather than against every visit due by a date. At 100,000 homes, 35 ms
            # rather than 120 ms on PostgreSQL.
            models.Index(
                fields=["repair"],
                condition=models.Q(outcome="further_work"),
                name="visit_further_work_repair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref} ({self.get_outcome_display()})"  # type: ignore[attr-defined]


class FollowOn(models.Model):
    """Further work a visit found: what, which trade, what materials, and its appointment."""

    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="follow_ons")
    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="follow_on")
    description = models.TextField()
    trade = models.CharField(max_length=40, choices=Trade.choices, blank=True)
    materials = models.TextField(blank=True)
    appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.description[:60]


class DampMould(models.Model):
    """Awaab's Law clocks on a damp and mould report."""

    repair = models.OneToOneField(Repair, on_delete=models.CASCADE, related_name="damp_mould")
    aware_at = models.DateTimeField()
    emergency = models.BooleanField(default=False)
    investigation_due_on = models.DateField()
    investigated_on = models.DateField(null=True, blank=True)
    significant_hazard = models.BooleanField(null=True, blank=True)
    summary_due_on = models.DateField(null=True, blank=True)
    summary_sent_on = models.DateField(null=True, blank=True)
    safety_work_due_on = models.DateField(null=True, blank=True)
    safety_work_started_on = models.DateField(null=True, blank=True)
    made_safe_due_at = models.DateTimeField(null=True, blank=True)
    made_safe_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Damp and mould clocks for {self.repair_id}"


class RepairPhoto(models.Model):
    """A photo of the problem, re-encoded without its metadata (no location)."""

    repair = models.ForeignKey(
        Repair, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    # A photo taken at a no-access visit, as evidence that the operative came.
    visit = models.ForeignKey(
        "Visit", null=True, blank=True, on_delete=models.SET_NULL, related_name="photos"
    )
    image = models.FileField(upload_to="repairs/photos/%Y/%m/")
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name or self.image.name


class Rate(models.Model):
    """A line of the schedule of rates: a code, what it covers and its unit price."""

    code = models.CharField(max_length=30, unique=True)
    description = models.CharField(max_length=300)
    unit = models.CharField(max_length=30, default="each")
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    trade = models.CharField(max_length=40, choices=Trade.choices, blank=True)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class SpendDecision(models.TextChoices):
    PENDING = "pending", _("Waiting for a manager")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Refused")


class SpendApproval(models.Model):
    """A request to spend more on a repair than the requester's role allows."""

    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="spend_approvals")
    amount = models.DecimalField(max_digits=10, decimal_places=2, help_text="The new total.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(
        max_length=10, choices=SpendDecision.choices, default=SpendDecision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        indexes = [models.Index(fields=["decision", "requested_at"])]  # approvals waiting

    def __str__(self) -> str:
        return f"{formats.money(self.amount)} on {self.repair_id} ({self.decision})"


class CostLine(models.Model):
    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="cost_lines")
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="cost_lines"
    )
    rate = models.ForeignKey(Rate, null=True, blank=True, on_delete=models.PROTECT)
    code = models.CharField(max_length=30, blank=True)
    description = models.CharField(max_length=300)
    quantity = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("1"))
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    approval = models.ForeignKey(
        SpendApproval, null=True, blank=True, on_delete=models.SET_NULL, related_name="lines"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.description} {formats.money(self.total)}"

    @property
    def is_committed(self) -> bool:
        """Counts towards the repair's cost: needed no approval, or a manager approved it."""
        return self.approval is None or self.approval.decision == SpendDecision.APPROVED


class RechargeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CHARGED = "charged", _("Charged to the resident")
    WAIVED = "waived", _("Waived")


class Recharge(models.Model):
    """The cost of a repair charged to the resident, for damage they (or a visitor) caused."""

    repair = models.OneToOneField(Repair, on_delete=models.CASCADE, related_name="recharge")
    tenancy = models.ForeignKey(
        "tenancies.Tenancy", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    reason = models.TextField()
    status = models.CharField(
        max_length=10, choices=RechargeStatus.choices, default=RechargeStatus.PROPOSED
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Recharge {formats.money(self.amount)} ({self.status})"


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    FAIRLY_SATISFIED = "fairly_satisfied", _("Fairly satisfied")
    NEITHER = "neither", _("Neither satisfied nor dissatisfied")
    FAIRLY_DISSATISFIED = "fairly_dissatisfied", _("Fairly dissatisfied")
    VERY_DISSATISFIED = "very_dissatisfied", _("Very dissatisfied")


class SatisfactionAnswer(models.Model):
    """The answer to the one question asked after a repair is completed."""

    repair = models.OneToOneField(Repair, on_delete=models.CASCADE, related_name="satisfaction")
    answer = models.CharField(max_length=20, choices=Satisfaction.choices)
    comment = models.TextField(blank=True)
    answered_at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=12, choices=ReportChannel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.repair_id}: {self.answer}"
