"""Rent accounts and what they charge: the landlord's rent policy (payment details, rent-free
weeks, 53-week years), effective-dated weekly charges per home, service charge items, one rent
account per tenancy and its direct debit mandates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.core import formats

ZERO = Decimal("0.00")


class FiftyThirdWeek(models.TextChoices):
    CHARGE = "charge", "Charge it like any other week"
    FREE = "free", "Make it a rent-free week"


class RentPolicy(models.Model):
    """How the landlord charges and collects rent. There is one row."""

    bank_account_name = models.CharField(max_length=100, blank=True)
    bank_sort_code = models.CharField(max_length=8, blank=True)
    bank_account_number = models.CharField(max_length=8, blank=True)
    online_payment_url = models.URLField(blank=True)
    paypoint_help = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where residents can pay with their payment card (shops with the PayPoint sign).",
    )
    fifty_third_week = models.CharField(
        max_length=10, choices=FiftyThirdWeek.choices, default=FiftyThirdWeek.CHARGE
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "rent policies"

    def __str__(self) -> str:
        return "Rent policy"

    @classmethod
    def current(cls) -> RentPolicy:
        policy = cls.objects.order_by("pk").first()
        if policy is None:
            policy = cls.objects.create()
        return policy


class RentFreeWeek(models.Model):
    """A week (Monday to Sunday) in which no rent or service charge is charged."""

    week_commencing = models.DateField(unique=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["week_commencing"]

    def __str__(self) -> str:
        return f"Rent-free week commencing {formats.day(self.week_commencing)}"

    def clean(self) -> None:
        if self.week_commencing and self.week_commencing.weekday() != 0:
            raise ValidationError({"week_commencing": "A rent week starts on a Monday."})


class ChargeRate(models.Model):
    """A home's weekly rent and service charge from a date until the next rate for the home.

    The first rate of each home is seeded from the homes register (`Home.weekly_rent`,
    `Home.weekly_service_charge`); changes (the April rent change, a mid-year correction)
    add rows with later dates, so a charge for any past week can be worked out again.
    """

    home = models.ForeignKey("estates.Home", on_delete=models.CASCADE, related_name="charge_rates")
    effective_from = models.DateField()
    weekly_rent = models.DecimalField(max_digits=9, decimal_places=2)
    weekly_service_charge = models.DecimalField(max_digits=9, decimal_places=2, default=ZERO)
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["home", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["home", "effective_from"], name="one_rate_per_day"),
            models.CheckConstraint(
                condition=Q(weekly_rent__gte=0) & Q(weekly_service_charge__gte=0),
                name="rates_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.home}: £{self.weekly_total} a week from {self.effective_from}"

    @property
    def weekly_total(self) -> Decimal:
        return self.weekly_rent + self.weekly_service_charge


class ServiceChargeItem(models.Model):
    """One thing a service charge pays for, in plain English, for one block or for every
    block (no block)."""

    block = models.ForeignKey(
        "estates.Block",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="service_charge_items",
    )
    name = models.CharField(max_length=100)
    pays_for = models.TextField(help_text="What the charge pays for, in plain English.")
    weekly_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["block_id", "name"]

    def __str__(self) -> str:
        return self.name


class RentAccount(models.Model):
    """One per tenancy. `balance` is the sum of every transaction on the account (positive =
    owed); every service that posts a transaction updates it in the same database
    transaction, and `hearth rent check` proves it equals the ledger."""

    tenancy = models.OneToOneField(
        "tenancies.Tenancy", on_delete=models.CASCADE, related_name="rent_account"
    )
    payment_reference = models.CharField(
        max_length=40, unique=True, help_text="The reference residents quote when they pay."
    )
    paypoint_card_number = models.CharField(max_length=19, blank=True)
    housing_benefit_claim_ref = models.CharField(max_length=40, blank=True, db_index=True)
    income_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rent_accounts",
    )
    balance = models.DecimalField(max_digits=11, decimal_places=2, default=ZERO)
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["payment_reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["paypoint_card_number"],
                condition=~Q(paypoint_card_number=""),
                name="one_account_per_paypoint_card",
            )
        ]

    def __str__(self) -> str:
        return f"Rent account {self.payment_reference}"


class MandateStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CANCELLED = "cancelled", "Cancelled"


class DirectDebitMandate(models.Model):
    """A Direct Debit Instruction: the Bacs reference collections and returns quote, and the
    day of the month we collect."""

    account = models.ForeignKey(RentAccount, on_delete=models.CASCADE, related_name="mandates")
    reference = models.CharField(max_length=18, unique=True)
    account_holder = models.CharField(max_length=100)
    bank_account_ending = models.CharField(max_length=4, blank=True)
    collection_day = models.PositiveSmallIntegerField(help_text="Day of the month, 1 to 28.")
    monthly_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=MandateStatus.choices, default=MandateStatus.ACTIVE
    )
    started_on = models.DateField(default=timezone.localdate)
    cancelled_on = models.DateField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(collection_day__gte=1) & Q(collection_day__lte=28),
                name="collection_day_in_month",
            )
        ]

    def __str__(self) -> str:
        return f"Direct debit {self.reference} on day {self.collection_day}"

    def next_collection(self, after: date) -> date:
        """The first collection date on or after `after`."""
        candidate = after.replace(day=self.collection_day)
        if candidate >= after:
            return candidate
        year, month = (after.year + 1, 1) if after.month == 12 else (after.year, after.month + 1)
        return date(year, month, self.collection_day)
