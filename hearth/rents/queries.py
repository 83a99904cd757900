"""Reads more than one place needs: balances on a date, statement lines, the facts the
arrears rules work from, and permission-scoped fetches of accounts and cases."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    DecimalField,
    Exists,
    F,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Least
from django.http import Http404
from django.utils import timezone

from hearth.core.measures import Scope
from hearth.core.permissions import Can, can
from hearth.rents.charges import RateBook
from hearth.rents.models import (
    CHARGE_KINDS,
    ZERO,
    ArrearsCase,
    ArrearsEpisode,
    BenefitClaim,
    BenefitKind,
    CaseStatus,
    ChargeRate,
    ClaimStatus,
    IncomeExpenditure,
    Kind,
    LedgerDay,
    PaymentPlan,
    PlanStatus,
    RentAccount,
    Source,
    Transaction,
)
from hearth.rents.rules import CaseFacts, PlanState
from hearth.rents.sums import pounds, sum_pence
from hearth.tenancies.queries import resident_tenancies


def balance_on(account: RentAccount, day: date) -> Decimal:
    """The balance at the end of `day`: the sum of transactions dated on or before it."""
    rows = Transaction.objects.filter(account=account, date__lte=day)
    return pounds(rows.aggregate(total=sum_pence())["total"])


def weekly_charge(account: RentAccount, day: date | None = None) -> Decimal:
    """The account's weekly rent plus service charge on `day` (today), or on the last day of
    an ended tenancy."""
    tenancy = account.tenancy
    when = day or timezone.localdate()
    if tenancy.end_date is not None and when > tenancy.end_date:
        when = tenancy.end_date
    return RateBook.load([tenancy.home_id]).weekly_total(tenancy.home_id, when)


@dataclass(frozen=True)
class StatementLine:
    date: date
    description: str
    kind: str
    charge: Decimal | None
    credit: Decimal | None
    balance: Decimal


@dataclass(frozen=True)
class StatementData:
    account: RentAccount
    period_from: date
    period_to: date
    opening_balance: Decimal
    closing_balance: Decimal
    total_charges: Decimal
    total_credits: Decimal
    lines: list[StatementLine]


def _statement_words(row: Transaction) -> str:
    """What a statement line says: a payment the bank took back is said plainly."""
    if row.kind == Kind.PAYMENT_REVERSAL:
        direct_debit = row.source == Source.DIRECT_DEBIT_RETURNS or (
            row.reverses is not None and row.reverses.kind == Kind.PAYMENT_DIRECT_DEBIT
        )
        return (
            "Direct debit returned by your bank"
            if direct_debit
            else "Payment returned by your bank"
        )
    return row.description or row.get_kind_display()


def statement(account: RentAccount, period_from: date, period_to: date) -> StatementData:
    """Every transaction dated in the period with a running balance (Pre-Action Protocol
    para 2.3: rent due, sums received, and a running total)."""
    opening = balance_on(account, period_from - timedelta(days=1))
    balance = opening
    lines = []
    charges = credits = ZERO
    for row in (
        Transaction.objects.filter(account=account, date__range=(period_from, period_to))
        .select_related("reverses")
        .order_by("date", "pk")
    ):
        balance += row.amount
        if row.amount > 0:
            charges += row.amount
        else:
            credits += -row.amount
        lines.append(
            StatementLine(
                date=row.date,
                description=_statement_words(row),
                kind=row.get_kind_display(),
                charge=row.amount if row.amount > 0 else None,
                credit=-row.amount if row.amount < 0 else None,
                balance=balance,
            )
        )
    return StatementData(account, period_from, period_to, opening, balance, charges, credits, lines)


# -- Permission-scoped fetches ---------------------------------------------------------------


def may_list_accounts(user: Any) -> bool:
    """Whether rent accounts are a kind of record the user may see at all: rent staff (every
    account) and residents (their own). Other staff roles (operatives, for one) may not."""
    return can(user, Can.VIEW_RENT) or bool(getattr(user, "is_resident", False))


def with_list_figures(
    accounts: QuerySet[RentAccount], day: date | None = None
) -> QuerySet[RentAccount]:
    """Accounts annotated for a list, in the one query: whether an arrears episode is open
    (`open_arrears`) and the weekly rent and service charge in force on `day` (today), or on
    the last day of an ended tenancy (`rent_now`, `service_now`), as `weekly_charge` works
    them out one account at a time."""
    when = day or timezone.localdate()
    on = Least(Value(when), Coalesce(OuterRef("tenancy__end_date"), Value(when)))
    rate = ChargeRate.objects.filter(
        home_id=OuterRef("tenancy__home_id"), effective_from__lte=on
    ).order_by("-effective_from")
    return accounts.annotate(
        open_arrears=Exists(
            ArrearsEpisode.objects.filter(account=OuterRef("pk"), ended_on__isnull=True)
        ),
        rent_now=Subquery(rate.values("weekly_rent")[:1]),
        service_now=Subquery(rate.values("weekly_service_charge")[:1]),
    )


def visible_accounts(user: Any) -> QuerySet[RentAccount]:
    """Rent accounts the user may see: all for rent staff, a resident's own tenancies', and
    none for anyone else. Seeing people (every staff role may) is not seeing their money."""
    accounts = RentAccount.objects.select_related("tenancy", "tenancy__home")
    if can(user, Can.VIEW_RENT):
        return accounts
    if not getattr(user, "is_resident", False):
        return accounts.none()
    return accounts.filter(tenancy__in=resident_tenancies(user))


def get_account_for_user(user: Any, tenancy_id: int | str) -> RentAccount:
    """The rent account of a tenancy, or Http404 if the user may not see it."""
    try:
        return visible_accounts(user).get(tenancy_id=tenancy_id)
    except (RentAccount.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found") from None


def get_case_for_user(user: Any, ref: str) -> ArrearsCase:
    if not can(user, Can.VIEW_RENT):
        raise Http404("Not found")
    try:
        return ArrearsCase.objects.select_related(
            "account", "account__tenancy", "account__tenancy__home", "owner", "episode"
        ).get(ref=ref)
    except ArrearsCase.DoesNotExist:
        raise Http404("Not found") from None


# -- Facts for the arrears rules --------------------------------------------------------------


def _with_fact_annotations(cases: QuerySet[ArrearsCase]) -> QuerySet[ArrearsCase]:
    latest_plan = PaymentPlan.objects.filter(case=OuterRef("pk")).order_by("-agreed_on", "-pk")
    claims = BenefitClaim.objects.filter(account=OuterRef("account_id"))
    return cases.select_related("account", "account__tenancy").annotate(
        f_last_statement=Max("account__statements__sent_at"),
        f_ie_on=Subquery(
            IncomeExpenditure.objects.filter(case=OuterRef("pk"))
            .order_by("-recorded_on")
            .values("recorded_on")[:1]
        ),
        f_plan_status=Subquery(latest_plan.values("status")[:1]),
        f_plan_agreed=Subquery(latest_plan.values("agreed_on")[:1]),
        f_plan_ended=Subquery(latest_plan.values("ended_on")[:1]),
        f_claim_pending=Exists(claims.filter(status=ClaimStatus.PENDING)),
        f_paid_to_tenant=Exists(
            claims.filter(
                status=ClaimStatus.AWARDED,
                paid_to_landlord=False,
                kind__in=[BenefitKind.HOUSING_BENEFIT, BenefitKind.UNIVERSAL_CREDIT],
            )
        ),
    )


def facts_for(cases: Iterable[ArrearsCase], today: date) -> dict[int, CaseFacts]:
    """CaseFacts for each case, from a handful of queries whatever the number of cases."""
    ids = [case.pk for case in cases]
    rows: list[Any] = list(_with_fact_annotations(ArrearsCase.objects.filter(pk__in=ids)))
    book = RateBook.load({row.account.tenancy.home_id for row in rows})
    facts = {}
    for row in rows:
        tenancy = row.account.tenancy
        on = min(today, tenancy.end_date) if tenancy.end_date else today
        plan = PlanState.NONE
        changed = None
        if row.f_plan_status == PlanStatus.ACTIVE:
            plan, changed = PlanState.KEPT, row.f_plan_agreed
        elif row.f_plan_status == PlanStatus.BROKEN:
            plan, changed = PlanState.BROKEN, row.f_plan_ended
        last_statement = row.f_last_statement
        facts[row.pk] = CaseFacts(
            today=today,
            opened_on=row.opened_on,
            first_contact_due=row.first_contact_due,
            balance=row.account.balance,
            weekly_charge=book.weekly_total(tenancy.home_id, on),
            first_contacted_on=row.first_contacted_on,
            last_contacted_on=row.last_contacted_on,
            vulnerability_checked_on=row.vulnerability_checked_on,
            vulnerable=row.vulnerable,
            advice_signposted_on=row.advice_signposted_on,
            last_statement_on=timezone.localdate(last_statement) if last_statement else None,
            income_expenditure_on=row.f_ie_on,
            income_expenditure_requested_on=row.income_expenditure_requested_on,
            plan=plan,
            plan_changed_on=changed,
            benefit_claim_pending=row.f_claim_pending,
            benefit_paid_to_tenant=row.f_paid_to_tenant,
            direct_payment_requested_on=row.direct_payment_requested_on,
            letter_1_on=row.letter_1_on,
            letter_2_on=row.letter_2_on,
            notice_served_on=row.notice_served_on,
            court_referred_on=row.court_referred_on,
        )
    return facts


def open_cases() -> QuerySet[ArrearsCase]:
    return ArrearsCase.objects.filter(status=CaseStatus.OPEN)


def work_queue(*, owner: Any = None, unassigned: bool = False) -> QuerySet[ArrearsCase]:
    """Open arrears cases, highest risk first, then the soonest next action."""
    cases = open_cases().select_related(
        "account", "account__tenancy", "account__tenancy__home", "owner"
    )
    if owner is not None:
        cases = cases.filter(owner=owner)
    if unassigned:
        cases = cases.filter(owner__isnull=True)
    return cases.order_by("-risk_score", F("next_action_due").asc(nulls_last=True), "pk")


def former_tenant_arrears(account: RentAccount, day: date | None = None) -> Decimal:
    """What a tenancy that has ended still owes (0 while it runs, or when nothing is owed)."""
    tenancy = account.tenancy
    if tenancy.end_date is None or tenancy.end_date >= (day or timezone.localdate()):
        return ZERO
    return max(account.balance, ZERO)


def weekly_total_in_force(home_field: str, day_field: str) -> Subquery:
    """A query expression: the weekly rent plus service charge in force for the home in
    `home_field` on the date in `day_field` (the latest rate from on or before that date;
    the homes register's rate when the home has no rates). For measures counted in SQL."""
    rates = ChargeRate.objects.filter(
        home_id=OuterRef(home_field), effective_from__lte=OuterRef(day_field)
    ).order_by("-effective_from")
    return Subquery(
        rates.annotate(total=F("weekly_rent") + F("weekly_service_charge")).values("total")[:1],
        output_field=DecimalField(max_digits=11, decimal_places=2),
    )


def charges_dated(start: date, end: date, scope: Scope | None = None) -> QuerySet[Any]:
    """Rent and service charges dated from `start` to `end` inclusive, as one row holding
    `total` in whole pence: for measures that combine it with their own sums in SQL. Read
    from the ledger's day totals (`LedgerDay`, kept on write), not every transaction; for one
    estate or block, from the transactions of tenancies of homes there."""
    if scope is not None:
        return (
            scope.filter(
                Transaction.objects.filter(kind__in=CHARGE_KINDS, date__range=(start, end)),
                "account__tenancy__home__block",
            )
            .order_by()
            .annotate(one=Value(1))
            .values("one")
            .annotate(total=sum_pence())
            .values("total")
        )
    return (
        LedgerDay.objects.filter(kind__in=CHARGE_KINDS, date__range=(start, end))
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(total=Sum("pence"))
        .values("total")
    )
