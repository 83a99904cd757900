"""Money advice for all: an offer to every new tenancy, and referrals for a benefits check,
debt advice or budgeting help, with what came of them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class MoneyAdviceOffer(models.Model):
    """The task to offer benefits, debt and money advice to a new tenancy, due within 20
    working days of its start (measure `tenancy.money_advice_offered`)."""

    tenancy = models.OneToOneField(
        "tenancies.Tenancy", on_delete=models.CASCADE, related_name="money_advice_offer"
    )
    due_on = models.DateField(db_index=True)
    offered_on = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=10, blank=True)
    accepted = models.BooleanField(null=True, blank=True)
    contact_ref = models.CharField(max_length=60, blank=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        done = f"offered {self.offered_on}" if self.offered_on else f"due {self.due_on}"
        return f"Money advice offer for {self.tenancy.ref} ({done})"


class Topic(models.TextChoices):
    BENEFITS_CHECK = "benefits_check", "Benefits check"
    DEBT_ADVICE = "debt_advice", "Debt advice"
    BUDGETING = "budgeting", "Budgeting help"
    FUEL = "fuel", "Help with energy bills"
    EMPLOYMENT = "employment", "Employment and training"


class Outcome(models.TextChoices):
    PENDING = "pending", "Waiting to hear"
    ENGAGED = "engaged", "Working with the adviser"
    BENEFITS_GAINED = "benefits_gained", "Benefits gained"
    DEBT_SOLUTION = "debt_solution", "Debt solution agreed"
    BUDGET_PLAN = "budget_plan", "Budget plan made"
    DID_NOT_ENGAGE = "did_not_engage", "Did not engage"
    DECLINED = "declined", "Declined"


OPEN_OUTCOMES = (Outcome.PENDING, Outcome.ENGAGED)


class AdviceReferral(models.Model):
    ref = models.CharField("referral reference", max_length=40, unique=True)
    tenancy = models.ForeignKey(
        "tenancies.Tenancy", on_delete=models.CASCADE, related_name="advice_referrals"
    )
    case = models.ForeignKey(
        "rents.ArrearsCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    provider = models.CharField(max_length=120)
    referred_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_on = models.DateField(null=True, blank=True)
    yearly_gain = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text="Extra income a year (for example benefits gained).",
    )
    notes = models.TextField(blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        indexes = [models.Index(fields=["outcome"])]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} referral to {self.provider}"

    @property
    def is_open(self) -> bool:
        return self.outcome in OPEN_OUTCOMES
