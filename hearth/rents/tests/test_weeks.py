from __future__ import annotations

from datetime import date
from decimal import Decimal

from hearth.rents import weeks


def test_a_rent_week_runs_monday_to_sunday():
    assert weeks.week_commencing(date(2025, 4, 9)) == date(2025, 4, 7)
    assert weeks.week_commencing(date(2025, 4, 13)) == date(2025, 4, 7)
    assert weeks.week_ending(date(2025, 4, 7)) == date(2025, 4, 13)


def test_the_rent_year_starts_on_the_first_monday_in_april():
    assert weeks.rent_year_start(2025) == date(2025, 4, 7)
    assert weeks.rent_year_start(2024) == date(2024, 4, 1)
    assert weeks.rent_year_of(date(2025, 4, 6)) == 2024
    assert weeks.rent_year_of(date(2025, 4, 7)) == 2025


def test_2024_25_was_a_53_week_rent_year_and_2025_26_has_52():
    assert weeks.weeks_in_rent_year(2024) == 53
    assert weeks.weeks_in_rent_year(2025) == 52
    assert weeks.rent_week_number(date(2025, 3, 31)) == 53
    assert weeks.is_fifty_third_week(date(2025, 3, 31))
    assert weeks.rent_week_number(date(2025, 4, 7)) == 1
    assert not weeks.is_fifty_third_week(date(2026, 3, 30))


def test_chargeable_days_are_the_days_of_the_week_the_tenancy_is_current():
    monday = date(2025, 4, 7)
    assert len(weeks.chargeable_days(monday, date(2020, 1, 1), None)) == 7
    assert weeks.chargeable_days(monday, date(2025, 4, 9), None)[0] == date(2025, 4, 9)
    assert len(weeks.chargeable_days(monday, date(2025, 4, 9), None)) == 5
    assert len(weeks.chargeable_days(monday, date(2020, 1, 1), date(2025, 4, 8))) == 2
    assert weeks.chargeable_days(monday, date(2025, 4, 14), None) == []


def test_pro_rata_charges_a_seventh_a_day_rounded_once_half_up():
    assert weeks.pro_rata([Decimal("120.50")] * 7) == Decimal("120.50")
    # 120.50 x 3 / 7 = 51.642857...
    assert weeks.pro_rata([Decimal("120.50")] * 3) == Decimal("51.64")
    # 100 x 5 / 7 = 71.428571...
    assert weeks.pro_rata([Decimal("100.00")] * 5) == Decimal("71.43")
    # A rate change mid-week: 2 days at 70, 5 at 77 = (140 + 385) / 7 = 75.00
    assert weeks.pro_rata([Decimal(70)] * 2 + [Decimal(77)] * 5) == Decimal("75.00")
    # Half a penny rounds up: 0.035 x 7 / 7... 1 day of 0.35 = 0.05
    assert weeks.pro_rata([Decimal("0.35")]) == Decimal("0.05")
