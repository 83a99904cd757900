"""People, tenancies and households, how each person wants us to contact them, their support
needs (restricted) and cautionary alerts for staff safety."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from hearth.core import formats


class Person(models.Model):
    full_name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    # The landlord's own id for the person (`lead_person_ref` in tenancies.csv), when known.
    ref = models.CharField("person reference", max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["ref"], condition=~Q(ref=""), name="one_person_per_ref")
        ]

    def __str__(self) -> str:
        return self.full_name


class Tenure(models.TextChoices):
    SECURE = "secure", "Secure"
    INTRODUCTORY = "introductory", "Introductory"
    NON_SECURE = "non_secure", "Non-secure"
    TEMPORARY = "temporary", "Temporary"
    LEASEHOLD = "leasehold", "Leasehold"


class TenancyQuerySet(models.QuerySet["Tenancy"]):
    def current_on(self, day: date) -> TenancyQuerySet:
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def for_person(self, person_id: int | None) -> TenancyQuerySet:
        if person_id is None:
            return self.none()
        return self.filter(members__person_id=person_id).distinct()


class Tenancy(models.Model):
    ref = models.CharField("tenancy reference", max_length=40, unique=True)
    home = models.ForeignKey("estates.Home", on_delete=models.PROTECT, related_name="tenancies")
    tenure = models.CharField(max_length=20, choices=Tenure.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = TenancyQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "ref"]
        verbose_name_plural = "tenancies"
        indexes = [models.Index(fields=["home", "start_date"])]

    def __str__(self) -> str:
        return f"{self.ref} at {self.home}"

    def is_current(self, on: date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    @property
    def lead_tenant(self) -> Person | None:
        member = next((m for m in self.members.all() if m.role == MemberRole.LEAD_TENANT), None)
        return member.person if member else None


class MemberRole(models.TextChoices):
    LEAD_TENANT = "lead_tenant", "Lead tenant"
    JOINT_TENANT = "joint_tenant", "Joint tenant"
    HOUSEHOLD_MEMBER = "household_member", "Household member"


class TenancyMember(models.Model):
    tenancy = models.ForeignKey(Tenancy, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=MemberRole.choices)
    relationship = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["tenancy", "person"], name="one_membership_per_person"),
            models.UniqueConstraint(
                fields=["tenancy"], condition=Q(role="lead_tenant"), name="one_lead_tenant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class PreferredChannel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"


class ContactPreference(models.Model):
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="contact_preference"
    )
    channel = models.CharField(
        max_length=10, choices=PreferredChannel.choices, default=PreferredChannel.LETTER
    )
    language = models.CharField(max_length=40, default="English")
    large_print = models.BooleanField(default=False)
    easy_read = models.BooleanField(default=False)
    interpreter_needed = models.BooleanField(default=False)
    representative_name = models.CharField(max_length=200, blank=True)
    representative_relationship = models.CharField(max_length=100, blank=True)
    representative_contact = models.CharField(max_length=200, blank=True)
    postal_address = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.person}: {self.get_channel_display()}"


class SupportNeed(models.Model):
    """A support need or vulnerability. Seen only by roles that need it; every view is logged."""

    class Kind(models.TextChoices):
        MOBILITY = "mobility", "Mobility"
        SIGHT = "sight", "Sight"
        HEARING = "hearing", "Hearing"
        MENTAL_HEALTH = "mental_health", "Mental health"
        LEARNING = "learning", "Learning disability"
        LANGUAGE = "language", "Language"
        AGE = "age", "Older person"
        DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
        MEDICAL = "medical", "Medical condition"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="support_needs")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField()
    recorded_on = models.DateField(default=timezone.localdate)
    review_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:40]}"


class CautionaryAlertQuerySet(models.QuerySet["CautionaryAlert"]):
    def active(self) -> CautionaryAlertQuerySet:
        return self.filter(ended_on__isnull=True)


class CautionaryAlert(models.Model):
    """A warning for staff safety on a person or an address, shown before any visit or call."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    home = models.ForeignKey(
        "estates.Home", null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    category = models.CharField(max_length=60)
    reason = models.TextField()
    raised_on = models.DateField(default=timezone.localdate)
    review_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    objects = CautionaryAlertQuerySet.as_manager()

    class Meta:
        ordering = ["review_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(home__isnull=False),
                name="alert_has_a_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} (review {formats.short_day(self.review_on)})"


class SensitiveAccessLog(models.Model):
    """Every time someone is shown a person's support needs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="sensitive_views")
    viewed_at = models.DateTimeField(default=timezone.now)
    where = models.CharField(max_length=200)

    class Meta:
        ordering = ["-viewed_at"]

    def __str__(self) -> str:
        return f"{self.user} saw {self.person}'s support needs on {self.viewed_at:%Y-%m-%d %H:%M}"
