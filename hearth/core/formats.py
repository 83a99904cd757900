"""Dates and times as GOV.UK writes them (the GOV.UK style guide, "Dates" and "Times"):
"8 December 2026", "Tuesday 8 December 2026", "8 Dec 2026" where space is short (tables),
"12:19pm", "9am", "midday" and "midnight". Everything Hearth shows or writes goes through
these, in Python (`formats.day(d)`) or in templates (the `govuk_date`, `govuk_day`,
`govuk_short_date`, `govuk_time` and `govuk_datetime` filters, built in).

They write in the language active when called: month and day names come from Django's
translations (Turkish month names for a Turkish reader), and a time outside English is written
the 24-hour way that language uses ("14:30"). So a message to a resident is given dates and
times, not text, and its template formats them when it is rendered in the resident's language.

`lower(text)` puts a label in lower case the way the active language does (Turkish dotted and
dotless i). Money is written the GOV.UK way too ("Money" in the style guide): `money(1234.5)` is
"£1,234.50", the `money` filter in templates (built in), the same in every language."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.functional import Promise


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def day(value: date | datetime) -> str:
    """8 December 2026"""
    return date_format(_as_date(value), "j F Y")


def day_with_weekday(value: date | datetime) -> str:
    """Tuesday 8 December 2026"""
    return date_format(_as_date(value), "l j F Y")


def short_day(value: date | datetime) -> str:
    """8 Dec 2026 (tables and other tight places)"""
    return date_format(_as_date(value), "j M Y")


def time_of_day(value: time | datetime) -> str:
    """12:19pm, 9am, midday, midnight (in English; "12:19", "09:00" in Turkish)"""
    if isinstance(value, datetime):
        value = timezone.localtime(value).time() if timezone.is_aware(value) else value.time()
    if not (translation.get_language() or "en").startswith("en"):
        return time_format(value, "H:i")
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def moment(value: datetime, *, style: str = "") -> str:
    """8 December 2026, 12:19pm ("long": Tuesday 8 December 2026, 12:19pm; "short":
    8 Dec 2026, 12:19pm)."""
    shown = {"long": day_with_weekday, "short": short_day}.get(style, day)(value)
    return f"{shown}, {time_of_day(value)}"


def money(value: Any) -> str:
    """£1,234.56 (a minus sign for negative amounts; "" for no amount). A value that is not
    a number is shown as it is, so a page never fails on it."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def lower(text: str | Promise) -> str:
    """`text` in lower case in the active language: "Phone" is "phone"; in Turkish a capital
    dotted I is a small dotted i and a capital I a small dotless one."""
    shown = str(text)
    if (translation.get_language() or "").startswith(("tr", "az")):
        shown = shown.replace("\u0130", "i").replace("I", "\u0131")
    return shown.lower()
