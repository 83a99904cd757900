"""The annual rent and service charge review: each home's rent setting (rent type, formula
rent, rent cap, with history), the review itself, its proposal for every home, its service
charge changes and the notices of variation sent to every tenancy."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.rents.rules_rent_standard import NOTICE_OF_VARIATION_DAYS


class RentType(models.TextChoices):
    SOCIAL = "social", "Social rent"
    AFFORDABLE = "affordable", "Affordable rent"
    OTHER = "other", "Other (not under the Rent Standard)"


class HomeRentSetting(models.Model):
    """What the Rent Standard needs to know about a home: its rent type, formula rent and rent
    cap (for affordable rent: 80% of the market rent, including service charges). Changes are
    kept in the history."""

    home = models.OneToOneField(
        "estates.Home", on_delete=models.CASCADE, related_name="rent_setting"
    )
    rent_type = models.CharField(max_length=12, choices=RentType.choices, default=RentType.SOCIAL)
    formula_rent = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    rent_cap = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(formula_rent__isnull=True) | Q(formula_rent__gte=0))
                & (Q(rent_cap__isnull=True) | Q(rent_cap__gte=0)),
                name="rent_setting_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.home}: {self.get_rent_type_display()}"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Being prepared"
    SUBMITTED = "submitted", "Waiting for approval"
    APPROVED = "approved", "Approved"
    CANCELLED = "cancelled", "Cancelled"


class RentReview(models.Model):
    """Next year's rents and service charges: proposed by Hearth within the Rent Standard,
    adjusted by a manager, approved by a second person, then told to every tenancy."""

    ref = models.CharField(max_length=20, unique=True)
    rent_year = models.PositiveSmallIntegerField(
        help_text="The calendar year the rent year starts."
    )
    september_cpi = models.DecimalField(max_digits=5, decimal_places=2)
    effective_from = models.DateField()
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    notices_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["rent_year"],
                condition=~Q(status="cancelled"),
                name="one_live_review_per_rent_year",
            )
        ]

    def __str__(self) -> str:
        return f"Rent review {self.rent_year}/{(self.rent_year + 1) % 100:02d}"

    @property
    def title(self) -> str:
        return str(self)

    @property
    def notice_deadline(self):  # type: ignore[no-untyped-def]
        """The last day a notice of variation can be sent for the change to take effect."""
        return self.effective_from - timedelta(days=NOTICE_OF_VARIATION_DAYS)


class RentReviewLine(models.Model):
    """One home's calculation: what it charges now, the Rent Standard's limits, the proposed
    rent and service charge, the reasons, the exceptions and any adjustment."""

    review = models.ForeignKey(RentReview, on_delete=models.CASCADE, related_name="lines")
    home = models.ForeignKey("estates.Home", on_delete=models.CASCADE, related_name="+")
    tenancy = models.ForeignKey(
        "tenancies.Tenancy", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rent_type = models.CharField(max_length=12, choices=RentType.choices)
    formula_rent = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    rent_cap = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    current_rent = models.DecimalField(max_digits=9, decimal_places=2)
    current_service_charge = models.DecimalField(max_digits=9, decimal_places=2)
    cpi_limit = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    maximum_rent = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    proposed_rent = models.DecimalField(max_digits=9, decimal_places=2)
    new_rent = models.DecimalField(max_digits=9, decimal_places=2)
    new_service_charge = models.DecimalField(max_digits=9, decimal_places=2)
    reasons = models.JSONField(default=list)
    exceptions = models.JSONField(default=list)
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adjusted_at = models.DateTimeField(null=True, blank=True)
    adjustment_reason = models.CharField(max_length=300, blank=True)
    applied_on = models.DateField(
        null=True, blank=True, help_text="When the new rate was written for the home."
    )

    class Meta:
        ordering = ["review", "home__ref"]
        constraints = [
            models.UniqueConstraint(fields=["review", "home"], name="one_line_per_home_per_review")
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.home}"

    @property
    def current_total(self):  # type: ignore[no-untyped-def]
        return self.current_rent + self.current_service_charge

    @property
    def new_total(self):  # type: ignore[no-untyped-def]
        return self.new_rent + self.new_service_charge


class ServiceChargeChange(models.Model):
    """A change to service charges in a review: for one block (every home's weekly service
    charge becomes `new_weekly_amount`), or for one service (a `ServiceChargeItem`: the homes
    it applies to change by the difference from its current amount)."""

    review = models.ForeignKey(
        RentReview, on_delete=models.CASCADE, related_name="service_charge_changes"
    )
    block = models.ForeignKey(
        "estates.Block", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(
        "rents.ServiceChargeItem", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    old_weekly_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    new_weekly_amount = models.DecimalField(max_digits=9, decimal_places=2)
    # A service's new amount becomes its weekly amount on the review's effective date (the
    # daily sweep); the day it was written.
    applied_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(block__isnull=False) | Q(item__isnull=False),
                name="service_charge_change_for_block_or_item",
            ),
            models.CheckConstraint(
                condition=Q(new_weekly_amount__gte=0), name="service_charge_change_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item or self.block}: £{self.new_weekly_amount} a week"


class NoticeStatus(models.TextChoices):
    SENT = "sent", "Sent in time"
    LATE = "late", "Too late"
    NOT_SENT = "not_sent", "Could not be sent"


class ReviewNotice(models.Model):
    """The notice of variation to one tenancy (to each named tenant), and whether it went out
    in time for the new rent to take effect."""

    review = models.ForeignKey(RentReview, on_delete=models.CASCADE, related_name="notices")
    line = models.ForeignKey(RentReviewLine, on_delete=models.CASCADE, related_name="notices")
    tenancy = models.ForeignKey("tenancies.Tenancy", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=NoticeStatus.choices)
    sent_on = models.DateField(null=True, blank=True)
    channels = models.CharField(max_length=100, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "tenancy__ref"]
        constraints = [
            models.UniqueConstraint(fields=["review", "tenancy"], name="one_notice_per_tenancy")
        ]

    def __str__(self) -> str:
        return f"Notice of variation to {self.tenancy}: {self.get_status_display()}"
