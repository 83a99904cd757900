from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.core.models import Message
from hearth.core.reminders import send_due_soon_reminders
from hearth.core.requests import requests_for
from hearth.core.sweeps import run_sweep
from hearth.core.work import work_for
from hearth.rents.models import (
    ArrearsCase,
    Kind,
    MoneyAdviceOffer,
    RentAccount,
    SuspenseItem,
    Transaction,
)
from hearth.rents.services import casework
from hearth.rents.services.accounts import account_for
from hearth.rents.tests.factories import make_account, post
from hearth.tenancies.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db


def behind(owner=None) -> ArrearsCase:  # type: ignore[no-untyped-def]
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    account = make_account(start=monday - timedelta(weeks=3))
    post(account, monday - timedelta(days=7), Kind.RENT, "100.00")
    post(account, monday, Kind.RENT, "100.00")
    case = ArrearsCase.objects.get(account=account)
    if owner is not None:
        casework.assign_case(case=case, owner=owner, actor=owner)
    return case


def test_an_income_officers_work_has_their_arrears_cases_suspense_and_money_advice(officer):
    income = UserFactory(role=Role.INCOME_OFFICER)
    mine, unassigned = behind(income), behind()
    theirs = behind(UserFactory(role=Role.INCOME_OFFICER))
    SuspenseItem.objects.create(
        source="paypoint",
        source_ref="P1",
        kind=Kind.PAYMENT_PAYPOINT,
        received_on=timezone.localdate(),
        amount=Decimal("-5.00"),
        reason="No card",
    )
    until = timezone.localdate() + timedelta(days=14)
    titles = [item.title for item in work_for(income, until=until)]
    assert any(mine.ref in t for t in titles) and any(unassigned.ref in t for t in titles)
    assert not any(theirs.ref in t for t in titles)
    assert any("Allocate a payment" in t for t in titles)
    assert not any("arrears case" in item.title for item in work_for(officer, until=until))


def test_a_resident_with_a_plan_sees_it_in_their_requests(resident, tenancy):
    account = account_for(tenancy)
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    post(account, monday - timedelta(days=7), Kind.RENT, "128.75")
    post(account, monday, Kind.RENT, "128.75")
    case = ArrearsCase.objects.get(account=account)
    casework.agree_payment_plan(
        case=case, weekly_instalment=Decimal("10.00"), starts_on=timezone.localdate(), actor=None
    )
    requests = requests_for(resident)
    assert [r.title for r in requests] == ["Your payment plan"]


def test_the_sweeps_charge_the_week_open_accounts_and_offers_and_review_cases():
    today = timezone.localdate()
    now = timezone.make_aware(
        datetime.combine(today, datetime.min.time()).replace(hour=10), ZoneInfo("Europe/London")
    )
    old = TenancyFactory(start_date=date(2020, 4, 6))
    new = TenancyFactory(start_date=today - timedelta(days=2))
    assert run_sweep("rents.new_tenancies", now=now, force=True).result == {
        "accounts": 2,
        "offers": 1,
    }
    assert MoneyAdviceOffer.objects.get().tenancy == new
    first = run_sweep("rents.weekly_debit", now=now, force=True).result["charged"]
    again = run_sweep("rents.weekly_debit", now=now + timedelta(seconds=1), force=True)
    assert first > 0 and again is not None and again.result == {"charged": 0}
    assert (
        Transaction.objects.filter(account__tenancy=old, kind=Kind.RENT).count() == 2
    )  # this week and last
    assert RentAccount.objects.count() == 2
    for name in ("rents.payment_plans", "rents.arrears_review", "rents.quarterly_statements"):
        assert "error" not in run_sweep(name, now=now, force=True).result


def test_the_officer_is_reminded_when_a_cases_next_step_is_due_soon():
    income = UserFactory(role=Role.INCOME_OFFICER, email="ines@example.org")
    case = behind(income)
    send_due_soon_reminders(now=timezone.now() + timedelta(days=2))
    assert Message.objects.filter(
        purpose="due_reminder_staff", staff_recipient=income, case_id=str(case.pk)
    ).exists()
