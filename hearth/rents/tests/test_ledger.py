from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hearth.rents.models import ArrearsCase, ArrearsEpisode, CaseStatus, Kind, Transaction
from hearth.rents.queries import balance_on, statement
from hearth.rents.services.ledger import (
    adjust,
    balance_mismatches,
    rebuild_balances,
    take_payment,
    write_off,
)
from hearth.rents.tests.factories import make_account, pay, post

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_database_refuses_a_transaction_with_the_wrong_sign():
    account = make_account()
    for kind, amount in (
        (Kind.RENT, "-1.00"),
        (Kind.PAYMENT_DIRECT_DEBIT, "5.00"),
        (Kind.WRITE_OFF, "5.00"),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Transaction.objects.create(
                ref=f"X-{kind}", account=account, date=date(2025, 4, 7), kind=kind, amount=D(amount)
            )


def test_posting_checks_the_sign_before_the_database_does():
    account = make_account()
    with pytest.raises(ValidationError, match="charge"):
        post(account, date(2025, 4, 7), Kind.SERVICE_CHARGE, "-8.00")


def test_an_officer_takes_a_payment_by_phone_as_a_credit(officer):
    account = make_account()
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    payment = take_payment(
        account=account,
        amount=D("60.00"),
        kind=Kind.PAYMENT_ONLINE,
        paid_on=date(2025, 4, 8),
        actor=officer,
        reference="AUTH123",
    )
    assert payment.amount == D("-60.00") and payment.created_by == officer
    account.refresh_from_db()
    assert account.balance == D("40.00")
    with pytest.raises(ValidationError):
        take_payment(
            account=account, amount=D("0"), kind=Kind.PAYMENT_ONLINE, paid_on=None, actor=officer
        )


def test_the_same_phone_payment_reference_is_taken_once(officer):
    account = make_account()
    take_payment(
        account=account,
        amount=D("10.00"),
        kind=Kind.PAYMENT_ONLINE,
        paid_on=date(2025, 4, 8),
        actor=officer,
        reference="AUTH1",
    )
    with pytest.raises(ValidationError, match="already"):
        take_payment(
            account=account,
            amount=D("10.00"),
            kind=Kind.PAYMENT_ONLINE,
            paid_on=date(2025, 4, 8),
            actor=officer,
            reference="AUTH1",
        )


def test_balance_on_a_date_is_the_sum_of_transactions_dated_on_or_before_it():
    account = make_account()
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    pay(account, date(2025, 4, 10), "30.00")
    post(account, date(2025, 4, 14), Kind.RENT, "100.00")
    assert balance_on(account, date(2025, 4, 9)) == D("100.00")
    assert balance_on(account, date(2025, 4, 10)) == D("70.00")
    assert balance_on(account, date(2025, 4, 14)) == D("170.00")


def test_a_statement_shows_a_running_balance_from_the_opening_balance():
    account = make_account()
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    pay(account, date(2025, 4, 10), "30.00")
    post(account, date(2025, 4, 14), Kind.RENT, "100.00")
    data = statement(account, date(2025, 4, 8), date(2025, 4, 30))
    assert data.opening_balance == D("100.00")
    assert [line.balance for line in data.lines] == [D("70.00"), D("170.00")]
    assert (data.total_charges, data.total_credits, data.closing_balance) == (
        D("100.00"),
        D("30.00"),
        D("170.00"),
    )


def test_a_statement_says_plainly_that_the_bank_returned_a_direct_debit():
    account = make_account()
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    collected = post(account, date(2025, 4, 7), Kind.PAYMENT_DIRECT_DEBIT, "-100.00")
    returned = post(account, date(2025, 4, 11), Kind.PAYMENT_REVERSAL, "100.00")
    returned.reverses = collected
    returned.save()
    data = statement(account, date(2025, 4, 1), date(2025, 4, 30))
    assert [(line.description, line.charge, line.balance) for line in data.lines][-1] == (
        "Direct debit returned by your bank",
        D("100.00"),
        D("100.00"),
    )


def test_a_back_dated_payment_moves_the_end_of_the_arrears_and_closes_the_case():
    account = make_account()
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    post(account, date(2025, 4, 14), Kind.RENT, "100.00")
    post(account, date(2025, 4, 21), Kind.RENT, "100.00")
    case = ArrearsCase.objects.get(account=account)
    assert case.opened_on == date(2025, 4, 14)
    pay(account, date(2025, 4, 16), "300.00")  # posted after the 21st's charge, dated before it
    episode = ArrearsEpisode.objects.get(account=account)
    assert (episode.started_on, episode.ended_on) == (date(2025, 4, 14), date(2025, 4, 16))
    case = ArrearsCase.objects.get(pk=case.pk)
    assert case.status == CaseStatus.CLOSED and case.closed_on == date(2025, 4, 16)
    # 0 on the 21st after that week's charge: not more than the weekly charge.
    assert ArrearsEpisode.objects.filter(account=account).count() == 1


def test_falling_into_arrears_again_opens_a_new_case():
    account = make_account()
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    post(account, date(2025, 4, 14), Kind.RENT, "100.00")
    pay(account, date(2025, 4, 15), "200.00")
    post(account, date(2025, 4, 21), Kind.RENT, "100.00")
    post(account, date(2025, 4, 28), Kind.RENT, "100.00")
    cases = list(ArrearsCase.objects.filter(account=account).order_by("opened_on"))
    assert [(c.opened_on, c.status) for c in cases] == [
        (date(2025, 4, 14), CaseStatus.CLOSED),
        (date(2025, 4, 28), CaseStatus.OPEN),
    ]


def test_write_offs_and_adjustments_need_a_reason(officer):
    account = make_account()
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    with pytest.raises(ValidationError):
        write_off(
            account=account, amount=D("10.00"), on=date(2025, 4, 8), reason=" ", actor=officer
        )
    write_off(
        account=account, amount=D("10.00"), on=date(2025, 4, 8), reason="Tenant died", actor=officer
    )
    adjust(
        account=account, amount=D("-5.00"), on=date(2025, 4, 8), reason="Overcharged", actor=officer
    )
    account.refresh_from_db()
    assert account.balance == D("85.00")


def test_balances_always_equal_the_ledger_and_a_broken_one_is_found_and_rebuilt():
    account = make_account()
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    pay(account, date(2025, 4, 8), "40.00")
    assert balance_mismatches() == []
    type(account).objects.filter(pk=account.pk).update(balance=D("1.00"))
    assert balance_mismatches() == [(account.pk, D("1.00"), D("60.00"))]
    assert rebuild_balances() == 1
    assert balance_mismatches() == []
