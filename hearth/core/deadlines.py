"""Deadlines: "N working days", "N clock hours" or "N calendar days" after an event, and the
due-soon / overdue state every work queue shows. Every case type asks this module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.utils import timezone

from hearth.core import calendar


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CLOCK_HOURS = "clock_hours"
    CALENDAR_DAYS = "calendar_days"


class State(StrEnum):
    MET = "met"  # done on or before the due date
    MISSED = "missed"  # done, but late
    OVERDUE = "overdue"  # not done and past due
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"

    @property
    def label(self) -> str:
        return {
            State.MET: "Done on time",
            State.MISSED: "Done late",
            State.OVERDUE: "Overdue",
            State.DUE_TODAY: "Due today",
            State.DUE_SOON: "Due soon",
            State.ON_TRACK: "On track",
        }[self]

    @property
    def tag_colour(self) -> str:
        return {
            State.MET: "green",
            State.MISSED: "orange",
            State.OVERDUE: "red",
            State.DUE_TODAY: "orange",
            State.DUE_SOON: "yellow",
            State.ON_TRACK: "blue",
        }[self]


def local_date(moment: datetime | date) -> date:
    """A timestamp counts on its Europe/London calendar date (measures spec, Conventions)."""
    if isinstance(moment, datetime):
        if timezone.is_aware(moment):
            return timezone.localtime(moment).date()
        return moment.date()
    return moment


@dataclass(frozen=True)
class Deadline:
    amount: int
    unit: Unit

    @classmethod
    def working_days(cls, n: int) -> Deadline:
        return cls(n, Unit.WORKING_DAYS)

    @classmethod
    def clock_hours(cls, n: int) -> Deadline:
        return cls(n, Unit.CLOCK_HOURS)

    @classmethod
    def calendar_days(cls, n: int) -> Deadline:
        return cls(n, Unit.CALENDAR_DAYS)

    def __str__(self) -> str:
        words = {
            Unit.WORKING_DAYS: "working day",
            Unit.CLOCK_HOURS: "hour",
            Unit.CALENDAR_DAYS: "day",
        }
        word = words[self.unit]
        return f"{self.amount} {word}{'' if self.amount == 1 else 's'}"

    def extended(self, extra: int) -> Deadline:
        return Deadline(self.amount + extra, self.unit)

    def due(self, start: datetime | date) -> datetime | date:
        """When it falls due: a datetime for clock hours, otherwise a local date."""
        if self.unit is Unit.CLOCK_HOURS:
            if not isinstance(start, datetime):
                raise TypeError("A deadline in clock hours needs a time to start from.")
            if timezone.is_naive(start):
                return start + timedelta(hours=self.amount)
            # Elapsed hours, not wall-clock ones: adding to a London time directly would make
            # 24 hours across the clocks changing 23 or 25 real hours.
            due = start.astimezone(UTC) + timedelta(hours=self.amount)
            return due.astimezone(start.tzinfo)
        day = local_date(start)
        if self.unit is Unit.WORKING_DAYS:
            return calendar.add_working_days(day, self.amount)
        return day + timedelta(days=self.amount)

    def due_date(self, start: datetime | date) -> date:
        return local_date(self.due(start))

    def is_met(self, start: datetime | date, done: datetime | date) -> bool:
        due = self.due(start)
        if isinstance(due, datetime):
            if not isinstance(done, datetime):
                raise TypeError("Meeting a deadline in clock hours needs the time it was done.")
            return done <= due
        return local_date(done) <= due


def state(
    due: datetime | date,
    *,
    done: datetime | date | None = None,
    now: datetime | None = None,
    soon_working_days: int | None = None,
) -> State:
    """Where a case stands against its due date or time."""
    now = now or timezone.now()
    if isinstance(due, datetime):
        if done is not None:
            done_at = done if isinstance(done, datetime) else None
            if done_at is None:
                return State.MET if local_date(done) <= local_date(due) else State.MISSED
            return State.MET if done_at <= due else State.MISSED
        if now > due:
            return State.OVERDUE
        if now + timedelta(hours=4) >= due:
            return State.DUE_SOON
        if local_date(due) == local_date(now):
            return State.DUE_TODAY
        return State.ON_TRACK
    if done is not None:
        return State.MET if local_date(done) <= due else State.MISSED
    today = local_date(now)
    if today > due:
        return State.OVERDUE
    if today == due:
        return State.DUE_TODAY
    window = (
        settings.HEARTH_DUE_SOON_WORKING_DAYS if soon_working_days is None else soon_working_days
    )
    if calendar.working_days_between(today, due) <= window:
        return State.DUE_SOON
    return State.ON_TRACK
