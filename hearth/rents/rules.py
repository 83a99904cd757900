"""The rules rent and arrears work follows: the charter's clocks, the landlord's charging
conventions, and the Pre-Action Protocol for Possession Claims by Social Landlords (Part 2,
possession claims based on rent arrears), each as a small named function whose docstring
gives the rule in the protocol's words (paraphrased) and where it comes from.

`recommend_next_step` asks the protocol rules in order and returns the first step one of
them calls for, so contact, support and agreement always come before letters, and a Notice
of Seeking Possession or a court claim only at the end, and never while a benefit claim is
pending or a payment plan is being kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from hearth.core.calendar import add_working_days
from hearth.rents.models import Risk

PENNY = Decimal("0.01")
FIRST_CONTACT_WORKING_DAYS = 5
MONEY_ADVICE_WORKING_DAYS = 20
STATEMENT_WEEKS = 13
LETTER_GAP_DAYS = 14
NOTICE_MIN_WEEKS_OWED = Decimal(4)
COURT_MIN_WEEKS_OWED = Decimal(8)
NOTICE_PERIOD_DAYS = 28
DIRECT_PAYMENT_MIN_WEEKS_OWED = Decimal(8)


# -- The charter's clocks ---------------------------------------------------------------------


def first_contact_due(fell_into_arrears_on: date) -> date:
    """Charter: "Contact you if you fall into arrears to offer you advice and assistance".
    Measures spec `arrears.contacted_in_5_days`: within 5 working days of falling into
    arrears."""
    return add_working_days(fell_into_arrears_on, FIRST_CONTACT_WORKING_DAYS)


def money_advice_offer_due(tenancy_start: date) -> date:
    """Charter: "Offer advice on benefits, debt and money management to all tenants".
    Measures spec `tenancy.money_advice_offered`: within 20 working days of the start."""
    return add_working_days(tenancy_start, MONEY_ADVICE_WORKING_DAYS)


# -- Payment plans ----------------------------------------------------------------------------


def affordable_weekly_instalment(monthly_income: Decimal, monthly_outgoings: Decimal) -> Decimal:
    """Protocol para 2.2: the landlord and tenant should try to agree affordable sums towards
    the arrears, based on the tenant's income and expenditure. Hearth suggests the weekly
    equivalent of the monthly surplus (x 12 / 52), never less than nothing."""
    surplus = max(monthly_income - monthly_outgoings, Decimal(0))
    return (surplus * 12 / 52).quantize(PENNY, rounding=ROUND_HALF_UP)


def plan_is_broken(
    *,
    starts_on: date,
    balance_at_start: Decimal,
    weekly_instalment: Decimal,
    weekly_charge: Decimal,
    balance_now: Decimal,
    today: date,
) -> bool:
    """A plan is kept while the tenant pays the rent and the agreed instalment each week.

    After w whole weeks the balance should be at most `balance_at_start - w x instalment`.
    Rent is charged in advance, so this week's charge and one instalment are allowed as
    grace: the plan is broken when the balance is more than that above where it should be.
    Nothing is judged before the first whole week has passed.
    """
    weeks = (today - starts_on).days // 7
    if weeks < 1:
        return False
    expected = balance_at_start - weeks * weekly_instalment
    return balance_now > expected + weekly_charge + weekly_instalment


# -- The Pre-Action Protocol -----------------------------------------------------------------


class Step(StrEnum):
    CONTACT = "contact"
    CHECK_VULNERABILITY = "check_vulnerability"
    SIGNPOST_ADVICE = "signpost_advice"
    SEND_STATEMENT = "send_statement"
    INCOME_EXPENDITURE = "income_expenditure"
    AGREE_PLAN = "agree_plan"
    SUPPORT_BENEFIT_CLAIM = "support_benefit_claim"
    REQUEST_DIRECT_PAYMENT = "request_direct_payment"
    MONITOR_PLAN = "monitor_plan"
    CONTACT_ABOUT_BROKEN_PLAN = "contact_about_broken_plan"
    LETTER_1 = "letter_1"
    LETTER_2 = "letter_2"
    SERVE_NOTICE = "serve_notice"
    CONTACT_AFTER_NOTICE = "contact_after_notice"
    REFER_TO_COURT = "refer_to_court"
    REVIEW = "review"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]

    @property
    def is_legal_action(self) -> bool:
        return self in (Step.SERVE_NOTICE, Step.REFER_TO_COURT)


STEP_LABELS = {
    Step.CONTACT: "Contact the tenant about the arrears",
    Step.CHECK_VULNERABILITY: "Check whether the tenant is vulnerable",
    Step.SIGNPOST_ADVICE: "Signpost free, independent money advice",
    Step.SEND_STATEMENT: "Send a rent statement",
    Step.INCOME_EXPENDITURE: "Ask for an income and expenditure statement",
    Step.AGREE_PLAN: "Agree an affordable payment plan",
    Step.SUPPORT_BENEFIT_CLAIM: "Help with the pending benefit claim",
    Step.REQUEST_DIRECT_PAYMENT: "Ask DWP or the council to pay housing costs direct",
    Step.MONITOR_PLAN: "Payment plan being kept: no action",
    Step.CONTACT_ABOUT_BROKEN_PLAN: "Contact the tenant about the missed plan payments",
    Step.LETTER_1: "Send the first arrears letter",
    Step.LETTER_2: "Send the second arrears letter",
    Step.SERVE_NOTICE: "Serve a Notice of Seeking Possession",
    Step.CONTACT_AFTER_NOTICE: "Contact the tenant after the notice",
    Step.REFER_TO_COURT: "Refer for a possession claim (last resort)",
    Step.REVIEW: "Review the case",
}


class PlanState(StrEnum):
    NONE = "none"
    KEPT = "kept"
    BROKEN = "broken"


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about an arrears case, as of `today`."""

    today: date
    opened_on: date
    first_contact_due: date
    balance: Decimal
    weekly_charge: Decimal
    first_contacted_on: date | None = None
    last_contacted_on: date | None = None
    vulnerability_checked_on: date | None = None
    vulnerable: bool = False
    advice_signposted_on: date | None = None
    last_statement_on: date | None = None
    income_expenditure_on: date | None = None
    income_expenditure_requested_on: date | None = None
    plan: PlanState = PlanState.NONE
    plan_changed_on: date | None = None
    benefit_claim_pending: bool = False
    benefit_paid_to_tenant: bool = False
    direct_payment_requested_on: date | None = None
    letter_1_on: date | None = None
    letter_2_on: date | None = None
    notice_served_on: date | None = None
    court_referred_on: date | None = None

    @property
    def weeks_owed(self) -> Decimal:
        if self.weekly_charge <= 0:
            return Decimal(99) if self.balance > 0 else Decimal(0)
        return (self.balance / self.weekly_charge).quantize(Decimal("0.1"))

    @property
    def contacted(self) -> date:
        """The first contact date, or the due date while no contact has been made."""
        return self.first_contacted_on or self.first_contact_due


