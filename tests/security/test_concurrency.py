"""Two officers acting on one rent case at the same moment (PostgreSQL, where rows are locked
one by one; SQLite takes one write lock for the whole database, so there is nothing to race).

Issue #10: the rents casework services took no row locks, so two officers agreeing a payment
plan at once could leave two active plans."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.rents.models import (
    ArrearsCase,
    Kind,
    PaymentPlan,
    PlanStatus,
    RentAccount,
    Transaction,
)
from hearth.rents.services import casework
from hearth.rents.services.debit_run import DebitRun, post_week
from hearth.rents.services.ledger import balance_mismatches
from hearth.rents.tests.factories import make_account, post

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises"
    ),
]


def _race(first: Callable[[], object], second: Callable[[], object]) -> list[BaseException]:
    """Run `first` in a transaction that stays open a second after it has done its work, and
    `second` meanwhile, each in its own thread and connection; returns what either raised."""
    first_in = threading.Event()
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                first()
                first_in.set()
                time.sleep(1)  # done, not yet committed
        except BaseException as error:
            errors.append(error)
            first_in.set()
        finally:
            connections.close_all()

    def follow() -> None:
        first_in.wait()
        try:
            second()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hold), threading.Thread(target=follow)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_two_officers_agreeing_a_plan_at_once_leave_one_active_plan() -> None:
    officers = [UserFactory(role=Role.INCOME_OFFICER) for _ in range(2)]
    start = timezone.localdate() - timedelta(weeks=6)
    account = make_account(start=start)
    for week in range(3):
        post(account, start + timedelta(weeks=week), Kind.RENT, "100.00")
    case = ArrearsCase.objects.get(account=account)
    errors = _race(
        lambda: casework.agree_payment_plan(
            case=ArrearsCase.objects.get(pk=case.pk), weekly_instalment=Decimal("5"),
            starts_on=timezone.localdate(), actor=officers[0],
        ),
        lambda: casework.agree_payment_plan(
            case=ArrearsCase.objects.get(pk=case.pk), weekly_instalment=Decimal("7"),
            starts_on=timezone.localdate(), actor=officers[1],
        ),
    )  # fmt: skip
    assert errors == []
    plans = PaymentPlan.objects.filter(case=case).order_by("pk")
    assert [(p.weekly_instalment, p.status) for p in plans] == [
        (Decimal("5.00"), PlanStatus.CANCELLED),
        (Decimal("7.00"), PlanStatus.ACTIVE),
    ]


def test_two_debit_runs_for_one_week_at_once_charge_each_tenancy_once() -> None:
    """The second run's insert waits for the first to commit, then finds its charges taken:
    it charges nothing, and no balance counts a week twice."""
    monday = date(2026, 4, 13)
    accounts = [make_account(weekly_rent="100.00", service_charge="5.00") for _ in range(3)]
    runs: dict[str, DebitRun] = {}

    def run(name: str) -> None:
        runs[name] = post_week(week_commencing=monday, refresh_arrears=False)

    errors = _race(lambda: run("first"), lambda: run("second"))
    assert errors == []
    assert (runs["first"].transactions, runs["second"].transactions) == (6, 0)
    week = Transaction.objects.filter(date=monday, kind__in=[Kind.RENT, Kind.SERVICE_CHARGE])
    assert sorted(week.values_list("account_id", "kind", "amount")) == sorted(
        (account.pk, kind, Decimal(amount))
        for account in accounts
        for kind, amount in ((Kind.RENT, "100.00"), (Kind.SERVICE_CHARGE, "5.00"))
    )
    assert [a.balance for a in RentAccount.objects.filter(pk__in=[a.pk for a in accounts])] == [
        Decimal("105.00")
    ] * 3
    assert balance_mismatches() == []
