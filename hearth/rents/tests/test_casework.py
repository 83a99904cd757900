from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hearth.contacts.models import Contact
from hearth.core.models import Message, TimelineEvent
from hearth.rents.models import (
    ArrearsCase,
    BenefitKind,
    ClaimStatus,
    Kind,
    PlanStatus,
    Stage,
    Statement,
)
from hearth.rents.services import benefits, casework, recovery
from hearth.rents.services.advice import (
    offer_money_advice,
    open_offer_tasks,
    record_referral_outcome,
    refer_for_advice,
)
from hearth.rents.services.statements import (
    last_complete_quarter,
    send_quarterly_statements,
    send_statement,
)
from hearth.rents.tests.factories import make_account, pay, post, pretend_today
from hearth.tenancies.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = Decimal


def in_arrears(start: date = date(2025, 4, 7)) -> ArrearsCase:
    """An account that fell into arrears on the second Monday (owing two weeks' rent)."""
    account = make_account(start=start, weekly_rent="100.00")
    post(account, start, Kind.RENT, "100.00")
    post(account, start + timedelta(days=7), Kind.RENT, "100.00")
    return ArrearsCase.objects.get(account=account)


def fresh(case: ArrearsCase) -> ArrearsCase:
    return ArrearsCase.objects.get(pk=case.pk)


def test_an_arrears_contact_is_logged_for_the_tenancy_and_starts_the_support_stage(
    officer, monkeypatch
):
    pretend_today(monkeypatch, date(2025, 4, 15))
    case = in_arrears()
    casework.record_arrears_contact(
        case=case,
        channel="phone",
        actor=officer,
        notes="Lost hours at work",
        signposted_advice=True,
    )
    contact = Contact.objects.get()
    assert (contact.case_type, contact.case_ref, contact.purpose, contact.channel) == (
        "tenancy",
        case.account.tenancy.ref,
        "arrears",
        "phone",
    )
    case = fresh(case)
    assert case.first_contacted_on == date(2025, 4, 15) and case.stage == Stage.SUPPORT
    assert case.advice_signposted_on == date(2025, 4, 15)
    assert case.next_action == "check_vulnerability"
    assert TimelineEvent.objects.filter(verb="contacted").exists()


def test_agreeing_a_plan_writes_to_each_named_tenant_and_counts_as_contact(officer, monkeypatch):
    pretend_today(monkeypatch, date(2025, 4, 16))
    case = in_arrears()
    from hearth.tenancies.models import MemberRole, TenancyMember

    TenancyMember.objects.create(
        tenancy=case.account.tenancy, person=PersonFactory(), role=MemberRole.JOINT_TENANT
    )
    plan = casework.agree_payment_plan(
        case=case, weekly_instalment=D("10.00"), starts_on=date(2025, 4, 21), actor=officer
    )
    assert plan.balance_at_start == D("200.00") and plan.status == PlanStatus.ACTIVE
    messages = Message.objects.filter(purpose="rent_payment_plan")
    assert messages.count() == 2
    assert "£110.00 a week" in messages.first().body
    assert fresh(case).first_contacted_on == date(2025, 4, 16)
    assert fresh(case).next_action in ("check_vulnerability", "signpost_advice", "send_statement")


def test_a_plan_that_is_not_kept_is_marked_broken_and_the_officer_is_told(officer, monkeypatch):
    pretend_today(monkeypatch, date(2025, 4, 16))
    case = in_arrears()
    casework.assign_case(case=case, owner=officer, actor=officer)
    casework.record_arrears_contact(
        case=case, channel="phone", actor=officer, signposted_advice=True
    )
    casework.record_vulnerability_check(case=fresh(case), vulnerable=False, notes="", actor=officer)
    send_statement(account=case.account, period_from=date(2025, 4, 7), period_to=date(2025, 4, 15))
    plan = casework.agree_payment_plan(
        case=fresh(case), weekly_instalment=D("10.00"), starts_on=date(2025, 4, 21), actor=officer
    )
    assert fresh(case).next_action == "monitor_plan"
    account = case.account
    post(account, date(2025, 4, 21), Kind.RENT, "100.00")
    pay(account, date(2025, 4, 22), "110.00")  # kept in week 1: balance 190
    post(account, date(2025, 4, 28), Kind.RENT, "100.00")  # nothing paid in week 2: 290
    pretend_today(monkeypatch, date(2025, 5, 5))
    post(account, date(2025, 5, 5), Kind.RENT, "100.00")  # 390
    # Two weeks in: expected 180; grace 110 allows 290; the balance is 390.
    assert casework.check_payment_plans(today=date(2025, 5, 5)) == {"checked": 1, "broken": 1}
    plan.refresh_from_db(fields=["ended_on"])
    from hearth.rents.models import PaymentPlan

    assert PaymentPlan.objects.get(pk=plan.pk).status == PlanStatus.BROKEN
    assert Message.objects.filter(
        purpose="rent_plan_broken_staff", staff_recipient=officer
    ).exists()
    assert fresh(case).next_action == "contact_about_broken_plan"