@dataclass(frozen=True)
class Recommendation:
    step: Step
    due: date | None
    why: str

    @property
    def label(self) -> str:
        return self.step.label


Rule = Callable[[CaseFacts], Recommendation | None]


def contact_tenant_promptly(facts: CaseFacts) -> Recommendation | None:
    """Protocol para 2.1: the landlord should contact the tenant as soon as reasonably
    possible after they fall into arrears, to discuss the cause of the arrears, their
    financial circumstances, their entitlement to benefits and repaying the arrears; a
    letter should go separately to each named tenant. (The charter's clock: 5 working
    days.)"""
    if facts.first_contacted_on is None:
        return Recommendation(
            Step.CONTACT, facts.first_contact_due, contact_tenant_promptly.__doc__ or ""
        )
    return None


def consider_vulnerability(facts: CaseFacts) -> Recommendation | None:
    """Protocol (communication and vulnerability): if the landlord knows the tenant is
    under 18, particularly vulnerable, or has difficulty reading or understanding, it should
    consider at an early stage their capacity to defend a claim, any Equality Act 2010
    issues and, for a council landlord, a community care assessment, and make sure the
    tenant understands what they are sent."""
    if facts.vulnerability_checked_on is None:
        return Recommendation(
            Step.CHECK_VULNERABILITY,
            add_working_days(facts.contacted, 5),
            consider_vulnerability.__doc__ or "",
        )
    return None


def advise_free_money_advice(facts: CaseFacts) -> Recommendation | None:
    """Protocol, Part 2, initial contact: rent arrears may be part of a wider debt problem,
    so the landlord should advise the tenant to get help from Citizens Advice, a debt advice
    agency or another appropriate agency as soon as possible."""
    if facts.advice_signposted_on is None:
        return Recommendation(
            Step.SIGNPOST_ADVICE,
            add_working_days(facts.contacted, 5),
            advise_free_money_advice.__doc__ or "",
        )
    return None


def provide_quarterly_statements(facts: CaseFacts) -> Recommendation | None:
    """Protocol para 2.3: the landlord should give the tenant rent statements every quarter,
    in a form they can understand, showing the rent due and the sums received for the past
    13 weeks (and, when asked, statements from when the arrears first arose)."""
    if facts.last_statement_on is None:
        return Recommendation(
            Step.SEND_STATEMENT,
            add_working_days(facts.contacted, 5),
            provide_quarterly_statements.__doc__ or "",
        )
    due = facts.last_statement_on + timedelta(weeks=STATEMENT_WEEKS)
    if facts.today >= due:
        return Recommendation(Step.SEND_STATEMENT, due, provide_quarterly_statements.__doc__ or "")
    return None


