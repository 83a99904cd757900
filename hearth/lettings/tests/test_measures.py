"""The five void and lettings measures on hand-worked examples (period 1 April to 30 June
2026), every expected value worked out by hand below."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.core.measures import Period
from hearth.estates.tests.factories import HomeFactory
from hearth.lettings import measures
from hearth.lettings.models import LettingStandardInspection, Void
from hearth.rents.models import ChargeRate, Kind
from hearth.rents.tests.factories import make_account, post

pytestmark = pytest.mark.django_db

PERIOD = Period(date(2026, 4, 1), date(2026, 6, 30))


def home(rent: str, service: str = "0.00"):  # type: ignore[no-untyped-def]
    return HomeFactory(weekly_rent=Decimal(rent), weekly_service_charge=Decimal(service))


def void(ref: str, where, end: date, let: date | None = None, **fields):  # type: ignore[no-untyped-def]
    return Void.objects.create(ref=ref, home=where, previous_tenancy_end=end, let_on=let, **fields)


@pytest.fixture
def voids():  # type: ignore[no-untyped-def]
    # A: spans the period's start. Ended 20 March, let 5 April: 16 days. Lost in period
    #    1-4 April = 4 days at £128.75 = £73.5714 -> £73.57. Passed the Letting Standard on
    #    30 March; viewing offered 28 March, signed 1 April.
    a = void("A", home("120.50", "8.25"), date(2026, 3, 20), date(2026, 4, 5),
             letting_standard_passed_on=date(2026, 3, 30), viewing_offered_on=date(2026, 3, 28),
             signed_on=date(2026, 4, 1))  # fmt: skip
    # B: ended 1 May, let 20 May: 19 days. Lost 2-19 May = 18 days at £128.75 = £331.0714
    #    -> £331.07. Letting Standard passed only after the start; no viewing offered.
    void("B", home("120.50", "8.25"), date(2026, 5, 1), date(2026, 5, 20),
         letting_standard_passed_on=date(2026, 5, 21), signed_on=date(2026, 5, 19))  # fmt: skip
    # C: major works. Ended 10 April, let 15 June: 66 days. Lost 11 April-14 June = 20 + 31
    #    + 14 = 65 days. Its rate went from £100.00 to £104.00 on 6 April, so £104.00 is in
    #    force on 10 April: 104 x 65 / 7 = £965.714 -> £965.71. A passed inspection on
    #    10 June; viewing offered 12 June, after signing on 11 June.
    c_home = home("104.00")
    ChargeRate.objects.create(
        home=c_home, effective_from=date(2025, 4, 7), weekly_rent=Decimal("100.00")
    )
    ChargeRate.objects.create(
        home=c_home, effective_from=date(2026, 4, 6), weekly_rent=Decimal("104.00")
    )
    c = void("C", c_home, date(2026, 4, 10), date(2026, 6, 15), works_type="major",
             viewing_offered_on=date(2026, 6, 12), signed_on=date(2026, 6, 11))  # fmt: skip
    LettingStandardInspection.objects.create(void=c, inspected_on=date(2026, 6, 10), passed=True)
    # D: unlet at the period's end. Ended 20 June: lost 21-30 June = 10 days at £75.00 =
    #    £107.142 -> £107.14.
    void("D", home("75.00"), date(2026, 6, 20))
    # E: let before the period: no loss, not counted.
    void("E", home("120.50", "8.25"), date(2026, 2, 1), date(2026, 3, 1))
    # F: let after the period. Ended 25 June, let 10 July: lost 26-30 June = 5 days at
    #    £128.75 = £91.964 -> £91.96; not let in period.
    void("F", home("120.50", "8.25"), date(2026, 6, 25), date(2026, 7, 10))
    # Rent and service charges dated in period: £10,000.00 + £500.00. Outside the period,
    # and payments, do not count.
    account = make_account(weekly_rent="100.00")
    post(account, date(2026, 4, 6), Kind.RENT, "10000.00")
    post(account, date(2026, 5, 4), Kind.SERVICE_CHARGE, "500.00")
    post(account, date(2026, 3, 30), Kind.RENT, "999.00")
    post(account, date(2026, 7, 1), Kind.RENT, "999.00")
    post(account, date(2026, 4, 7), Kind.PAYMENT_CASH, "-400.00")
    return a


def test_average_relet_days_leaves_out_major_works_and_counts_a_void_spanning_the_start(voids):
    # A 16 + B 19 = 35 days over 2 voids: 17.5.
    counts = measures.average_relet_days(PERIOD)
    assert (counts.numerator, counts.denominator) == (35, 2)


def test_average_relet_days_major_counts_only_major_works_voids(voids):
    counts = measures.average_relet_days_major(PERIOD)
    assert (counts.numerator, counts.denominator) == (66, 1)


def test_rent_lost_rounds_each_void_to_the_penny_and_counts_unlet_voids_to_the_period_end(voids):
    # 73.57 + 331.07 + 965.71 + 107.14 + 91.96 = 1,569.45; charges 10,500.00.
    counts = measures.rent_lost(PERIOD)
    assert counts.numerator == Decimal("1569.45")
    assert counts.denominator == Decimal("12069.45")


def test_letting_standard_met_counts_a_pass_on_or_before_the_start(voids):
    # A (passed 30 March) and C (inspection 10 June) of A, B, C.
    counts = measures.letting_standard_met(PERIOD)
    assert (counts.numerator, counts.denominator) == (2, 3)


def test_viewing_offered_counts_a_viewing_on_or_before_sign_up(voids):
    # Only A: B had none, C's came after signing.
    counts = measures.viewing_offered(PERIOD)
    assert (counts.numerator, counts.denominator) == (1, 3)


def test_with_nothing_to_count_each_measure_has_a_zero_denominator():
    for compute in (measures.average_relet_days, measures.average_relet_days_major,
                    measures.letting_standard_met, measures.viewing_offered, measures.rent_lost):  # fmt: skip
        assert compute(PERIOD).denominator == 0


def test_each_measure_is_one_query(voids):
    for compute in (measures.average_relet_days, measures.average_relet_days_major,
                    measures.letting_standard_met, measures.viewing_offered, measures.rent_lost):  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            compute(PERIOD)
        assert len(queries) == 1, compute.__name__
