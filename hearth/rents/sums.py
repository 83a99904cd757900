"""Exact sums of money in the database. SQLite keeps decimals as floating point, so a plain
SUM of pounds can come back as 13074496.3699817; summing whole pence (each amount rounded to
the penny first) is exact on SQLite and PostgreSQL alike."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import BigIntegerField, F, Sum
from django.db.models.functions import Cast, Round


def pence(field: str = "amount") -> Cast:
    """An amount in pounds as whole pence."""
    return Cast(Round(F(field) * 100), BigIntegerField())


def sum_pence(field: str = "amount", **extra: Any) -> Sum:
    """SUM of whole pence (an integer, or None when there are no rows)."""
    return Sum(pence(field), **extra)


def pounds(value: int | None) -> Decimal:
    """Whole pence (or None) as exact pounds and pence."""
    return Decimal(int(value or 0)).scaleb(-2)
