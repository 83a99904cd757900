"""The four rent measures against ledgers worked by hand, over April 2025 (Easter: 18 and 21
April; early May bank holiday 5 May)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hearth.contacts.services import record_contact
from hearth.core import measures
from hearth.rents.models import Kind
from hearth.rents.tests.factories import make_account, pay, post

pytestmark = pytest.mark.django_db
D = Decimal
APRIL = (date(2025, 4, 1), date(2025, 4, 30))


def measure(measure_id: str, start: date = APRIL[0], end: date = APRIL[1]) -> dict:
    return measures.report(start, end, only=[measure_id])["measures"][0]


def contact(
    tenancy_ref: str, on: date, *, channel: str = "phone", purpose: str = "arrears"
) -> None:
    record_contact(
        case_type="tenancy", case_ref=tenancy_ref, channel=channel, purpose=purpose, contacted_on=on
    )


def test_rent_collected_is_credits_except_write_offs_and_adjustments_over_charges():
    account = make_account(weekly_rent="100.00", service_charge="10.00", start=date(2020, 4, 6))
    post(account, date(2025, 3, 31), Kind.RENT, "100.00")  # before the period
    for monday in (date(2025, 4, 7), date(2025, 4, 14), date(2025, 4, 21), date(2025, 4, 28)):
        post(account, monday, Kind.RENT, "100.00")
        post(account, monday, Kind.SERVICE_CHARGE, "10.00")
    pay(account, date(2025, 4, 1), "300.00")  # first day of the period
    post(account, date(2025, 4, 30), Kind.HOUSING_BENEFIT, "-80.00")  # last day
    post(account, date(2025, 4, 15), Kind.UNIVERSAL_CREDIT, "-20.00")
    post(account, date(2025, 4, 16), Kind.WRITE_OFF, "-15.00")  # not collected
    post(account, date(2025, 4, 17), Kind.ADJUSTMENT, "-5.00")  # not collected
    pay(account, date(2025, 5, 1), "999.00")  # after the period
    found = measure("rent.collected")
    # Collected 300 + 80 + 20 = 400; charged 4 x 110 = 440.
    assert (found["numerator"], found["denominator"], found["value"]) == (400, 440, 90.9)


def test_a_returned_direct_debit_takes_back_what_its_payment_counted_in_collected():
    account = make_account(start=date(2020, 4, 6))
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    post(account, date(2025, 4, 14), Kind.RENT, "100.00")
    post(account, date(2025, 4, 7), Kind.PAYMENT_DIRECT_DEBIT, "-100.00")
    post(account, date(2025, 4, 14), Kind.PAYMENT_DIRECT_DEBIT, "-100.00")
    post(account, date(2025, 4, 10), Kind.PAYMENT_REVERSAL, "100.00")  # returned unpaid
    post(account, date(2025, 4, 11), Kind.ADJUSTMENT, "30.00")  # adjustments: left out
    found = measure("rent.collected")
    # Collected 100 + 100 - 100 = 100 of 200 charged.
    assert (found["numerator"], found["denominator"], found["value"]) == (100, 200, 50.0)


def test_current_arrears_sums_positive_balances_of_current_tenancies_at_the_end():
    owing = make_account(start=date(2020, 4, 6))
    post(owing, date(2025, 4, 28), Kind.RENT, "100.00")
    post(owing, date(2025, 4, 21), Kind.RENT, "100.00")
    pay(owing, date(2025, 4, 22), "50.00")
    post(owing, date(2025, 5, 5), Kind.RENT, "100.00")  # after `to`: not in the balance
    in_credit = make_account(start=date(2020, 4, 6))
    post(in_credit, date(2025, 4, 28), Kind.RENT, "100.00")
    pay(in_credit, date(2025, 4, 28), "130.00")  # -30: not netted off
    ended = make_account(start=date(2020, 4, 6), end=date(2025, 4, 29))
    post(ended, date(2025, 4, 28), Kind.RENT, "200.00")  # ended before `to`: not counted
    old = make_account(start=date(2020, 4, 6))
    post(old, date(2024, 5, 1), Kind.RENT, "1000.00")  # 365th day back from 30 April 2025
    post(old, date(2024, 4, 30), Kind.RENT, "1.00")  # 366th: outside the year
    pay(old, date(2024, 5, 2), "1001.00")
    not_yet = make_account(start=date(2025, 5, 5))  # starts after `to`: not counted
    post(not_yet, date(2025, 5, 5), Kind.RENT, "100.00")
    pay(not_yet, date(2025, 5, 6), "300.00")  # its later rows change nobody's balance
    found = measure("rent.current_arrears")
    # Owed: 150. Year's charges: 200 + 100 + 200 + 1000 = 1500 (the 5 May charge is after).
    assert (found["numerator"], found["denominator"], found["value"]) == (150, 1500, 10.0)


def _falls_behind(
    *mondays: date, start: date = date(2020, 4, 6), weekly: str = "100.00", first: str | None = None
):
    account = make_account(start=start, weekly_rent=weekly)
    for index, monday in enumerate(mondays):
        post(
            account,
            monday if index or first is None else start,
            Kind.RENT,
            first if index == 0 and first else weekly,
        )
    return account.tenancy.ref


def test_contacted_in_5_days_counts_contacts_from_the_date_to_the_5th_working_day():
    # Each falls into arrears on Monday 14 April; the 5th working day after is 23 April.
    on_time = _falls_behind(date(2025, 4, 7), date(2025, 4, 14))
    contact(on_time, date(2025, 4, 23), channel="letter")
    late = _falls_behind(date(2025, 4, 7), date(2025, 4, 14))
    contact(late, date(2025, 4, 24))
    too_early = _falls_behind(date(2025, 4, 7), date(2025, 4, 14))
    contact(too_early, date(2025, 4, 13))
    wrong_channel = _falls_behind(date(2025, 4, 7), date(2025, 4, 14))
    contact(wrong_channel, date(2025, 4, 15), channel="in_person")
    wrong_purpose = _falls_behind(date(2025, 4, 7), date(2025, 4, 14))
    contact(wrong_purpose, date(2025, 4, 15), purpose="other")
    # Starts Wednesday 9 April: 5 days = 71.43, then 171.43 on the 14th: in arrears that day.
    mid_week = _falls_behind(
        date(2025, 4, 9), date(2025, 4, 14), start=date(2025, 4, 9), first="71.43"
    )
    contact(mid_week, date(2025, 4, 16), channel="visit")
    # Falls behind on 28 April: due 6 May, after `to`, so not counted yet.
    not_yet_due = _falls_behind(date(2025, 4, 21), date(2025, 4, 28))
    # Fell behind on 31 March: before the period.
    before = _falls_behind(date(2025, 3, 24), date(2025, 3, 31))
    contact(before, date(2025, 4, 1))
    found = measure("arrears.contacted_in_5_days")
    assert (found["numerator"], found["denominator"], found["value"]) == (2, 6, 33.3)
    may = measure("arrears.contacted_in_5_days", date(2025, 4, 28), date(2025, 5, 31))
    assert (may["numerator"], may["denominator"]) == (0, 1)
    assert not_yet_due


def test_an_account_that_falls_into_arrears_twice_in_a_period_counts_twice():
    account = make_account(start=date(2020, 4, 6))
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    post(account, date(2025, 4, 14), Kind.RENT, "100.00")  # in arrears
    pay(account, date(2025, 4, 15), "200.00")  # out
    post(account, date(2025, 4, 21), Kind.RENT, "100.00")
    post(account, date(2025, 4, 28), Kind.RENT, "100.00")  # in again; due 6 May
    contact(account.tenancy.ref, date(2025, 4, 16))
    found = measure("arrears.contacted_in_5_days", date(2025, 4, 1), date(2025, 5, 31))
    assert (found["numerator"], found["denominator"]) == (1, 2)


def test_money_advice_offered_within_20_working_days_of_the_start():
    # Starting 7 April 2025, the 20th working day after is 8 May.
    on_time = make_account(start=date(2025, 4, 7)).tenancy.ref
    contact(on_time, date(2025, 5, 8), purpose="money_advice")
    late = make_account(start=date(2025, 4, 7)).tenancy.ref
    contact(late, date(2025, 5, 9), purpose="money_advice")
    at_sign_up = make_account(start=date(2025, 4, 7)).tenancy.ref
    contact(at_sign_up, date(2025, 4, 3), purpose="money_advice", channel="in_person")
    wrong_purpose = make_account(start=date(2025, 4, 7)).tenancy.ref
    contact(wrong_purpose, date(2025, 4, 8), purpose="arrears")
    started_before = make_account(start=date(2025, 3, 31)).tenancy.ref
    contact(started_before, date(2025, 4, 1), purpose="money_advice")
    found = measure("tenancy.money_advice_offered")
    assert (found["numerator"], found["denominator"], found["value"]) == (2, 4, 50.0)


def test_with_nothing_to_count_the_measures_are_null():
    for measure_id in (
        "rent.collected",
        "rent.current_arrears",
        "arrears.contacted_in_5_days",
        "tenancy.money_advice_offered",
    ):
        assert measure(measure_id)["value"] is None
