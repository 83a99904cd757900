"""Falling into and leaving arrears, worked by hand from small ledgers (measures spec:
in arrears when the end-of-day balance exceeds the current weekly charge; out again at the
first end-of-day balance of zero or less)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hearth.rents.charges import RateBook
from hearth.rents.episodes import Spell, Terms, spells

D = Decimal


def terms(
    start: date = date(2025, 4, 7),
    end: date | None = None,
    rates: list[tuple[date, str]] | None = None,
) -> Terms:
    book = RateBook(
        {1: [(day, D(rate), D(0)) for day, rate in (rates or [(date(2000, 1, 1), "100.00")])]}
    )
    return Terms(start, end, 1, book)


def ledger(*rows: tuple[date, str]) -> dict[date, Decimal]:
    totals: dict[date, Decimal] = {}
    for day, amount in rows:
        totals[day] = totals.get(day, D(0)) + D(amount)
    return totals


def test_owing_this_weeks_charge_is_not_arrears():
    found = spells(ledger((date(2025, 4, 7), "100.00")), terms())
    assert found == []


def test_an_account_falls_into_arrears_when_its_balance_exceeds_the_weekly_charge():
    found = spells(ledger((date(2025, 4, 7), "100.00"), (date(2025, 4, 14), "100.00")), terms())
    assert found == [Spell(date(2025, 4, 14), None, D("200.00"), D("100.00"))]


def test_a_mid_week_start_is_charged_for_its_days_and_is_not_arrears_until_the_next_week():
    # Starts Wednesday 9 April: 5 days = 71.43. Monday 14th: +100 = 171.43 > 100.
    rows = ledger(
        (date(2025, 4, 9), "71.43"), (date(2025, 4, 14), "100.00"), (date(2025, 4, 18), "-171.43")
    )
    found = spells(rows, terms(start=date(2025, 4, 9)))
    assert found == [Spell(date(2025, 4, 14), date(2025, 4, 18), D("171.43"), D("100.00"))]


def test_it_stays_in_arrears_until_the_balance_is_zero_or_less():
    rows = ledger(
        (date(2025, 4, 7), "100.00"),
        (date(2025, 4, 14), "100.00"),  # 200 > 100: in arrears
        (date(2025, 4, 16), "-150.00"),  # 50: below the charge but still in arrears
        (date(2025, 4, 21), "100.00"),  # 150
        (date(2025, 4, 23), "-150.00"),  # 0: out
    )
    assert spells(rows, terms()) == [
        Spell(date(2025, 4, 14), date(2025, 4, 23), D("200.00"), D("100.00"))
    ]


def test_a_returned_direct_debit_puts_the_account_back_into_arrears_only_when_the_balance_exceeds_the_charge():
    rows = ledger(
        (date(2025, 4, 7), "100.00"),
        (date(2025, 4, 7), "-100.00"),  # paid by direct debit on the day
        (date(2025, 4, 14), "100.00"),
        (date(2025, 4, 14), "-100.00"),  # paid again...
        (date(2025, 4, 17), "100.00"),  # ...but returned unpaid: 100, not more than 100
        (date(2025, 4, 21), "100.00"),  # 200 > 100
    )
    assert spells(rows, terms()) == [Spell(date(2025, 4, 21), None, D("200.00"), D("100.00"))]


def test_a_rent_free_week_charges_nothing_and_the_weekly_charge_is_still_the_rate():
    # Week 1 charged and unpaid; week 2 (14 April) rent-free; week 3 charged: 200 > 100.
    rows = ledger((date(2025, 4, 7), "100.00"), (date(2025, 4, 21), "100.00"))
    assert spells(rows, terms()) == [Spell(date(2025, 4, 21), None, D("200.00"), D("100.00"))]


def test_after_the_tenancy_ends_any_debt_is_arrears_from_the_next_day():
    # Ends Tuesday 8 April after 2 days' charge (28.57) that was never paid.
    rows = ledger((date(2025, 4, 7), "28.57"))
    found = spells(rows, terms(end=date(2025, 4, 8)))
    assert found == [Spell(date(2025, 4, 9), None, D("28.57"), D("0.00"))]


def test_a_lower_rate_can_put_an_account_into_arrears_on_the_day_it_starts():
    # Owes 90 against a 100 rate; from Monday 14 April the rate is 80, with no charge posted.
    rows = ledger((date(2025, 4, 7), "90.00"))
    rates = [(date(2000, 1, 1), "100.00"), (date(2025, 4, 14), "80.00")]
    assert spells(rows, terms(rates=rates)) == [
        Spell(date(2025, 4, 14), None, D("90.00"), D("80.00"))
    ]


def test_a_replay_from_a_date_continues_the_spell_open_the_day_before():
    open_spell = Spell(date(2025, 4, 14), None, D("200.00"), D("100.00"))
    rows = ledger((date(2025, 4, 28), "-200.00"))
    found = spells(
        rows, terms(), opening_balance=D("200.00"), open_spell=open_spell, since=date(2025, 4, 28)
    )
    assert found == [Spell(date(2025, 4, 14), date(2025, 4, 28), D("200.00"), D("100.00"))]


def test_two_spells_in_a_year():
    rows = ledger(
        (date(2025, 4, 7), "100.00"),
        (date(2025, 4, 14), "100.00"),
        (date(2025, 4, 15), "-200.00"),
        (date(2025, 4, 21), "100.00"),
        (date(2025, 4, 28), "100.00"),
        (date(2025, 5, 2), "-250.00"),
    )
    assert spells(rows, terms()) == [
        Spell(date(2025, 4, 14), date(2025, 4, 15), D("200.00"), D("100.00")),
        Spell(date(2025, 4, 28), date(2025, 5, 2), D("200.00"), D("100.00")),
    ]