def test_a_notice_is_refused_while_a_benefit_claim_is_pending(officer, monkeypatch):
    pretend_today(monkeypatch, date(2025, 6, 20))
    case = in_arrears(start=date(2025, 4, 7))
    casework.record_arrears_contact(
        case=case,
        channel="phone",
        actor=officer,
        signposted_advice=True,
        asked_for_income_expenditure=True,
        contacted_on=date(2025, 4, 15),
    )
    casework.record_vulnerability_check(case=case, vulnerable=False, notes="", actor=officer)
    send_statement(account=case.account, period_from=date(2025, 4, 7), period_to=date(2025, 6, 19))
    claim = benefits.record_benefit_claim(
        account=case.account,
        kind=BenefitKind.UNIVERSAL_CREDIT,
        claimed_on=date(2025, 6, 1),
        actor=officer,
    )
    with pytest.raises(ValidationError, match="benefit claim"):
        recovery.serve_notice(case=fresh(case), served_on=date(2025, 6, 20), actor=officer)
    benefits.decide_benefit_claim(
        claim=claim, status=ClaimStatus.REFUSED, decided_on=date(2025, 6, 18), actor=officer
    )
    recovery.serve_notice(case=fresh(case), served_on=date(2025, 6, 20), actor=officer)
    assert fresh(case).stage == Stage.NOTICE


def test_a_notice_is_refused_while_a_plan_is_kept_and_court_needs_28_days_and_a_contact_after_the_notice(
    officer, monkeypatch
):
    pretend_today(monkeypatch, date(2025, 6, 20))
    case = in_arrears(start=date(2025, 4, 7))
    casework.record_arrears_contact(
        case=case,
        channel="visit",
        actor=officer,
        signposted_advice=True,
        contacted_on=date(2025, 4, 15),
    )
    casework.record_vulnerability_check(case=case, vulnerable=False, notes="", actor=officer)
    send_statement(account=case.account, period_from=date(2025, 4, 7), period_to=date(2025, 6, 19))
    casework.agree_payment_plan(
        case=fresh(case), weekly_instalment=D("5.00"), starts_on=date(2025, 6, 23), actor=officer
    )
    with pytest.raises(ValidationError, match="payment plan"):
        recovery.serve_notice(case=fresh(case), served_on=date(2025, 6, 20), actor=officer)
    recovery.close_case(case=fresh(case), reason="test", actor=officer)
    other = in_arrears(start=date(2025, 4, 7))
    casework.record_arrears_contact(
        case=other,
        channel="visit",
        actor=officer,
        signposted_advice=True,
        contacted_on=date(2025, 4, 15),
    )
    casework.record_vulnerability_check(case=other, vulnerable=False, notes="", actor=officer)
    send_statement(account=other.account, period_from=date(2025, 4, 7), period_to=date(2025, 6, 19))
    recovery.serve_notice(case=fresh(other), served_on=date(2025, 5, 1), actor=officer)
    with pytest.raises(ValidationError, match="after serving the notice"):
        recovery.refer_to_court(case=fresh(other), referred_on=date(2025, 6, 20), actor=officer)
    casework.record_arrears_contact(
        case=fresh(other), channel="phone", actor=officer, contacted_on=date(2025, 5, 6)
    )
    with pytest.raises(ValidationError, match="28 days"):
        recovery.refer_to_court(case=fresh(other), referred_on=date(2025, 5, 20), actor=officer)
    recovery.refer_to_court(case=fresh(other), referred_on=date(2025, 6, 20), actor=officer)
    assert fresh(other).stage == Stage.COURT


def test_arrears_letters_go_in_order_and_are_recorded_as_letter_contacts(officer, monkeypatch):
    pretend_today(monkeypatch, date(2025, 4, 16))
    case = in_arrears()
    with pytest.raises(ValidationError):
        recovery.send_arrears_letter(case=case, number=2, actor=officer)
    recovery.send_arrears_letter(case=case, number=1, actor=officer)
    case = fresh(case)
    assert case.letter_1_on == date(2025, 4, 16) and case.stage == Stage.LETTER_1
    message = Message.objects.get(purpose="rent_arrears_letter_1")
    assert "£200.00" in message.body
    assert Contact.objects.filter(purpose="arrears").count() == 1


def test_quarterly_statements_go_once_to_every_current_tenancy(monkeypatch):
    pretend_today(monkeypatch, date(2025, 7, 1))
    account = make_account(start=date(2025, 3, 3))
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    make_account(start=date(2020, 1, 6), end=date(2025, 5, 1))
    assert last_complete_quarter(date(2025, 7, 1)) == (date(2025, 4, 1), date(2025, 6, 30))
    assert send_quarterly_statements() == {"sent": 1}
    assert send_quarterly_statements() == {"sent": 0}
    statement = Statement.objects.get()
    assert statement.closing_balance == D("100.00")
    assert "£100.00 owed" in statement.message.body


def test_every_new_tenancy_gets_a_money_advice_offer_task_due_in_20_working_days(
    officer, monkeypatch
):
    pretend_today(monkeypatch, date(2025, 4, 10))
    account = make_account(start=date(2025, 4, 7))
    make_account(start=date(2020, 4, 6))  # not new
    assert open_offer_tasks() == 1
    assert open_offer_tasks() == 0
    tenancy = account.tenancy
    assert tenancy.money_advice_offer.due_on == date(2025, 5, 8)
    offer_money_advice(tenancy=tenancy, channel="phone", actor=officer, accepted=True)
    tenancy.money_advice_offer.refresh_from_db()
    assert tenancy.money_advice_offer.offered_on == date(2025, 4, 10)
    assert Contact.objects.get().purpose == "money_advice"
    referral = refer_for_advice(
        tenancy=tenancy, topic="benefits_check", provider="In-house money advice", actor=officer
    )
    record_referral_outcome(
        referral=referral, outcome="benefits_gained", yearly_gain=D("1820.00"), actor=officer
    )
    referral.refresh_from_db()
    assert referral.outcome == "benefits_gained" and not referral.is_open
