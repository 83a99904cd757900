"""Each rule, named after it, on literal dates."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.lettings import rules


def test_gas_next_due_is_a_year_later_and_29_february_becomes_28():
    assert rules.gas_next_due(date(2026, 3, 4)) == date(2027, 3, 4)
    assert rules.gas_next_due(date(2028, 2, 29)) == date(2029, 2, 28)


def test_gas_record_current_until_its_next_check_is_due():
    assert rules.gas_record_current(
        done_on=date(2025, 3, 16), next_due_on=None, outcome="satisfactory", on=date(2026, 3, 16)
    )
    assert not rules.gas_record_current(
        done_on=date(2025, 3, 15), next_due_on=None, outcome="satisfactory", on=date(2026, 3, 16)
    )
    assert not rules.gas_record_current(done_on=date(2026, 3, 1), next_due_on=None, outcome="unsatisfactory", on=date(2026, 3, 16))  # fmt: skip


def test_eicr_in_date_when_less_than_five_years_old():
    assert rules.eicr_in_date(
        done_on=date(2021, 3, 17), outcome="satisfactory", on=date(2026, 3, 16)
    )
    assert not rules.eicr_in_date(
        done_on=date(2021, 3, 16), outcome="satisfactory", on=date(2026, 3, 16)
    )
    assert not rules.eicr_in_date(done_on=date(2026, 3, 1), outcome="unsatisfactory", on=date(2026, 3, 16))  # fmt: skip


def test_smoke_alarms_tested_on_the_day_on_every_storey():
    assert rules.smoke_alarms_tested(
        done_on=date(2026, 3, 16),
        outcome="satisfactory",
        every_storey=True,
        starts_on=date(2026, 3, 16),
    )
    assert not rules.smoke_alarms_tested(
        done_on=date(2026, 3, 15),
        outcome="satisfactory",
        every_storey=True,
        starts_on=date(2026, 3, 16),
    )
    assert not rules.smoke_alarms_tested(done_on=date(2026, 3, 16), outcome="satisfactory", every_storey=False, starts_on=date(2026, 3, 16))  # fmt: skip


def test_co_alarm_tested_on_the_day():
    assert rules.co_alarm_tested(
        done_on=date(2026, 3, 16), outcome="satisfactory", starts_on=date(2026, 3, 16)
    )
    assert not rules.co_alarm_tested(done_on=date(2026, 3, 13), outcome="satisfactory", starts_on=date(2026, 3, 16))  # fmt: skip


def test_asbestos_information_present_unless_no_access():
    assert rules.asbestos_information_present(outcome="satisfactory")
    assert not rules.asbestos_information_present(outcome="no_access")


def test_letting_standard_passed_only_when_every_item_passes():
    assert rules.letting_standard_passed([{"passed": True}, {"passed": True}])
    assert not rules.letting_standard_passed([{"passed": True}, {"passed": False}])
    assert not rules.letting_standard_passed([])


def test_let_by_counts_calendar_days_from_the_end():
    assert rules.let_by(date(2026, 3, 1), 21) == date(2026, 3, 22)
    assert rules.let_by(date(2026, 3, 1), 60) == date(2026, 4, 30)


def test_void_starts_on_the_day_after_the_end_or_the_keys_if_later():
    assert rules.void_starts_on(date(2026, 3, 1), None) == date(2026, 3, 2)
    assert rules.void_starts_on(date(2026, 3, 1), date(2026, 2, 27)) == date(2026, 3, 2)
    assert rules.void_starts_on(date(2026, 3, 1), date(2026, 3, 5)) == date(2026, 3, 5)


@pytest.mark.django_db
def test_inspection_due_counts_working_days_over_a_bank_holiday():
    # Keys back Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are holidays.
    assert rules.inspection_due(date(2026, 4, 2), 2) == date(2026, 4, 8)


def test_valid_bidding_number_is_seven_digits():
    assert rules.valid_bidding_number("0123456")
    assert not rules.valid_bidding_number("123456")
    assert not rules.valid_bidding_number("12345678")
    assert not rules.valid_bidding_number("12345a7")
