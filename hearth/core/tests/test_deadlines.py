from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.core.deadlines import Deadline, State, state

LONDON = ZoneInfo("Europe/London")


def test_a_working_day_deadline_is_due_on_the_nth_working_day_after_the_event(db):
    assert Deadline.working_days(5).due(date(2025, 4, 17)) == date(2025, 4, 28)


def test_a_timestamp_counts_on_its_london_date(db):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    reported = datetime(2025, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert Deadline.working_days(1).due(reported) == date(2025, 7, 2)


def test_a_clock_hour_deadline_is_due_24_hours_later_to_the_minute(db):
    reported = datetime(2025, 6, 10, 9, 15, tzinfo=LONDON)
    deadline = Deadline.clock_hours(24)
    assert deadline.due(reported) == datetime(2025, 6, 11, 9, 15, tzinfo=LONDON)
    assert deadline.is_met(reported, datetime(2025, 6, 11, 9, 15, tzinfo=LONDON))
    assert not deadline.is_met(reported, datetime(2025, 6, 11, 9, 16, tzinfo=LONDON))


def test_24_clock_hours_are_24_real_hours_when_the_clocks_change(db):
    # The clocks go forward at 1am on Sunday 30 March 2025 and back at 2am on 26 October.
    spring = Deadline.clock_hours(24).due(datetime(2025, 3, 29, 9, 15, tzinfo=LONDON))
    autumn = Deadline.clock_hours(24).due(datetime(2025, 10, 25, 9, 15, tzinfo=LONDON))
    assert spring.astimezone(LONDON).replace(tzinfo=None) == datetime(2025, 3, 30, 10, 15)
    assert autumn.astimezone(LONDON).replace(tzinfo=None) == datetime(2025, 10, 26, 8, 15)
    assert Deadline.clock_hours(24).is_met(
        datetime(2025, 3, 29, 9, 15, tzinfo=LONDON), datetime(2025, 3, 30, 10, 0, tzinfo=LONDON)
    )


def test_a_clock_hour_deadline_needs_a_time_to_start_from(db):
    with pytest.raises(TypeError):
        Deadline.clock_hours(24).due(date(2025, 1, 1))


def test_a_calendar_day_deadline_counts_weekends(db):
    assert Deadline.calendar_days(7).due(date(2025, 6, 6)) == date(2025, 6, 13)


def test_an_extension_adds_working_days(db):
    assert Deadline.working_days(10).extended(10) == Deadline.working_days(20)
    assert str(Deadline.working_days(1)) == "1 working day"


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=LONDON)


def test_a_case_is_overdue_the_day_after_its_due_date_and_due_today_on_it(db):
    due = date(2025, 6, 10)
    assert state(due, now=_noon(date(2025, 6, 11))) is State.OVERDUE
    assert state(due, now=_noon(due)) is State.DUE_TODAY
    assert state(due, now=_noon(date(2025, 6, 6)), soon_working_days=2) is State.DUE_SOON
    assert state(due, now=_noon(date(2025, 6, 2)), soon_working_days=2) is State.ON_TRACK


def test_a_done_case_is_met_or_missed_whatever_the_date_now(db):
    due = date(2025, 6, 10)
    assert state(due, done=date(2025, 6, 10), now=_noon(date(2026, 1, 1))) is State.MET
    assert state(due, done=date(2025, 6, 11), now=_noon(date(2026, 1, 1))) is State.MISSED


def test_an_hourly_deadline_is_due_soon_in_its_last_four_hours(db):
    due = datetime(2025, 6, 10, 18, 0, tzinfo=LONDON)
    assert state(due, now=datetime(2025, 6, 10, 15, 0, tzinfo=LONDON)) is State.DUE_SOON
    assert state(due, now=datetime(2025, 6, 10, 18, 1, tzinfo=LONDON)) is State.OVERDUE
    assert state(due, now=datetime(2025, 6, 9, 9, 0, tzinfo=LONDON)) is State.ON_TRACK
