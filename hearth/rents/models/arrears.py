"""Arrears: the stored dates each account fell into and left arrears (measures spec), the
arrears case an income officer works, payment plans, income and expenditure, and benefit
claims (which hold back legal action while they are pending)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from hearth.rents.models.accounts import RentAccount


class ArrearsEpisode(models.Model):
    """A spell in arrears: from the day the end-of-day balance first exceeded the weekly
    charge (while not already in arrears) to the first day it ended at zero or less.
    Worked out from the ledger by `hearth.rents.episodes` whenever transactions are posted."""

    account = models.ForeignKey(
        RentAccount, on_delete=models.CASCADE, related_name="arrears_episodes"
    )
    started_on = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    balance_at_start = models.DecimalField(max_digits=11, decimal_places=2)
    weekly_charge = models.DecimalField(max_digits=9, decimal_places=2)

    class Meta:
        ordering = ["account", "started_on"]
        constraints = [
            models.UniqueConstraint(fields=["account", "started_on"], name="one_episode_per_day")
        ]

    def __str__(self) -> str:
        until = f" to {self.ended_on}" if self.ended_on else ""
        return f"In arrears from {self.started_on}{until}"


class Stage(models.TextChoices):
    """How far recovery has gone, in the Pre-Action Protocol's order."""

    FIRST_CONTACT = "first_contact", "First contact"
    SUPPORT = "support", "Support and agreement"
    LETTER_1 = "letter_1", "First arrears letter"
    LETTER_2 = "letter_2", "Second arrears letter"
    NOTICE = "notice", "Notice of Seeking Possession served"
    COURT = "court", "Referred for a possession claim"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Risk(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class ArrearsCase(models.Model):
    """Opened automatically when an account falls into arrears, closed when it is clear."""

    ref = models.CharField("case reference", max_length=40, unique=True)
    account = models.ForeignKey(RentAccount, on_delete=models.PROTECT, related_name="arrears_cases")
    episode = models.ForeignKey(
        ArrearsEpisode, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    opened_on = models.DateField()
    status = FSMField(default=CaseStatus.OPEN, choices=CaseStatus.choices, protected=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.FIRST_CONTACT)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="arrears_cases",
    )
    first_contact_due = models.DateField()
    first_contacted_on = models.DateField(null=True, blank=True)
    last_contacted_on = models.DateField(null=True, blank=True)
    vulnerability_checked_on = models.DateField(null=True, blank=True)
    vulnerable = models.BooleanField(default=False)
    vulnerability_notes = models.TextField(blank=True)
    advice_signposted_on = models.DateField(null=True, blank=True)
    income_expenditure_requested_on = models.DateField(null=True, blank=True)
    direct_payment_requested_on = models.DateField(null=True, blank=True)
    letter_1_on = models.DateField(null=True, blank=True)
    letter_2_on = models.DateField(null=True, blank=True)
    notice_served_on = models.DateField(null=True, blank=True)
    court_referred_on = models.DateField(null=True, blank=True)
    # The recommended next step (hearth.rents.rules.recommend_next_step), kept for the queue.
    next_action = models.CharField(max_length=40, blank=True)
    next_action_due = models.DateField(null=True, blank=True, db_index=True)
    risk = models.CharField(max_length=10, choices=Risk.choices, default=Risk.LOW)
    risk_score = models.PositiveSmallIntegerField(default=0)
    closed_on = models.DateField(null=True, blank=True)
    close_reason = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-risk_score", "next_action_due", "pk"]
        indexes = [models.Index(fields=["status", "owner", "next_action_due"])]
        constraints = [
            models.UniqueConstraint(
                fields=["account"], condition=Q(status="open"), name="one_open_arrears_case"
            )
        ]

    def __str__(self) -> str:
        return f"Arrears case {self.ref}"

    @transition(field=status, source=CaseStatus.OPEN, target=CaseStatus.CLOSED)
    def close(self) -> None:
        """Close the case (the account is clear, or the officer closes it)."""


class IncomeExpenditure(models.Model):
    """An income and expenditure statement: what a tenant can afford towards arrears."""

    case = models.ForeignKey(
        ArrearsCase, on_delete=models.CASCADE, related_name="income_expenditures"
    )
    recorded_on = models.DateField(default=timezone.localdate)
    monthly_income = models.DecimalField(max_digits=9, decimal_places=2)
    monthly_outgoings = models.DecimalField(max_digits=9, decimal_places=2)
    lines = models.JSONField(default=dict, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"Income and expenditure on {self.recorded_on}"

    @property
    def monthly_surplus(self) -> Decimal:
        return self.monthly_income - self.monthly_outgoings


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Being kept"
    BROKEN = "broken", "Broken"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Replaced or cancelled"


class PaymentPlan(models.Model):
    """An agreement to pay the rent plus a weekly sum towards the arrears."""

    case = models.ForeignKey(ArrearsCase, on_delete=models.CASCADE, related_name="plans")
    agreed_on = models.DateField()
    starts_on = models.DateField()
    weekly_instalment = models.DecimalField(max_digits=9, decimal_places=2)
    balance_at_start = models.DecimalField(max_digits=11, decimal_places=2)
    status = FSMField(default=PlanStatus.ACTIVE, choices=PlanStatus.choices, protected=True)
    ended_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-agreed_on", "-pk"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"£{self.weekly_instalment} a week towards arrears from {self.starts_on}"

    @transition(field=status, source=PlanStatus.ACTIVE, target=PlanStatus.BROKEN)
    def mark_broken(self) -> None:
        """Payments have fallen behind what was agreed."""

    @transition(field=status, source=PlanStatus.ACTIVE, target=PlanStatus.COMPLETED)
    def complete(self) -> None:
        """The arrears are paid off."""

    @transition(
        field=status, source=[PlanStatus.ACTIVE, PlanStatus.BROKEN], target=PlanStatus.CANCELLED
    )
    def cancel(self) -> None:
        """Replaced by a new plan, or ended by the officer."""


class BenefitKind(models.TextChoices):
    HOUSING_BENEFIT = "housing_benefit", "Housing Benefit"
    UNIVERSAL_CREDIT = "universal_credit", "Universal Credit (housing element)"
    DISCRETIONARY = "discretionary", "Discretionary Housing Payment"


class ClaimStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    AWARDED = "awarded", "Awarded"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class BenefitClaim(models.Model):
    """A claim for help with housing costs. While one is pending, Hearth never recommends
    legal action (Pre-Action Protocol, housing benefit)."""

    account = models.ForeignKey(
        RentAccount, on_delete=models.CASCADE, related_name="benefit_claims"
    )
    kind = models.CharField(max_length=20, choices=BenefitKind.choices)
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    claimed_on = models.DateField()
    decided_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=40, blank=True)
    paid_to_landlord = models.BooleanField(
        default=False, help_text="Paid straight to us (a managed payment or direct payment)."
    )
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-claimed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} claim, {self.get_status_display().lower()}"
