"""What rents holds about a person, for their subject access export: the rent accounts of the
tenancies they hold, every transaction on them, arrears cases, payment plans and benefit
claims (`hearth.core.subject_access`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hearth.core.subject_access import Part, source
from hearth.rents.models import ArrearsCase, BenefitClaim, PaymentPlan, RentAccount, Transaction
from hearth.tenancies.queries import tenancies_held_by


@source
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
