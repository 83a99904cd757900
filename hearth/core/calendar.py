"""The working-day calendar: the one clock every deadline and measure asks.

A working day is Monday to Friday, except bank holidays in England and Wales (the `holidays`
library with subdiv="ENG": without it Easter Monday is lost) and the landlord's own closure
days. Definitions follow the measures spec exactly:

- `add_working_days(D, N)` is the Nth working day after D, whatever day D itself is.
- `working_days_between(D1, D2)` counts working days d with D1 < d <= D2 (same day = 0).

Every process (each web process, `hearth worker`, a shell) caches the closure days, against a
version number kept in the database (`CalendarVersion`) and bumped in the same transaction as
any change to a closure day. A process asks for that number at the start of every request and
every sweep, and otherwise at most every `CHECK_EVERY_SECONDS`, and reads the closure days again
when it has moved. So a closure day saved by one process counts in every other at once.

When the calendar changes, the domains recount the due dates they store: each registers a
recount with `register_recount` (in its AppConfig.ready()), and the closure-day services call
`recount_due_dates` once, in the transaction of the change.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from hearth.core.registry import Registry

# How long a process trusts its cached closure days before asking the database's version again
# (outside requests and sweeps, which always ask once at their start).
CHECK_EVERY_SECONDS = 2.0

_lock = threading.Lock()
_closure_days: frozenset[date] | None = None
_version: int | None = None
_check_after = 0.0


@lru_cache(maxsize=256)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def bank_holiday_name(day: date) -> str | None:
    names = holidays.country_holidays("GB", subdiv="ENG", years=day.year)
    return names.get(day)


def _stored_version() -> int:
    from hearth.core.models import CalendarVersion

    number = CalendarVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 0


def closure_days() -> frozenset[date]:
    """The landlord's closure days, cached in this process until the database's calendar
    version moves (asked at most every CHECK_EVERY_SECONDS, and once per request and sweep)."""
    global _closure_days, _version, _check_after
    cached = _closure_days
    if cached is not None and time.monotonic() < _check_after:
        return cached
    from hearth.core.models import ClosureDay

    with _lock:
        # The version first: a change committed between the two reads then only costs one
        # more reload, where the other order could keep old days under the new number.
        version = _stored_version()
        if _closure_days is None or version != _version:
            _closure_days = frozenset(ClosureDay.objects.values_list("date", flat=True))
            _version = version
        _check_after = time.monotonic() + CHECK_EVERY_SECONDS
        return _closure_days


def check_for_changes() -> None:
    """Ask the database's calendar version at the next use (the start of a request or sweep)."""
    global _check_after
    _check_after = 0.0


def reset_cache() -> None:
    """Forget cached closure days (called when one is added, changed or removed)."""
    global _closure_days, _version, _check_after
    with _lock:
        _closure_days, _version, _check_after = None, None, 0.0


def bump_version() -> None:
    """Move the calendar version on, in the transaction that changes a closure day, so every
    other process reads the closure days again."""
    from django.db.models import F

    from hearth.core.models import CalendarVersion

    if not CalendarVersion.objects.filter(pk=1).update(number=F("number") + 1):
        CalendarVersion.objects.get_or_create(pk=1, defaults={"number": 0})
        CalendarVersion.objects.filter(pk=1).update(number=F("number") + 1)


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_weekend(day: date) -> bool:
    """Saturday or Sunday."""
    return day.weekday() >= 5


def is_working_day(day: date) -> bool:
    return not is_weekend(day) and not is_bank_holiday(day) and day not in closure_days()


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
    """The first working day after `day`."""
    return add_working_days(day, 1)


def previous_working_day(day: date) -> date:
    """The last working day before `day`."""
    current = day - timedelta(days=1)
    while not is_working_day(current):
        current -= timedelta(days=1)
    return current


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


# -- Recounting stored due dates when the calendar changes ------------------------------------


@dataclass(frozen=True)
class CalendarChange:
    """One closure day added (`closed`) or removed: `day` stopped or started being a working
    day. Every due date counted in working days across it moves by one working day."""

    day: date
    closed: bool


Recount = Callable[[CalendarChange], int]
_recounts: Registry[Recount] = Registry("calendar recounts")


def register_recount(recount: Recount) -> Recount:
    """Add a domain's recount of its stored due dates (in its AppConfig.ready()). It is called
    with the change, in the change's transaction, and returns how many cases it moved."""
    return _recounts.register(recount)


def recount_due_dates(change: CalendarChange) -> dict[str, int]:
    """Run every registered recount once, after a closure day changed; cases moved, by recount."""
    reset_cache()
    return {key: recount(change) for key, recount in _recounts.keyed().items()}
