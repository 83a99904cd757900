from __future__ import annotations

from datetime import date

from hearth.core.calendar import add_working_days, working_days_between


def test_easter_monday_2025_is_not_a_working_day_so_thursday_plus_two_is_tuesday(db):
    assert add_working_days(date(2025, 4, 17), 2) == date(2025, 4, 23)
    assert working_days_between(date(2025, 4, 17), date(2025, 4, 23)) == 2
