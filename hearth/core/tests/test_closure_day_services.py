from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hearth.core import calendar, services
from hearth.core.models import ClosureDay, TimelineEvent

pytestmark = pytest.mark.django_db


def test_a_closure_day_stops_counting_as_a_working_day(admin_user: Any) -> None:
    day = date(2027, 12, 29)
    assert calendar.is_working_day(day)

    services.add_closure_day(day=day, reason="Christmas shutdown", actor=admin_user)

    assert not calendar.is_working_day(day)
    event = TimelineEvent.objects.get(verb="closure_day_added")
    assert event.actor == admin_user and "29 December 2027" in event.summary


def test_removing_a_closure_day_makes_it_a_working_day_again(admin_user: Any) -> None:
    closure = services.add_closure_day(day=date(2027, 12, 29), reason="Christmas", actor=admin_user)

    services.remove_closure_day(closure_day=closure, actor=admin_user)

    assert calendar.is_working_day(date(2027, 12, 29))
    assert TimelineEvent.objects.filter(verb="closure_day_removed").count() == 1


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2028, 1, 1), "is a weekend"),  # a Saturday
        (date(2027, 12, 27), "is a bank holiday"),  # substitute day for Christmas Day
    ],
)
def test_a_day_that_is_not_a_working_day_anyway_is_refused(
    admin_user: Any, day: date, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.add_closure_day(day=day, reason="x", actor=admin_user)

    assert message in error.value.message_dict["day"][0]
    assert not ClosureDay.objects.exists()


def test_the_same_day_cannot_be_added_twice_and_a_reason_is_needed(admin_user: Any) -> None:
    services.add_closure_day(day=date(2027, 12, 29), reason="Christmas", actor=admin_user)

    with pytest.raises(ValidationError) as error:
        services.add_closure_day(day=date(2027, 12, 29), reason="  ", actor=admin_user)

    assert set(error.value.message_dict) == {"day", "reason"}


def test_each_domains_recount_runs_once_with_the_day_that_changed(admin_user: Any) -> None:
    seen: list[tuple[calendar.CalendarChange, bool]] = []

    def recount(change: calendar.CalendarChange) -> int:
        # By the time a domain recounts, the calendar already counts the change.
        seen.append((change, calendar.is_working_day(change.day)))
        return 0

    calendar.register_recount(recount)
    try:
        closure = services.add_closure_day(
            day=date(2027, 12, 29), reason="Christmas", actor=admin_user
        )
        services.remove_closure_day(closure_day=closure, actor=admin_user)
    finally:
        calendar._recounts.unregister(f"{__name__}.{recount.__qualname__}")

    assert seen == [
        (calendar.CalendarChange(day=date(2027, 12, 29), closed=True), False),
        (calendar.CalendarChange(day=date(2027, 12, 29), closed=False), True),
    ]


def test_complaints_repairs_and_rents_register_their_recounts() -> None:
    assert set(calendar._recounts.keyed()) >= {
        "hearth.complaints.clocks.recount_open_complaints",
        "hearth.repairs.services.recount.recount_due_dates",
        "hearth.rents.services.recount.recount_due_dates",
    }
