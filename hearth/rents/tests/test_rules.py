"""Each rule by name, and the promise that holds across them all: never legal action while a
benefit claim is pending or a payment plan is being kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.rents import rules
from hearth.rents.rules import CaseFacts, PlanState, Step

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = date(2025, 6, 2)

# A case where every early step has been taken and the tenant has not engaged.
WORKED = CaseFacts(
    today=TODAY,
    opened_on=date(2025, 3, 3),
    first_contact_due=date(2025, 3, 10),
    balance=D("1200.00"),
    weekly_charge=D("100.00"),
    first_contacted_on=date(2025, 3, 4),
    last_contacted_on=date(2025, 3, 4),
    vulnerability_checked_on=date(2025, 3, 5),
    advice_signposted_on=date(2025, 3, 4),
    last_statement_on=date(2025, 4, 1),
    income_expenditure_requested_on=date(2025, 3, 4),
    letter_1_on=date(2025, 4, 1),
    letter_2_on=date(2025, 4, 15),
)
NEW = CaseFacts(
    today=TODAY,
    opened_on=TODAY,
    first_contact_due=date(2025, 6, 9),
    balance=D("250.00"),
    weekly_charge=D("100.00"),
)


def test_first_contact_due_is_5_working_days_after_falling_into_arrears():
    assert rules.first_contact_due(date(2025, 4, 14)) == date(2025, 4, 23)  # over Easter
    # 23, 24, (25 and 26 are bank holidays), 29, 30, 31 December.
    assert rules.first_contact_due(date(2025, 12, 22)) == date(2025, 12, 31)


def test_money_advice_offer_due_is_20_working_days_after_the_start():
    # 18 and 21 April (Easter) and 5 May are bank holidays: the 20th working day is 8 May.
    assert rules.money_advice_offer_due(date(2025, 4, 7)) == date(2025, 5, 8)


def test_contact_tenant_promptly():
    assert rules.contact_tenant_promptly(NEW) == rules.Recommendation(
        Step.CONTACT, date(2025, 6, 9), rules.contact_tenant_promptly.__doc__ or ""
    )
    assert rules.contact_tenant_promptly(WORKED) is None


def test_consider_vulnerability():
    facts = replace(WORKED, vulnerability_checked_on=None)
    found = rules.consider_vulnerability(facts)
    assert found is not None and found.step is Step.CHECK_VULNERABILITY
    assert found.due == date(2025, 3, 11)


def test_advise_free_money_advice():
    found = rules.advise_free_money_advice(replace(WORKED, advice_signposted_on=None))
    assert found is not None and found.step is Step.SIGNPOST_ADVICE


def test_provide_quarterly_statements():
    assert rules.provide_quarterly_statements(WORKED) is None
    stale = replace(WORKED, last_statement_on=TODAY - timedelta(weeks=13))
    found = rules.provide_quarterly_statements(stale)
    assert found is not None and found.step is Step.SEND_STATEMENT and found.due == TODAY


def test_agree_affordable_payments():
    asked = replace(WORKED, letter_1_on=None, letter_2_on=None)
    found = rules.agree_affordable_payments(asked)
    assert found is not None and found.step is Step.AGREE_PLAN
    found = rules.agree_affordable_payments(replace(asked, income_expenditure_requested_on=None))
    assert found is not None and found.step is Step.INCOME_EXPENDITURE


def test_affordable_weekly_instalment_is_the_weekly_surplus():
    assert rules.affordable_weekly_instalment(D("1500.00"), D("1413.33")) == D("20.00")
    assert rules.affordable_weekly_instalment(D("900.00"), D("1000.00")) == D("0.00")


def test_postpone_while_agreement_kept():
    found = rules.postpone_while_agreement_kept(
        replace(WORKED, plan=PlanState.KEPT, plan_changed_on=date(2025, 5, 1))
    )
    assert found is not None and found.step is Step.MONITOR_PLAN and found.due is None
    broken = replace(WORKED, plan=PlanState.BROKEN, plan_changed_on=date(2025, 5, 20))
    found = rules.postpone_while_agreement_kept(broken)
    assert found is not None and found.step is Step.CONTACT_ABOUT_BROKEN_PLAN
    assert (
        rules.postpone_while_agreement_kept(replace(broken, last_contacted_on=date(2025, 5, 21)))
        is None
    )


def test_no_proceedings_while_benefit_claim_pending():
    found = rules.no_proceedings_while_benefit_claim_pending(
        replace(WORKED, benefit_claim_pending=True)
    )
    assert found is not None and found.step is Step.SUPPORT_BENEFIT_CLAIM
    assert (
        rules.recommend_next_step(replace(WORKED, benefit_claim_pending=True)).step
        is Step.SUPPORT_BENEFIT_CLAIM
    )


def test_arrange_direct_payment():
    facts = replace(WORKED, benefit_paid_to_tenant=True)
    found = rules.arrange_direct_payment(facts)
    assert found is not None and found.step is Step.REQUEST_DIRECT_PAYMENT
    assert rules.arrange_direct_payment(replace(facts, balance=D("500.00"))) is None


def test_warning_letters():
    found = rules.warning_letters(replace(WORKED, letter_1_on=None, letter_2_on=None))
    assert found is not None and found.step is Step.LETTER_1
    found = rules.warning_letters(replace(WORKED, letter_2_on=None))
    assert found is not None and found.step is Step.LETTER_2 and found.due == date(2025, 4, 15)


def test_court_as_last_resort_serves_a_notice_only_after_both_letters_and_4_weeks_owed():
    assert rules.recommend_next_step(WORKED).step is Step.SERVE_NOTICE
    assert rules.recommend_next_step(replace(WORKED, balance=D("350.00"))).step is Step.REVIEW


def test_contact_after_notice_served():
    served = replace(WORKED, notice_served_on=date(2025, 5, 1))
    assert rules.recommend_next_step(served).step is Step.CONTACT_AFTER_NOTICE


def test_court_as_last_resort_refers_to_court_only_28_days_after_the_notice():
    served = replace(
        WORKED, notice_served_on=date(2025, 5, 10), last_contacted_on=date(2025, 5, 12)
    )
    assert rules.recommend_next_step(served).step is Step.REVIEW  # 23 days on
    later = replace(served, today=date(2025, 6, 7))
    assert rules.recommend_next_step(later).step is Step.REFER_TO_COURT
    assert rules.recommend_next_step(replace(later, balance=D("700.00"))).step is Step.REVIEW


def test_the_ladder_starts_with_contact_and_help():
    assert rules.recommend_next_step(NEW).step is Step.CONTACT
    contacted = replace(NEW, first_contacted_on=TODAY, last_contacted_on=TODAY)
    assert rules.recommend_next_step(contacted).step is Step.CHECK_VULNERABILITY


def test_plan_is_broken_when_more_than_a_weeks_charge_and_an_instalment_behind():
    plan = {
        "starts_on": date(2025, 5, 5),
        "balance_at_start": D("400.00"),
        "weekly_instalment": D("10.00"),
        "weekly_charge": D("100.00"),
    }
    # Two weeks on, the balance should be 380; grace 110 allows up to 490.
    assert not rules.plan_is_broken(**plan, balance_now=D("490.00"), today=date(2025, 5, 19))
    assert rules.plan_is_broken(**plan, balance_now=D("490.01"), today=date(2025, 5, 19))
    assert not rules.plan_is_broken(**plan, balance_now=D("900.00"), today=date(2025, 5, 11))


def test_risk_is_high_for_8_weeks_owed_and_lower_while_a_plan_is_kept():
    assert rules.assess_risk(WORKED)[1] == "high"
    assert rules.assess_risk(replace(WORKED, plan=PlanState.KEPT, balance=D("450.00")))[1] == "low"


facts_strategy = st.builds(
    CaseFacts,
    today=st.just(TODAY),
    opened_on=st.just(date(2025, 1, 6)),
    first_contact_due=st.just(date(2025, 1, 13)),
    balance=st.decimals(min_value=1, max_value=5000, places=2),
    weekly_charge=st.decimals(min_value=50, max_value=200, places=2),
    first_contacted_on=st.one_of(st.none(), st.just(date(2025, 1, 7))),
    last_contacted_on=st.one_of(st.none(), st.dates(date(2025, 1, 7), TODAY)),
    vulnerability_checked_on=st.one_of(st.none(), st.just(date(2025, 1, 8))),
    advice_signposted_on=st.one_of(st.none(), st.just(date(2025, 1, 8))),
    last_statement_on=st.one_of(st.none(), st.dates(date(2025, 1, 1), TODAY)),
    income_expenditure_requested_on=st.one_of(st.none(), st.just(date(2025, 1, 8))),
    plan=st.sampled_from(list(PlanState)),
    plan_changed_on=st.one_of(st.none(), st.dates(date(2025, 1, 8), TODAY)),
    benefit_claim_pending=st.booleans(),
    benefit_paid_to_tenant=st.booleans(),
    letter_1_on=st.one_of(st.none(), st.just(date(2025, 2, 3))),
    letter_2_on=st.one_of(st.none(), st.just(date(2025, 2, 17))),
    notice_served_on=st.one_of(st.none(), st.dates(date(2025, 3, 1), TODAY)),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(facts_strategy)
def test_legal_action_is_never_recommended_while_a_claim_is_pending_or_a_plan_is_kept(facts):
    step = rules.recommend_next_step(facts).step
    if facts.benefit_claim_pending or facts.plan is PlanState.KEPT:
        assert not step.is_legal_action
    if step.is_legal_action:
        assert rules.legal_action_barriers(facts) == []
