"""What rents holds about a person, for their subject access export: the rent accounts of the
tenancies they hold, every transaction on them, arrears cases, payment plans, benefit
claims, money advice and yearly rent changes (`hearth.core.subject_access`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from hearth.core.subject_access import Part, source
from hearth.rents.models import (
    AdviceReferral,
    ArrearsCase,
    BenefitClaim,
    MoneyAdviceOffer,
    PaymentPlan,
    RentAccount,
    RentReviewLine,
    ReviewNotice,
    ReviewStatus,
    Transaction,
)
from hearth.tenancies.queries import tenancies_held_by


@source(
    covers=[RentAccount, Transaction, ArrearsCase, PaymentPlan, BenefitClaim,
            MoneyAdviceOffer, AdviceReferral, RentReviewLine, ReviewNotice]
)  # fmt: skip
def rent(person: Any) -> Iterable[Part]:
    accounts = list(
        RentAccount.objects.filter(tenancy__in=tenancies_held_by(person)).select_related("tenancy")
    )
    yield Part(
        "rent_accounts", "Rent accounts",
        ["tenancy reference", "payment reference", "balance (owed)"],
        [[a.tenancy.ref, a.payment_reference, a.balance] for a in accounts],
    )  # fmt: skip
    yield Part(
        "rent_ledger", "Every charge and payment on their rent accounts",
        ["tenancy reference", "date", "transaction reference", "kind", "amount", "description"],
        [[t.account.tenancy.ref, t.date, t.ref, t.get_kind_display(), t.amount, t.description]
         for t in Transaction.objects.filter(account__in=accounts)
         .select_related("account__tenancy").order_by("account_id", "date", "pk")],
    )  # fmt: skip
    cases = list(ArrearsCase.objects.filter(account__in=accounts).order_by("opened_on", "pk"))
    yield Part(
        "arrears_cases", "Arrears cases",
        ["case reference", "opened on", "status", "stage", "vulnerable", "vulnerability notes"],
        [[c.ref, c.opened_on, c.get_status_display(), c.get_stage_display(), c.vulnerable,
          c.vulnerability_notes] for c in cases],
        cases=cases,
    )  # fmt: skip
    yield Part(
        "payment_plans", "Payment plans",
        ["case reference", "agreed on", "starts on", "weekly instalment", "ended on", "notes"],
        [[p.case.ref, p.agreed_on, p.starts_on, p.weekly_instalment, p.ended_on, p.notes]
         for p in PaymentPlan.objects.filter(case__in=cases).select_related("case").order_by("agreed_on", "pk")],
    )  # fmt: skip
    yield Part(
        "benefit_claims", "Benefit claims",
        ["tenancy reference", "kind", "status", "claimed on", "decided on", "reference"],
        [[b.account.tenancy.ref, b.get_kind_display(), b.get_status_display(), b.claimed_on,
          b.decided_on, b.reference]
         for b in BenefitClaim.objects.filter(account__in=accounts).select_related("account__tenancy")],
    )  # fmt: skip
    tenancies = [a.tenancy for a in accounts]
    advice: list[Sequence[Any]] = [
        [o.tenancy.ref, "offer of money advice", o.offered_on, o.channel, "", _answer(o.accepted)]
        for o in MoneyAdviceOffer.objects.filter(tenancy__in=tenancies)
        .select_related("tenancy").order_by("due_on", "pk")
    ]  # fmt: skip
    advice += [
        [r.tenancy.ref, f"referral {r.ref}", r.referred_on, r.get_topic_display(), r.provider,
         r.get_outcome_display()]
        for r in AdviceReferral.objects.filter(tenancy__in=tenancies)
        .select_related("tenancy").order_by("referred_on", "pk")
    ]  # fmt: skip
    yield Part(
        "money_advice", "Money advice offered and referrals made",
        ["tenancy reference", "what", "on", "topic or channel", "provider", "outcome"], advice,
    )  # fmt: skip
    yield Part(
        "rent_changes", "Yearly rent changes and the notices sent",
        ["tenancy reference", "from", "rent before", "new rent", "new service charge",
         "notice", "notice sent on"],
        [[line.tenancy.ref if line.tenancy else "", line.review.effective_from, line.current_rent, line.new_rent,
          line.new_service_charge, *_notice(line)]
         for line in RentReviewLine.objects.filter(tenancy__in=tenancies, review__status=ReviewStatus.APPROVED)
         .select_related("tenancy", "review").order_by("review__effective_from", "pk")],
    )  # fmt: skip


def _notice(line: RentReviewLine) -> list[Any]:
    notice = ReviewNotice.objects.filter(line=line).first()
    return ["", None] if notice is None else [notice.get_status_display(), notice.sent_on]


def _answer(accepted: bool | None) -> str:
    return "" if accepted is None else ("accepted" if accepted else "declined")