def agree_affordable_payments(facts: CaseFacts) -> Recommendation | None:
    """Protocol para 2.2: the landlord and tenant should try to agree affordable sums
    towards the arrears, based on the tenant's income and expenditure where the tenant has
    given it, and the landlord should set out clearly any time limits the tenant must meet."""
    if facts.plan is not PlanState.NONE:
        return None
    if facts.income_expenditure_on is None and facts.income_expenditure_requested_on is None:
        return Recommendation(
            Step.INCOME_EXPENDITURE,
            add_working_days(facts.contacted, 10),
            agree_affordable_payments.__doc__ or "",
        )
    asked = facts.income_expenditure_on or facts.income_expenditure_requested_on
    assert asked is not None
    if facts.letter_1_on is None:
        return Recommendation(
            Step.AGREE_PLAN, add_working_days(asked, 10), agree_affordable_payments.__doc__ or ""
        )
    return None


def postpone_while_agreement_kept(facts: CaseFacts) -> Recommendation | None:
    """Protocol, Part 2, after service of statutory notices: if the tenant keeps to an
    agreement to pay the current rent and a reasonable amount towards the arrears, the
    landlord should postpone court proceedings for as long as the agreement is kept. If the
    tenant stops keeping to it, the landlord should warn them that proceedings will be
    brought and give clear time limits to put it right."""
    if facts.plan is PlanState.KEPT:
        return Recommendation(Step.MONITOR_PLAN, None, postpone_while_agreement_kept.__doc__ or "")
    if facts.plan is PlanState.BROKEN and facts.plan_changed_on is not None:
        contacted_since = (
            facts.last_contacted_on is not None and facts.last_contacted_on >= facts.plan_changed_on
        )
        if not contacted_since:
            return Recommendation(
                Step.CONTACT_ABOUT_BROKEN_PLAN,
                add_working_days(facts.plan_changed_on, 5),
                postpone_while_agreement_kept.__doc__ or "",
            )
    return None


def no_proceedings_while_benefit_claim_pending(facts: CaseFacts) -> Recommendation | None:
    """Protocol, Part 2, initial contact (housing benefit): possession proceedings for rent
    arrears should not be started against a tenant who can show they have given the council
    all the evidence needed to decide a housing benefit claim, can reasonably expect to be
    eligible, and have paid the other sums due that benefit does not cover. The landlord
    should offer to help with any claim for housing benefit, discretionary housing payment
    or universal credit (housing element), and work with the tenant and the benefit office
    to sort out any problems."""
    if facts.benefit_claim_pending:
        anchor = facts.last_contacted_on or facts.contacted
        return Recommendation(
            Step.SUPPORT_BENEFIT_CLAIM,
            add_working_days(anchor, 10),
            no_proceedings_while_benefit_claim_pending.__doc__ or "",
        )
    return None


def arrange_direct_payment(facts: CaseFacts) -> Recommendation | None:
    """Protocol, Part 2, initial contact: if the tenant meets the criteria, the landlord
    should arrange for the arrears to be paid by the Department for Work and Pensions from
    the tenant's benefit (for Universal Credit, a managed payment to the landlord). Hearth
    asks once the tenant's housing costs are paid to them and they owe 8 weeks or more."""
    if (
        facts.benefit_paid_to_tenant
        and facts.direct_payment_requested_on is None
        and facts.weeks_owed >= DIRECT_PAYMENT_MIN_WEEKS_OWED
    ):
        return Recommendation(
            Step.REQUEST_DIRECT_PAYMENT,
            add_working_days(facts.today, 5),
            arrange_direct_payment.__doc__ or "",
        )
    return None


def warning_letters(facts: CaseFacts) -> Recommendation | None:
    """Protocol para 2.2: time limits the tenant must meet are set out clearly in writing
    before any action. Hearth's letters: the first says what is owed and asks the tenant to
    get in touch; the second, at least 14 days later, warns that a notice may follow."""
    anchor = facts.last_contacted_on or facts.contacted
    if facts.letter_1_on is None:
        return Recommendation(
            Step.LETTER_1, add_working_days(anchor, 10), warning_letters.__doc__ or ""
        )
    if facts.letter_2_on is None:
        return Recommendation(
            Step.LETTER_2,
            facts.letter_1_on + timedelta(days=LETTER_GAP_DAYS),
            warning_letters.__doc__ or "",
        )
    return None


