"""The homes register: estates, blocks, homes and communal areas."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import Q


class Estate(models.Model):
    ref = models.CharField("estate reference", max_length=40, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Block(models.Model):
    ref = models.CharField("block reference", max_length=40, unique=True)
    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="blocks")
    name = models.CharField(max_length=200)
    postcode = models.CharField(max_length=10, blank=True)
    storeys = models.PositiveSmallIntegerField(null=True, blank=True)
    has_lift = models.BooleanField(null=True, blank=True)
    # How many communal passenger lifts; none given with `has_lift` means one (measures spec).
    lifts = models.PositiveSmallIntegerField(null=True, blank=True)
    has_communal_areas = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HomeType(models.TextChoices):
    FLAT = "flat", "Flat"
    MAISONETTE = "maisonette", "Maisonette"
    HOUSE = "house", "House"
    BEDSIT = "bedsit", "Bedsit"


class HomeQuerySet(models.QuerySet["Home"]):
    def managed_on(self, day: date) -> HomeQuerySet:
        """Homes on the register on `day` (the measures spec's "homes managed at `to`")."""
        return self.filter(Q(managed_from__isnull=True) | Q(managed_from__lte=day)).filter(
            Q(managed_until__isnull=True) | Q(managed_until__gte=day)
        )


class Home(models.Model):
    ref = models.CharField("home reference", max_length=40, unique=True)
    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="homes")
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=10)
    bedrooms = models.PositiveSmallIntegerField(null=True, blank=True)
    home_type = models.CharField(max_length=12, choices=HomeType.choices, blank=True)
    weekly_rent = models.DecimalField(max_digits=9, decimal_places=2, default=Decimal("0.00"))
    weekly_service_charge = models.DecimalField(
        max_digits=9, decimal_places=2, default=Decimal("0.00")
    )
    # Whether the home has a gas supply (so needs a yearly gas safety check); assume it does
    # unless the register says not (measures spec, BS01).
    gas_supply = models.BooleanField(default=True)
    access_notes = models.TextField(blank=True)
    managed_from = models.DateField(null=True, blank=True)
    managed_until = models.DateField(null=True, blank=True)

    objects = HomeQuerySet.as_manager()

    class Meta:
        ordering = ["block__name", "address"]

    def __str__(self) -> str:
        return self.address


class CommunalArea(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="communal_areas")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["block__name", "name"]

    def __str__(self) -> str:
        return f"{self.block}: {self.name}"
