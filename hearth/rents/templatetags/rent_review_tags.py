"""Template helpers for the rent review pages."""

from __future__ import annotations

from typing import Any

from django import template

from hearth.core.permissions import can
from hearth.rents.capabilities import RentReviewCan

register = template.Library()


@register.filter
def sees_rent_reviews(user: Any) -> bool:
    """Whether the rent reviews link leads anywhere for this user."""
    return can(user, RentReviewCan.VIEW_RENT_REVIEW)
