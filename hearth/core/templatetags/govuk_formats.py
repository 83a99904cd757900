"""The GOV.UK date, time and money formats as template filters (built into every template)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import template

from hearth.core import formats

register = template.Library()


@register.filter
def govuk_date(value: date | datetime | None) -> str:
    return formats.day(value) if value else ""


@register.filter
def govuk_day(value: date | datetime | None) -> str:
    return formats.day_with_weekday(value) if value else ""


@register.filter
def govuk_short_date(value: date | datetime | None) -> str:
    return formats.short_day(value) if value else ""


@register.filter
def govuk_time(value: time | datetime | None) -> str:
    return formats.time_of_day(value) if value else ""


@register.filter
def govuk_datetime(value: datetime | None, style: Any = "") -> str:
    return formats.moment(value, style=str(style or "")) if value else ""


@register.filter
def money(value: Any) -> str:
    return formats.money(value)
