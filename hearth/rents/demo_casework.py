"""The demo landlord's arrears work and money advice, made in bulk from the year's arrears
episodes and new tenancies: contacts (most within 5 working days), cases with the protocol's
steps taken so far, payment plans, pending benefit claims, money advice offers with
referrals and outcomes, and last quarter's statements."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from hearth.contacts.models import Contact, Direction
from hearth.core import bulk, formats
from hearth.core.calendar import working_days_in
from hearth.core.demo import DemoContext
from hearth.rents.bulk import update_rows
from hearth.rents.demo_payments import money
from hearth.rents.models import (
    AdviceReferral,
    ArrearsCase,
    ArrearsEpisode,
    BenefitClaim,
    BenefitKind,
    CaseStatus,
    ClaimStatus,
    IncomeExpenditure,
    MoneyAdviceOffer,
    Outcome,
    PaymentPlan,
    RentAccount,
    Stage,
    Statement,
    StatementKind,
    Topic,
    Transaction,
)
from hearth.rents.rules import first_contact_due, money_advice_offer_due
from hearth.rents.services.arrears import refresh_cases, sync_cases, timeline_in_bulk
from hearth.rents.services.statements import last_complete_quarter
from hearth.rents.sums import pounds, sum_pence
from hearth.tenancies.models import Tenancy

CHANNELS = [("phone", 40), ("letter", 25), ("text", 15), ("email", 10), ("visit", 10)]
PROVIDERS = [
    "In-house money advice team",
    "Citizens Advice Hackney",
    "StepChange",
    "Hackney Money Hub",
]
NOTES = ["Reduced hours at work", "Universal Credit payment was late", "New baby, on maternity pay",
         "Forgot to renew the standing order", "Off sick from work", "Partner moved out"]  # fmt: skip


def _weighted(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def _working_day_between(rng: random.Random, start: date, end: date) -> date:
    days = working_days_in(start, end)
    return rng.choice(days) if days else start


def arrears_casework(ctx: DemoContext, rng: random.Random, first: date) -> None:
    today = ctx.today
    found = list(
        ArrearsEpisode.objects.filter(started_on__gte=first).values_list(
            "pk", "account_id", "started_on", "ended_on", "account__tenancy__ref"
        )
    )
    contacts: list[Contact] = []
    contacted_on: dict[int, date] = {}
    for pk, _account, started, ended, tenancy_ref in found:
        due = first_contact_due(started)
        chance = rng.random()
        if chance < 0.9:
            day = _working_day_between(rng, started, due)
        elif chance < 0.96:
            day = due + timedelta(days=rng.randint(1, 10))
        else:
            continue
        if day > today or (ended is not None and day > ended and chance >= 0.9):
            continue
        contacted_on[pk] = day
        contacts.append(Contact(ref=f"DEMO-ARR-{pk:07d}", case_type="tenancy", case_ref=tenancy_ref, contacted_on=day, channel=_weighted(rng, CHANNELS),
                                purpose="arrears", direction=Direction.OUTBOUND, notes=rng.choice(NOTES)))  # fmt: skip
    bulk.insert(Contact, contacts)
    closed = [
        ArrearsCase(
            ref=f"ARR-{pk:06d}",
            account_id=account,
            episode_id=pk,
            opened_on=started,
            status=CaseStatus.CLOSED,
            stage=Stage.SUPPORT,
            first_contact_due=first_contact_due(started),
            first_contacted_on=contacted_on.get(pk),
            last_contacted_on=contacted_on.get(pk),
            closed_on=ended,
            close_reason="Arrears cleared: the balance is £0.00 or in credit",
        )
        for pk, account, started, ended, _ref in found
        if ended is not None
    ]
    bulk.insert(ArrearsCase, closed)
    sync_cases(None, today=today)
    _work_open_cases(rng, today, contacted_on)


def _work_open_cases(rng: random.Random, today: date, contacted_on: dict[int, date]) -> None:
    """What the income officer has done so far on each case still open."""
    cases = list(ArrearsCase.objects.filter(status=CaseStatus.OPEN).select_related("account"))
    plans, statements, claims = [], [], []
    for case in cases:
        first = contacted_on.get(case.episode_id or 0)
        if first is None:
            continue
        case.first_contacted_on = case.last_contacted_on = first
        case.stage = Stage.SUPPORT
        weeks = (today - case.opened_on).days // 7
        if weeks >= 2:
            case.vulnerability_checked_on = first + timedelta(days=rng.randint(0, 7))
            case.vulnerable = rng.random() < 0.12
            case.advice_signposted_on = first
            case.income_expenditure_requested_on = first
        if weeks >= 3 and rng.random() < 0.45:
            agreed = first + timedelta(days=rng.randint(3, 14))
            if agreed <= today:
                income = Decimal(rng.randint(1100, 2200))
                statements.append(
                    IncomeExpenditure(
                        case=case,
                        recorded_on=agreed,
                        monthly_income=income,
                        monthly_outgoings=income - Decimal(rng.randint(40, 160)),
                    )
                )
                plans.append(PaymentPlan(case=case, agreed_on=agreed, starts_on=agreed + timedelta(days=(7 - agreed.weekday()) % 7),
                                         weekly_instalment=money(Decimal(rng.choice([5, 7.5, 10, 12.5, 15, 20]))), balance_at_start=case.account.balance))  # fmt: skip
                case.last_contacted_on = agreed
                continue
        if weeks >= 6 and rng.random() < 0.6:
            case.letter_1_on = first + timedelta(days=14)
            case.stage = Stage.LETTER_1
        if weeks >= 9 and case.letter_1_on and rng.random() < 0.5:
            case.letter_2_on = case.letter_1_on + timedelta(days=14)
            case.stage = Stage.LETTER_2
        if rng.random() < 0.06:
            claims.append(BenefitClaim(account=case.account, kind=rng.choice([BenefitKind.UNIVERSAL_CREDIT, BenefitKind.HOUSING_BENEFIT, BenefitKind.DISCRETIONARY]),
                                       status=ClaimStatus.PENDING, claimed_on=today - timedelta(days=rng.randint(3, 40))))  # fmt: skip
    fields = ["first_contacted_on", "last_contacted_on", "stage", "vulnerability_checked_on", "vulnerable", "advice_signposted_on",
              "income_expenditure_requested_on", "letter_1_on", "letter_2_on"]  # fmt: skip
    update_rows(ArrearsCase, fields, [(*(getattr(c, f) for f in fields), c.pk) for c in cases])
    bulk.insert(IncomeExpenditure, statements)
    bulk.insert(PaymentPlan, plans)
    bulk.insert(BenefitClaim, claims)
    contacted = [c for c in cases if c.first_contacted_on]
    timeline_in_bulk(
        contacted,
        "contacted",
        {
            c.pk: f"Contacted the tenant about the arrears on {formats.day(on)}"
            for c in contacted
            if (on := c.first_contacted_on) is not None
        },
    )
    planned = [p.case for p in plans]
    timeline_in_bulk(
        planned,
        "plan_agreed",
        {
            p.case.pk: f"Payment plan agreed: the rent plus {formats.money(p.weekly_instalment)} a week from {formats.day(p.starts_on)}"
            for p in plans
        },
    )
    refresh_cases(today=today)


def money_advice(ctx: DemoContext, rng: random.Random) -> None:
    """An offer task for every tenancy that started in the year; most made in time."""
    today = ctx.today
    tenancies = Tenancy.objects.filter(
        start_date__gte=today - timedelta(days=364), start_date__lte=today
    ).values_list("pk", "ref", "start_date")
    offers, contacts, referrals = [], [], []
    for pk, ref, start in tenancies:
        due = money_advice_offer_due(start)
        chance = rng.random()
        offered: date | None = None
        if chance < 0.9:
            offered = _working_day_between(rng, start, due)
        elif chance < 0.95:
            offered = due + timedelta(days=rng.randint(1, 15))
        if offered is not None and offered > today:
            offered = None
        offer = MoneyAdviceOffer(tenancy_id=pk, due_on=due, offered_on=offered)
        if offered is not None:
            channel = _weighted(
                rng, [("phone", 40), ("visit", 30), ("in_person", 20), ("email", 10)]
            )
            offer.channel, offer.accepted, offer.contact_ref = (
                channel,
                rng.random() < 0.4,
                f"DEMO-MA-{pk:07d}",
            )
            contacts.append(Contact(ref=offer.contact_ref, case_type="tenancy", case_ref=ref, contacted_on=offered, channel=channel, purpose="money_advice", direction=Direction.OUTBOUND,
                                    notes="Offered a benefits check, debt advice and budgeting help"))  # fmt: skip
            if offer.accepted:
                referred = offered + timedelta(days=rng.randint(0, 5))
                settled = referred < today - timedelta(days=30)
                outcome = (
                    rng.choice(
                        [
                            Outcome.BENEFITS_GAINED,
                            Outcome.BUDGET_PLAN,
                            Outcome.DEBT_SOLUTION,
                            Outcome.DID_NOT_ENGAGE,
                        ]
                    )
                    if settled
                    else rng.choice([Outcome.PENDING, Outcome.ENGAGED])
                )
                referrals.append(AdviceReferral(ref=f"ADV-D{pk:07d}", tenancy_id=pk, topic=rng.choice(list(Topic.values)), provider=rng.choice(PROVIDERS), referred_on=min(referred, today),
                                                outcome=outcome, outcome_on=referred + timedelta(days=rng.randint(10, 28)) if settled else None,
                                                yearly_gain=Decimal(rng.randint(300, 3200)) if outcome == Outcome.BENEFITS_GAINED else Decimal("0.00")))  # fmt: skip
        offers.append(offer)
    bulk.insert(MoneyAdviceOffer, offers, ignore_conflicts=True)
    bulk.insert(Contact, contacts)
    bulk.insert(AdviceReferral, referrals)


def statements(today: date) -> None:
    """Last quarter's statements, as sent (so the quarterly sweep has nothing left to do)."""
    period_from, period_to = last_complete_quarter(today)
    current = RentAccount.objects.filter(tenancy__start_date__lte=period_to).filter(
        Q(tenancy__end_date__isnull=True) | Q(tenancy__end_date__gte=today)
    )
    ids = list(current.values_list("pk", flat=True))
    sums = (
        Transaction.objects.filter(date__lte=period_to)
        .values_list("account_id")
        .annotate(opening=sum_pence(filter=Q(date__lt=period_from)), closing=sum_pence())
    )
    rows = list(sums.values_list("account_id", "opening", "closing"))
    opening = {pk: pounds(value) for pk, value, _ in rows}
    closing = {pk: pounds(value) for pk, _, value in rows}
    sent_at = timezone.make_aware(datetime.combine(period_to + timedelta(days=3), time(9)))
    bulk.insert(
        Statement,
        [
            Statement(
                account_id=pk,
                kind=StatementKind.QUARTERLY,
                period_from=period_from,
                period_to=period_to,
                opening_balance=opening.get(pk) or Decimal("0.00"),
                closing_balance=closing.get(pk) or Decimal("0.00"),
                sent_at=sent_at,
            )
            for pk in ids
        ],
        ignore_conflicts=True,
    )
