"""The ledger: every charge and credit on a rent account, the batches that posted them (a
weekly debit run, a payment file), payments waiting in suspense, returned direct debits and
the statements sent.

Sign rule (measures spec): a charge (rent, service charge, debit adjustment) is positive; a
credit (any payment, Housing Benefit, Universal Credit paid direct, credit adjustment,
write-off) is negative; a payment reversal (a payment taken back: a returned direct debit, a
bounced cheque) is positive. The database refuses a row that breaks it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from hearth.rents.models.accounts import RentAccount


class Kind(models.TextChoices):
    RENT = "rent", "Rent"
    SERVICE_CHARGE = "service_charge", "Service charge"
    ADJUSTMENT = "adjustment", "Adjustment"
    PAYMENT_DIRECT_DEBIT = "payment_direct_debit", "Direct debit"
    PAYMENT_STANDING_ORDER = "payment_standing_order", "Standing order"
    PAYMENT_ONLINE = "payment_online", "Card payment"
    PAYMENT_PAYPOINT = "payment_paypoint", "PayPoint"
    PAYMENT_CASH = "payment_cash", "Cash"
    HOUSING_BENEFIT = "housing_benefit", "Housing Benefit"
    UNIVERSAL_CREDIT = "universal_credit", "Universal Credit"
    PAYMENT_REVERSAL = "payment_reversal", "Payment returned"
    WRITE_OFF = "write_off", "Write-off"


CHARGE_KINDS: tuple[str, ...] = (Kind.RENT, Kind.SERVICE_CHARGE)
PAYMENT_KINDS: tuple[str, ...] = (
    Kind.PAYMENT_DIRECT_DEBIT,
    Kind.PAYMENT_STANDING_ORDER,
    Kind.PAYMENT_ONLINE,
    Kind.PAYMENT_PAYPOINT,
    Kind.PAYMENT_CASH,
)
# Money received: every credit except write-offs and adjustments.
RECEIVED_KINDS: tuple[str, ...] = (*PAYMENT_KINDS, Kind.HOUSING_BENEFIT, Kind.UNIVERSAL_CREDIT)
CREDIT_ONLY_KINDS: tuple[str, ...] = (*RECEIVED_KINDS, Kind.WRITE_OFF)
# What `rent.collected` counts: money received, less payments taken back (reversals are
# positive, so adding them in takes back what their payment counted).
COLLECTED_KINDS: tuple[str, ...] = (*RECEIVED_KINDS, Kind.PAYMENT_REVERSAL)
# Kinds whose amount must be more than 0.00.
POSITIVE_KINDS: tuple[str, ...] = (*CHARGE_KINDS, Kind.PAYMENT_REVERSAL)


class Source(models.TextChoices):
    """Where a transaction came from."""

    DEBIT_RUN = "debit_run", "Weekly debit run"
    DIRECT_DEBIT = "direct_debit", "Direct debit collections file"
    DIRECT_DEBIT_RETURNS = "direct_debit_returns", "Direct debit returns file"
    STANDING_ORDER = "standing_order", "Bank statement (standing orders)"
    ONLINE = "online", "Online card payments file"
    PAYPOINT = "paypoint", "PayPoint file"
    HOUSING_BENEFIT = "housing_benefit", "Housing Benefit schedule"
    UNIVERSAL_CREDIT = "universal_credit", "Universal Credit schedule"
    OFFICER = "officer", "Recorded by an officer"
    INTERCHANGE = "interchange", "transactions.csv import"
    DEMO = "demo", "Demo landlord"


class PostingBatch(models.Model):
    """One debit run or one payment file: what it posted, in one place, for the audit trail."""

    source = models.CharField(max_length=30, choices=Source.choices)
    week_commencing = models.DateField(null=True, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "posting batches"

    def __str__(self) -> str:
        what = self.filename or (
            f"week commencing {self.week_commencing}" if self.week_commencing else ""
        )
        return f"{self.get_source_display()} {what}".strip()


class Transaction(models.Model):
    ref = models.CharField("transaction reference", max_length=60, unique=True)
    # Found through the (account, date) index below; no second index on the account alone.
    account = models.ForeignKey(
        RentAccount, on_delete=models.PROTECT, related_name="transactions", db_index=False
    )
    date = models.DateField()
    kind = models.CharField(max_length=24, choices=Kind.choices)
    amount = models.DecimalField(max_digits=11, decimal_places=2)
    description = models.CharField(max_length=200, blank=True)
    # Set on the weekly debit run's charges only: the rent week they are for.
    week_commencing = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=30, choices=Source.choices, blank=True)
    # The source's own reference (a Bacs collection reference, a PayPoint transaction id):
    # a file imported twice finds it and posts nothing more.
    source_ref = models.CharField(max_length=120, blank=True)
    batch = models.ForeignKey(
        PostingBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    # Few rows reverse another or name their creator, and nothing searches by them: no
    # index, so the weekly run's inserts stay fast.
    reverses = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversals",
        db_index=False,
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    class Meta:
        ordering = ["date", "pk"]
        indexes = [
            # With the amount in the key, an account's balances, daily totals and statement
            # sums are read from the index alone, in account order. Without it, at 100,000
            # homes (12 million rows, written week by week) each account's rows were fetched
            # from all over the table: the demo's balance sum took 75 s rather than 0.9 s.
            models.Index(fields=["account", "date", "amount"], name="ledger_account_date_amount"),
            models.Index(fields=["date", "kind"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "kind", "week_commencing"],
                condition=Q(week_commencing__isnull=False),
                name="one_charge_per_kind_per_week",
            ),
            models.UniqueConstraint(
                fields=["source", "source_ref"],
                condition=~Q(source_ref=""),
                name="posted_once_per_source_ref",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=POSITIVE_KINDS) | Q(amount__gt=0),
                name="charges_are_positive",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=CREDIT_ONLY_KINDS) | Q(amount__lt=0),
                name="credits_are_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} £{self.amount}"

    @property
    def is_charge(self) -> bool:
        return self.amount > 0


class LedgerDay(models.Model):
    """The ledger's total of each kind on each date, in whole pence, kept on write by database
    triggers on the transactions table (`hearth.rents.ledger_days`), so every path that writes
    the ledger (a service, a bulk insert, an import, a hand-made fix) keeps it true. The rent
    measures sum these few rows rather than a year of transactions."""

    date = models.DateField()
    kind = models.CharField(max_length=24, choices=Kind.choices)
    pence = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["date", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["date", "kind"], name="one_ledger_day_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.kind}: {self.pence}p"


class SuspenseStatus(models.TextChoices):
    OPEN = "open", "Waiting to be allocated"
    ALLOCATED = "allocated", "Allocated to an account"
    REFUNDED = "refunded", "Sent back to the payer"


class SuspenseItem(models.Model):
    """A payment (or a returned payment) that matched no rent account, kept until an officer
    allocates it. `amount` is what it will post as: negative for money received."""

    source = models.CharField(max_length=30, choices=Source.choices)
    source_ref = models.CharField(max_length=120)
    batch = models.ForeignKey(
        PostingBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="suspense"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    received_on = models.DateField()
    amount = models.DecimalField(max_digits=11, decimal_places=2)
    payer_name = models.CharField(max_length=200, blank=True)
    payer_reference = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=300)
    details = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=SuspenseStatus.choices, default=SuspenseStatus.OPEN
    )
    account = models.ForeignKey(
        RentAccount, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    transaction = models.OneToOneField(
        Transaction, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["received_on", "pk"]
        indexes = [models.Index(fields=["status", "received_on"])]  # the suspense queue
        constraints = [
            models.UniqueConstraint(fields=["source", "source_ref"], name="suspense_once_per_ref")
        ]

    def __str__(self) -> str:
        return f"£{-self.amount} from {self.payer_name or 'unknown'} on {self.received_on}"


class DirectDebitReturn(models.Model):
    """A direct debit the payer's bank returned unpaid (Bacs ARUDD), and whether an officer
    has followed it up."""

    account = models.ForeignKey(RentAccount, on_delete=models.PROTECT, related_name="dd_returns")
    mandate = models.ForeignKey(
        "rents.DirectDebitMandate", null=True, blank=True, on_delete=models.SET_NULL
    )
    return_ref = models.CharField(max_length=120, unique=True)
    reason_code = models.CharField(max_length=4)
    reason = models.CharField(max_length=200, blank=True)
    returned_on = models.DateField()
    original = models.ForeignKey(
        Transaction, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reversal = models.OneToOneField(Transaction, on_delete=models.PROTECT, related_name="+")
    followed_up_at = models.DateTimeField(null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-returned_on", "-pk"]
        # returns waiting for a follow-up (my work)
        indexes = [models.Index(fields=["followed_up_at", "returned_on"])]

    def __str__(self) -> str:
        return f"Direct debit returned on {self.returned_on} ({self.reason_code})"


class StatementKind(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly statement"
    REQUESTED = "requested", "Statement on request"


class Statement(models.Model):
    """A rent statement sent to a tenant (quarterly, or when asked for)."""

    account = models.ForeignKey(RentAccount, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(max_length=10, choices=StatementKind.choices)
    period_from = models.DateField()
    period_to = models.DateField()
    opening_balance = models.DecimalField(max_digits=11, decimal_places=2)
    closing_balance = models.DecimalField(max_digits=11, decimal_places=2)
    sent_at = models.DateTimeField(default=timezone.now)
    message = models.ForeignKey(
        "core.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period_to", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "period_from", "period_to"],
                condition=Q(kind="quarterly"),
                name="one_quarterly_statement_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_from} to {self.period_to}"
