"""Rent weeks. Rent is charged weekly in advance for the week Monday to Sunday. A rent year
starts on the first Monday in April, so it has 52 weeks, or 53 when a 53rd Monday fits
before the next year's first Monday in April (2024/25 did: 1 April 2024 to 6 April 2025)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")


def week_commencing(day: date) -> date:
    """The Monday of the rent week `day` falls in."""
    return day - timedelta(days=day.weekday())


def week_ending(monday: date) -> date:
    return monday + timedelta(days=6)


def rent_year_start(year: int) -> date:
    """The first Monday in April of `year`: week 1 of the rent year named after it."""
    first = date(year, 4, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def rent_year_of(day: date) -> int:
    """The rent year (by the calendar year it starts in) that `day` falls in."""
    return day.year if day >= rent_year_start(day.year) else day.year - 1


def weeks_in_rent_year(year: int) -> int:
    """52, or 53 in a year with a 53rd Monday before the next first Monday in April."""
    return (rent_year_start(year + 1) - rent_year_start(year)).days // 7


def rent_week_number(day: date) -> int:
    """Week 1 to 53 of the rent year `day` falls in."""
    start = rent_year_start(rent_year_of(day))
    return (week_commencing(day) - start).days // 7 + 1


def is_fifty_third_week(monday: date) -> bool:
    return rent_week_number(monday) == 53


def mondays(start: date, end: date) -> Iterator[date]:
    """The week-commencing Mondays of every rent week that overlaps `start`..`end`."""
    monday = week_commencing(start)
    while monday <= end:
        yield monday
        monday += timedelta(days=7)


def chargeable_days(monday: date, start: date, end: date | None) -> list[date]:
    """The days of the week commencing `monday` on which a tenancy from `start` to `end`
    (inclusive; None = open-ended) is current."""
    first = max(monday, start)
    last = week_ending(monday) if end is None else min(week_ending(monday), end)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def pro_rata(weekly_rates: list[Decimal]) -> Decimal:
    """The charge for some days of a week: each day costs a seventh of the weekly rate in
    force that day, and the total is rounded once, to the penny, half up. A whole week at one
    rate is that rate exactly."""
    return (sum(weekly_rates, Decimal(0)) / 7).quantize(PENNY, rounding=ROUND_HALF_UP)
