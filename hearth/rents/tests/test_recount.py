"""A closure day added or removed moves the due dates rent work stores (worked by hand: June
2025 has no bank holidays)."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.core import services as core_services
from hearth.rents.models import ArrearsCase, Kind, MoneyAdviceOffer
from hearth.rents.services.advice import open_offer_tasks
from hearth.rents.tests.factories import make_account, post, pretend_today

pytestmark = pytest.mark.django_db


def test_a_closure_day_moves_an_open_arrears_cases_first_contact_and_next_step(
    admin_user, monkeypatch
):
    pretend_today(monkeypatch, date(2025, 6, 10))
    account = make_account(start=date(2025, 6, 2), weekly_rent="100.00")
    post(account, date(2025, 6, 2), Kind.RENT, "100.00")
    post(account, date(2025, 6, 9), Kind.RENT, "100.00")  # owes two weeks: in arrears
    case = ArrearsCase.objects.get(account=account)
    # 5 working days from Monday 9 June: 10, 11, 12, 13 and 16 June.
    assert (case.opened_on, case.first_contact_due) == (date(2025, 6, 9), date(2025, 6, 16))
    assert case.next_action_due == date(2025, 6, 16)

    closure = core_services.add_closure_day(
        day=date(2025, 6, 12), reason="Office move", actor=admin_user
    )

    case = ArrearsCase.objects.get(pk=case.pk)
    assert (case.first_contact_due, case.next_action_due) == (date(2025, 6, 17), date(2025, 6, 17))

    core_services.remove_closure_day(closure_day=closure, actor=admin_user)

    case = ArrearsCase.objects.get(pk=case.pk)
    assert (case.first_contact_due, case.next_action_due) == (date(2025, 6, 16), date(2025, 6, 16))


def test_a_closure_day_moves_a_money_advice_offer_not_yet_made(admin_user):
    account = make_account(start=date(2025, 6, 2))
    open_offer_tasks(today=date(2025, 6, 2))
    offer = MoneyAdviceOffer.objects.get(tenancy=account.tenancy)
    # 20 working days from Monday 2 June: 3-6, 9-13, 16-20, 23-27 and 30 June.
    assert offer.due_on == date(2025, 6, 30)

    core_services.add_closure_day(day=date(2025, 6, 11), reason="Office move", actor=admin_user)

    offer.refresh_from_db()
    assert offer.due_on == date(2025, 7, 1)
