from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.core import calendar
from hearth.core.calendar import (
    add_working_days,
    is_working_day,
    one_month_after,
    working_days_between,
)
from hearth.core.models import ClosureDay

# The government's list (GOV.UK bank holidays, England and Wales), kept as test data.
GOV_UK_LIST = Path(__file__).resolve().parent / "data" / "bank-holidays-england-and-wales.json"

dates = st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31))


def _government_bank_holidays() -> set[date]:
    data = json.loads(GOV_UK_LIST.read_text(encoding="utf-8"))
    return {date.fromisoformat(e["date"]) for e in data["england-and-wales"]["events"]}


def test_calendar_agrees_with_the_governments_bank_holiday_list_on_every_date_2019_to_2027(db):
    official = _government_bank_holidays()
    day = date(2019, 1, 1)
    disagreements = []
    while day <= date(2027, 12, 31):
        expected = day.weekday() < 5 and day not in official
        if is_working_day(day) != expected:
            disagreements.append(day)
        day += timedelta(days=1)
    assert disagreements == []
    assert len(official) >= 8 * 8


def test_easter_monday_is_a_bank_holiday_in_england(db):
    assert not is_working_day(date(2025, 4, 21))
    assert not is_working_day(date(2025, 4, 18))
    assert is_working_day(date(2025, 4, 22))


def test_the_nth_working_day_after_a_date_skips_weekends_and_bank_holidays(db):
    # Thursday 17 April 2025: Good Friday and Easter Monday follow.
    assert add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)
    assert add_working_days(date(2025, 4, 17), 5) == date(2025, 4, 28)
    # From a Saturday, the first working day after is Monday.
    assert add_working_days(date(2025, 6, 7), 1) == date(2025, 6, 9)
    # Christmas 2026 falls on a Friday: Boxing Day substitute is Monday 28th.
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_working_days_elapsed_count_days_after_the_start_up_to_and_including_the_end(db):
    assert working_days_between(date(2025, 6, 2), date(2025, 6, 2)) == 0
    assert working_days_between(date(2025, 6, 2), date(2025, 6, 3)) == 1
    assert working_days_between(date(2025, 6, 6), date(2025, 6, 9)) == 1  # Fri -> Mon
    assert working_days_between(date(2025, 4, 17), date(2025, 4, 22)) == 1  # over Easter


def test_a_closure_day_stops_being_a_working_day_once_added_and_again_when_removed(db):
    day = date(2026, 12, 29)
    assert is_working_day(day)
    closure = ClosureDay.objects.create(date=day, reason="Christmas shutdown")
    assert not is_working_day(day)
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 30)
    closure.delete()
    assert is_working_day(day)


def test_one_month_after_uses_the_last_day_of_a_shorter_month():
    assert one_month_after(date(2025, 1, 31)) == date(2025, 2, 28)
    assert one_month_after(date(2024, 1, 31)) == date(2024, 2, 29)
    assert one_month_after(date(2025, 3, 15)) == date(2025, 4, 15)
    assert one_month_after(date(2025, 12, 31)) == date(2026, 1, 31)
    assert one_month_after(date(2025, 8, 31)) == date(2025, 9, 30)


@pytest.mark.django_db
@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=60))
def test_adding_n_working_days_lands_on_a_working_day_exactly_n_working_days_later(start, n):
    due = add_working_days(start, n)
    assert working_days_between(start, due) == n
    if n > 0:
        assert is_working_day(due)
        # Nothing earlier would do: the day before `due` is fewer than n working days on.
        assert working_days_between(start, due - timedelta(days=1)) == n - 1


@pytest.mark.django_db
@settings(max_examples=200, deadline=None)
@given(a=dates, b=dates, c=dates)
def test_working_days_elapsed_add_up_across_a_midpoint_and_reverse_sign(a, b, c):
    first, middle, last = sorted([a, b, c])
    assert working_days_between(first, last) == working_days_between(
        first, middle
    ) + working_days_between(middle, last)
    assert working_days_between(last, first) == -working_days_between(first, last)


@pytest.mark.django_db
@settings(max_examples=100, deadline=None)
@given(start=dates, end=dates)
def test_working_days_elapsed_match_counting_day_by_day(start, end):
    if end < start:
        start, end = end, start
    by_hand = sum(
        1 for i in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=i))
    )
    assert working_days_between(start, end) == by_hand


def test_negative_working_days_are_refused(db):
    with pytest.raises(ValueError):
        add_working_days(date(2025, 1, 1), -1)


def test_the_cache_is_reset_between_tests_so_closures_do_not_leak(db):
    assert calendar.closure_days() == frozenset()


def test_the_previous_working_day_steps_back_over_weekends_bank_holidays_and_closures(db):
    assert calendar.previous_working_day(date(2025, 6, 4)) == date(2025, 6, 3)  # Wed -> Tue
    assert calendar.previous_working_day(date(2025, 6, 9)) == date(2025, 6, 6)  # Mon -> Fri
    # Tuesday after Easter 2025: back over Easter Monday, the weekend and Good Friday.
    assert calendar.previous_working_day(date(2025, 4, 22)) == date(2025, 4, 17)
    ClosureDay.objects.create(date=date(2025, 6, 6), reason="Office move")
    assert calendar.previous_working_day(date(2025, 6, 9)) == date(2025, 6, 5)


def test_saturday_and_sunday_are_the_weekend(db):
    assert [calendar.is_weekend(date(2025, 6, d)) for d in range(6, 10)] == [
        False,  # Friday
        True,
        True,
        False,  # Monday
    ]
