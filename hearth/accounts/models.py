"""People who sign in: staff with a role, and residents linked to a person on a tenancy."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    MANAGER = "manager", "Manager"
    HOUSING_OFFICER = "housing_officer", "Housing officer"
    INCOME_OFFICER = "income_officer", "Income officer"
    REPAIRS_COORDINATOR = "repairs_coordinator", "Repairs coordinator"
    OPERATIVE = "operative", "Operative"
    ESTATE_OFFICER = "estate_officer", "Estate officer"
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"
    RESIDENT = "resident", "Resident"


STAFF_ROLES = frozenset(r for r in Role if r != Role.RESIDENT)
TWO_FACTOR_ROLES = frozenset({Role.ADMIN, Role.MANAGER})


class HearthUserManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        """`hearth createsuperuser` makes an Administrator, so two-factor and every admin
        guard apply to that account as to any other."""
        extra.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra)


class User(AbstractUser):
    objects = HearthUserManager()  # type: ignore[misc]

    role = models.CharField(max_length=30, choices=Role.choices, default=Role.RESIDENT)
    # A resident's account belongs to a person; what they may see follows that person's tenancies.
    person = models.OneToOneField(
        "tenancies.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="account"
    )

    class Meta:
        ordering = ["username"]

    @property
    def is_resident(self) -> bool:
        return self.role == Role.RESIDENT

    @property
    def is_staff_member(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def needs_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_ROLES

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token for integrations. Only its SHA-256 hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple[ApiToken, str]:
        """Create a token and return it with the raw key, which is shown once and never stored."""
        raw = "hth_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[:12], key_hash=hash_token(raw))
        return token, raw
