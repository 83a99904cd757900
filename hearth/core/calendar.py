"""The working-day calendar: the one clock every deadline and measure asks.

A working day is Monday to Friday, except bank holidays in England and Wales (the `holidays`
library with subdiv="ENG": without it Easter Monday is lost) and the landlord's own closure
days. Definitions follow the measures spec exactly:

- `add_working_days(D, N)` is the Nth working day after D, whatever day D itself is.
- `working_days_between(D1, D2)` counts working days d with D1 < d <= D2 (same day = 0).
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from functools import lru_cache

import holidays

_lock = threading.Lock()
_closure_days: frozenset[date] | None = None


@lru_cache(maxsize=256)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def bank_holiday_name(day: date) -> str | None:
    names = holidays.country_holidays("GB", subdiv="ENG", years=day.year)
    return names.get(day)


def closure_days() -> frozenset[date]:
    """The landlord's closure days, read once from the database and cached until they change."""
    global _closure_days
    cached = _closure_days
    if cached is None:
        from hearth.core.models import ClosureDay

        with _lock:
            cached = frozenset(ClosureDay.objects.values_list("date", flat=True))
            _closure_days = cached
    return cached


def reset_cache() -> None:
    """Forget cached closure days (called when one is added, changed or removed)."""
    global _closure_days
    with _lock:
        _closure_days = None


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day) and day not in closure_days()


def add_working_days(day: date, n: int) -> date:
    """The Nth working day after `day` (n >= 0; n = 0 gives `day` itself)."""
    if n < 0:
        raise ValueError("n must not be negative")
    current = day
    remaining = n
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days d with start < d <= end. Negative when end is before start."""
    if end < start:
        return -working_days_between(end, start)
    days = (end - start).days
    whole_weeks, rest = divmod(days, 7)
    count = whole_weeks * 5
    cursor = start + timedelta(days=whole_weeks * 7)
    for _ in range(rest):
        cursor += timedelta(days=1)
        if cursor.weekday() < 5:
            count += 1
    # Weekday holidays and closures inside (start, end] are not working days.
    non_working = {
        d
        for year in range(start.year, end.year + 1)
        for d in _bank_holidays(year) | closure_days()
        if start < d <= end and d.weekday() < 5
    }
    return count - len(non_working)


def next_working_day(day: date) -> date:
    return add_working_days(day, 1)


def working_days_in(start: date, end: date) -> list[date]:
    """The working days from `start` to `end`, both inclusive."""
    days = []
    cursor = start
    while cursor <= end:
        if is_working_day(cursor):
            days.append(cursor)
        cursor += timedelta(days=1)
    return days


def one_month_after(day: date) -> date:
    """The same day number in the next month, or that month's last day when it is shorter
    (31 January -> 28 or 29 February): the measures spec's "at least monthly"."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


CALENDAR_TABLE_START = date(2000, 1, 1)
CALENDAR_TABLE_END = date(2060, 12, 31)


def rebuild_calendar_table() -> int:
    """Refill `CalendarDay` from the rules above, so SQL measures count days the same way."""
    from django.db import transaction

    from hearth.core.models import CalendarDay

    rows = []
    index = 0
    cursor = CALENDAR_TABLE_START
    while cursor <= CALENDAR_TABLE_END:
        working = is_working_day(cursor)
        if working:
            index += 1
        rows.append(CalendarDay(date=cursor, is_working=working, working_index=index))
        cursor += timedelta(days=1)
    with transaction.atomic():
        CalendarDay.objects.all().delete()
        CalendarDay.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