def contact_after_notice_served(facts: CaseFacts) -> Recommendation | None:
    """Protocol, Part 2, after service of statutory notices: after serving a statutory
    notice but before issuing proceedings, the landlord should make reasonable attempts to
    contact the tenant to discuss the amount and cause of the arrears, repaying them and the
    housing benefit position."""
    notice = facts.notice_served_on
    if notice is not None and (
        facts.last_contacted_on is None or facts.last_contacted_on <= notice
    ):
        return Recommendation(
            Step.CONTACT_AFTER_NOTICE,
            add_working_days(notice, 10),
            contact_after_notice_served.__doc__ or "",
        )
    return None


def court_as_last_resort(facts: CaseFacts) -> Recommendation | None:
    """Protocol, Part 1: court proceedings should be the landlord's last resort, and should
    not be started while a settlement out of court is still being actively explored. So:
    a Notice of Seeking Possession only after both letters, when 4 weeks or more are owed;
    a claim only once the notice's 28 days have passed, the tenant has been contacted since,
    and 8 weeks or more are still owed."""
    assert facts.letter_2_on is not None
    if facts.notice_served_on is None:
        due = facts.letter_2_on + timedelta(days=LETTER_GAP_DAYS)
        if facts.weeks_owed >= NOTICE_MIN_WEEKS_OWED:
            return Recommendation(Step.SERVE_NOTICE, due, court_as_last_resort.__doc__ or "")
        return Recommendation(Step.REVIEW, due, court_as_last_resort.__doc__ or "")
    if facts.court_referred_on is not None:
        return Recommendation(Step.REVIEW, None, court_as_last_resort.__doc__ or "")
    earliest = facts.notice_served_on + timedelta(days=NOTICE_PERIOD_DAYS)
    if facts.today >= earliest and facts.weeks_owed >= COURT_MIN_WEEKS_OWED:
        return Recommendation(Step.REFER_TO_COURT, earliest, court_as_last_resort.__doc__ or "")
    return Recommendation(Step.REVIEW, earliest, court_as_last_resort.__doc__ or "")


# In the order they are asked: help and agreement first, escalation last.
PROTOCOL: tuple[Rule, ...] = (
    contact_tenant_promptly,
    consider_vulnerability,
    advise_free_money_advice,
    provide_quarterly_statements,
    arrange_direct_payment,
    postpone_while_agreement_kept,
    agree_affordable_payments,
    no_proceedings_while_benefit_claim_pending,
    warning_letters,
    contact_after_notice_served,
    court_as_last_resort,
)


def legal_action_barriers(facts: CaseFacts) -> list[str]:
    """Why a Notice of Seeking Possession or a possession claim must not go ahead now, in
    words for the officer. Empty when nothing stands in the way."""
    reasons = []
    if facts.benefit_claim_pending:
        reasons.append(
            "A benefit claim is waiting for a decision: the Pre-Action Protocol says not to "
            "start proceedings while it is pending."
        )
    if facts.plan is PlanState.KEPT:
        reasons.append(
            "The tenant is keeping to a payment plan: the Pre-Action Protocol says to postpone "
            "proceedings while it is kept."
        )
    if facts.first_contacted_on is None:
        reasons.append("Nobody has contacted the tenant about the arrears yet.")
    if facts.advice_signposted_on is None:
        reasons.append("The tenant has not been told where to get free money advice.")
    if facts.vulnerability_checked_on is None:
        reasons.append("Nobody has checked whether the tenant is vulnerable.")
    if facts.last_statement_on is None:
        reasons.append("The tenant has not been sent a rent statement.")
    return reasons


def recommend_next_step(facts: CaseFacts) -> Recommendation:
    """The first step the protocol's rules call for. Never a legal step while a benefit
    claim is pending or a payment plan is being kept."""
    for rule in PROTOCOL:
        found = rule(facts)
        if found is not None:
            if found.step.is_legal_action and legal_action_barriers(facts):
                return Recommendation(
                    Step.REVIEW, found.due, " ".join(legal_action_barriers(facts))
                )
            return found
    return Recommendation(Step.REVIEW, None, "")


def assess_risk(facts: CaseFacts) -> tuple[int, Risk]:
    """How urgent a case is, for the income officer's queue: mostly how many weeks' charge
    is owed, more for a broken plan, an overdue first contact or a notice served, less while
    a plan is kept. High from 50, medium from 25."""
    weeks = facts.weeks_owed
    score = 50 if weeks >= 8 else 30 if weeks >= 4 else 15 if weeks >= 2 else 5
    if facts.plan is PlanState.BROKEN:
        score += 20
    if facts.first_contacted_on is None and facts.today > facts.first_contact_due:
        score += 15
    if facts.vulnerable:
        score += 10
    if facts.notice_served_on is not None:
        score += 10
    if facts.plan is PlanState.KEPT:
        score -= 15
    score = max(score, 0)
    level = Risk.HIGH if score >= 50 else Risk.MEDIUM if score >= 25 else Risk.LOW
    return score, level
