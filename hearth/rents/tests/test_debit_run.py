from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from hearth.rents.models import (
    ArrearsCase,
    ArrearsEpisode,
    ChargeRate,
    FiftyThirdWeek,
    Kind,
    RentAccount,
    RentFreeWeek,
    RentPolicy,
    Source,
    Transaction,
)
from hearth.rents.services.debit_run import post_week
from hearth.rents.services.ledger import balance_mismatches
from hearth.rents.tests.factories import make_account, pay, post

pytestmark = pytest.mark.django_db
D = Decimal


def charges(account: RentAccount) -> list[tuple[date, str, Decimal]]:
    return list(
        Transaction.objects.filter(account=account, kind__in=[Kind.RENT, Kind.SERVICE_CHARGE])
        .order_by("date", "kind")
        .values_list("date", "kind", "amount")
    )


def test_the_debit_run_charges_each_current_tenancy_its_rent_and_service_charge():
    account = make_account(weekly_rent="120.50", service_charge="8.25", start=date(2020, 4, 6))
    run = post_week(week_commencing=date(2025, 4, 7))
    assert run.accounts == 1 and run.transactions == 2
    assert charges(account) == [
        (date(2025, 4, 7), "rent", D("120.50")),
        (date(2025, 4, 7), "service_charge", D("8.25")),
    ]
    account.refresh_from_db()
    assert account.balance == D("128.75")
    rent = Transaction.objects.get(account=account, kind=Kind.RENT)
    assert rent.ref == f"W20250407-R-{account.pk}"
    assert rent.description == "Rent for the week commencing 7 April 2025"
    assert rent.week_commencing == date(2025, 4, 7)


def test_running_the_same_week_twice_charges_once():
    account = make_account(start=date(2020, 4, 6))
    post_week(week_commencing=date(2025, 4, 7))
    again = post_week(week_commencing=date(2025, 4, 7))
    assert again.transactions == 0
    assert len(charges(account)) == 1
    account.refresh_from_db()
    assert account.balance == D("100.00")


def test_a_tenancy_starting_mid_week_pays_for_its_days_from_its_start_date():
    account = make_account(weekly_rent="120.50", start=date(2025, 4, 10))  # Thursday: 4 days
    post_week(week_commencing=date(2025, 4, 7))
    # 120.50 x 4 / 7 = 68.857... = 68.86
    assert charges(account) == [(date(2025, 4, 10), "rent", D("68.86"))]


def test_a_tenancy_ending_mid_week_pays_up_to_its_end_date():
    account = make_account(weekly_rent="100.00", start=date(2020, 4, 6), end=date(2025, 4, 9))
    post_week(week_commencing=date(2025, 4, 7))
    assert charges(account) == [(date(2025, 4, 7), "rent", D("42.86"))]  # 3 days


def test_tenancies_not_current_in_the_week_are_not_charged():
    ended = make_account(start=date(2020, 4, 6), end=date(2025, 4, 6))
    future = make_account(start=date(2025, 4, 14))
    post_week(week_commencing=date(2025, 4, 7))
    assert charges(ended) == [] and charges(future) == []


def test_a_rent_free_week_charges_nothing():
    account = make_account(start=date(2020, 4, 6))
    RentFreeWeek.objects.create(week_commencing=date(2025, 12, 22), reason="Christmas")
    run = post_week(week_commencing=date(2025, 12, 22))
    assert run.rent_free == "Christmas" and charges(account) == []


def test_the_53rd_week_is_charged_unless_the_policy_makes_it_rent_free():
    account = make_account(start=date(2020, 4, 6))
    assert post_week(week_commencing=date(2025, 3, 31)).transactions == 1
    other = make_account(start=date(2020, 4, 6))
    policy = RentPolicy.current()
    policy.fifty_third_week = FiftyThirdWeek.FREE
    policy.save()
    Transaction.objects.filter(account=account).delete()
    assert (
        post_week(week_commencing=date(2025, 3, 31)).rent_free == "the 53rd week of the rent year"
    )
    assert charges(other) == []


def test_a_rate_change_in_the_middle_of_a_week_splits_the_week():
    account = make_account(weekly_rent="70.00", start=date(2020, 4, 6))
    ChargeRate.objects.create(
        home=account.tenancy.home, effective_from=date(2025, 4, 9), weekly_rent=D("77.00")
    )
    post_week(week_commencing=date(2025, 4, 7))
    assert charges(account) == [(date(2025, 4, 7), "rent", D("75.00"))]  # (2x70 + 5x77) / 7


def test_the_april_rent_change_applies_from_its_date():
    account = make_account(weekly_rent="100.00", start=date(2020, 4, 6))
    ChargeRate.objects.create(
        home=account.tenancy.home, effective_from=date(2025, 4, 7), weekly_rent=D("102.70")
    )
    post_week(week_commencing=date(2025, 3, 31))
    post_week(week_commencing=date(2025, 4, 7))
    assert [c[2] for c in charges(account)] == [D("100.00"), D("102.70")]


def test_a_week_already_charged_by_an_imported_ledger_is_left_alone():
    account = make_account(start=date(2020, 4, 6))
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    post_week(week_commencing=date(2025, 4, 7))
    assert len(charges(account)) == 1


def test_the_week_must_start_on_a_monday():
    with pytest.raises(ValidationError):
        post_week(week_commencing=date(2025, 4, 8))


def test_after_a_run_balances_equal_the_ledger_and_arrears_are_up_to_date():
    paying = make_account(start=date(2020, 4, 6))
    behind = make_account(start=date(2020, 4, 6))
    for monday in (date(2025, 4, 7), date(2025, 4, 14)):
        post_week(week_commencing=monday)
        pay(paying, monday, "100.00")
    assert balance_mismatches() == []
    assert not ArrearsEpisode.objects.filter(account=paying).exists()
    episode = ArrearsEpisode.objects.get(account=behind)
    assert episode.started_on == date(2025, 4, 14) and episode.balance_at_start == D("200.00")
    case = ArrearsCase.objects.get(account=behind)
    # Easter: Good Friday 18 and Easter Monday 21 April 2025 are not working days.
    assert case.first_contact_due == date(2025, 4, 23)
    assert case.next_action == "contact"


def test_the_rent_post_command_charges_a_week(capsys):
    make_account(start=date(2020, 4, 6))
    call_command("rent", "post", "--week-commencing", "2025-04-07")
    assert "1 charges to 1 accounts" in capsys.readouterr().out
    assert Transaction.objects.filter(source=Source.DEBIT_RUN).count() == 1
