"""Money in words residents and officers read the same way everywhere."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext as _

from hearth.core import formats
from hearth.rents.models import RentPolicy

register = template.Library()


# The shared GOV.UK money format (also built into every template as `money`).
money = register.filter("money", formats.money)


@register.filter
def balance_words(value: Any) -> str:
    """A balance as words: "£12.00 owed", "£5.00 in credit" or "£0.00"."""
    amount = Decimal(value or 0)
    if amount > 0:
        return _("%(amount)s owed") % {"amount": money(amount)}
    if amount < 0:
        return _("%(amount)s in credit") % {"amount": money(-amount)}
    return money(amount)


@register.simple_tag
def rent_policy() -> RentPolicy:
    return RentPolicy.current()
