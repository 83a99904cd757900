"""Rent on everyone's lists: an officer's "My work", a resident's "My requests", and the staff
navigation. Registered from RentsConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import deadlines, formats
from hearth.core.navigation import NavItem, register_nav_item
from hearth.core.paging import chosen_first
from hearth.core.permissions import Can, can
from hearth.core.requests import ResidentRequest, Step, register_request_source
from hearth.core.work import WorkItem, register_work_source, url_for
from hearth.rents.models import (
    AdviceReferral,
    ArrearsCase,
    CaseStatus,
    DirectDebitReturn,
    MoneyAdviceOffer,
    PaymentPlan,
    PlanStatus,
    SuspenseItem,
    SuspenseStatus,
)
from hearth.rents.models.advice import OPEN_OUTCOMES
from hearth.rents.rules import Step as ProtocolStep
from hearth.tenancies.models import Tenancy

# Bounded: My work is for what is due now; the rent pages show everything.
LIMIT = 200
# What an arrears item shows of a case, its account and its home.
_CASE_FIELDS = ("ref", "owner", "next_action", "next_action_due", "risk", "account__balance",
                "account__tenancy", "account__tenancy__home__address")  # fmt: skip


# What a returned direct debit's item shows of it, its account's home and the reversal.
_RETURN_FIELDS = ("returned_on", "reason", "account__payment_reference",
                  "account__tenancy__home__address", "reversal__amount")  # fmt: skip


def _label(code: str) -> str:
    try:
        return ProtocolStep(code).label
    except ValueError:
        return code


def arrears_cases_due(user: Any, *, until: date) -> Iterator[WorkItem]:
    """An income officer's arrears cases whose next step is due, and cases nobody has yet."""
    if not can(user, Can.MANAGE_RENT):
        return
    due = (
        ArrearsCase.objects.filter(status=CaseStatus.OPEN, next_action_due__lte=until)
        .filter(Q(owner=user) | Q(owner__isnull=True))
        .order_by("next_action_due", "-risk_score", "pk")
    )
    # The cases shown are chosen first, then only they are joined to their account, tenancy
    # and home (at 100,000 homes thousands are due, and joining each cost more than the rest
    # of the list); and only what an item shows is read of each.
    cases = chosen_first(due.select_related("account__tenancy__home").only(*_CASE_FIELDS), LIMIT)
    title, case_type = _("%(step)s: arrears case %(ref)s"), _("Arrears")
    unassigned = _("%(where)s. Not yet given to anyone")
    url = url_for("rents:case")
    steps: dict[str, str] = {}
    for case in cases:
        assert case.next_action_due is not None
        who = case.account.tenancy.home.address
        if case.owner_id is None:
            who = unassigned % {"where": who}
        if case.next_action not in steps:
            steps[case.next_action] = _label(case.next_action)
        yield WorkItem(
            title=title % {"step": steps[case.next_action], "ref": case.ref},
            url=url(case.ref),
            case_type=case_type,
            due=case.next_action_due,
            state=deadlines.state(case.next_action_due),
            detail=f"{who}. {case.get_risk_display()} risk, {formats.money(case.account.balance)} owed",
        )


def money_advice_offers_due(user: Any, *, until: date) -> Iterator[WorkItem]:
    if not can(user, Can.ADVISE_MONEY):
        return
    offers = (
        MoneyAdviceOffer.objects.filter(offered_on__isnull=True, due_on__lte=until)
        .select_related("tenancy__home")
        .only("due_on", "tenancy__ref", "tenancy__home__address")
        .order_by("due_on", "pk")[:LIMIT]
    )
    title, case_type = _("Offer money advice: tenancy %(ref)s"), _("Money advice")
    url = url_for("rents:offer")
    for offer in offers:
        yield WorkItem(
            title=title % {"ref": offer.tenancy.ref},
            url=url(offer.tenancy_id),
            case_type=case_type,
            due=offer.due_on,
            state=deadlines.state(offer.due_on),
            detail=offer.tenancy.home.address,
        )


def returned_direct_debits(user: Any, *, until: date) -> Iterator[WorkItem]:
    """Returned direct debits to follow up: the account's income officer's, or anyone's who
    manages rent when the account has none."""
    if not can(user, Can.MANAGE_RENT):
        return
    returns = (
        DirectDebitReturn.objects.filter(followed_up_at__isnull=True, returned_on__lte=until)
        .filter(Q(account__income_officer=user) | Q(account__income_officer__isnull=True))
        .select_related("account__tenancy__home", "reversal")
        .only(*_RETURN_FIELDS)
        .order_by("returned_on", "pk")[:LIMIT]
    )
    title, case_type, url = _("Direct debit returned: %(ref)s"), _("Rent"), reverse("rents:returns")
    for dd_return in returns:
        yield WorkItem(
            title=title % {"ref": dd_return.account.payment_reference},
            url=url,
            case_type=case_type,
            due=dd_return.returned_on,
            state=deadlines.state(dd_return.returned_on),
            detail=f"{dd_return.account.tenancy.home.address}. {formats.money(dd_return.reversal.amount)}: {dd_return.reason}",
        )


def payments_in_suspense(user: Any, *, until: date) -> Iterator[WorkItem]:
    if not can(user, Can.MANAGE_RENT):
        return
    items = SuspenseItem.objects.filter(
        status=SuspenseStatus.OPEN, received_on__lte=until
    ).order_by("received_on", "pk")[:50]
    for item in items:
        yield WorkItem(
            title=_("Allocate a payment from %(payer)s")
            % {"payer": item.payer_name or item.payer_reference or _("an unknown payer")},
            url=reverse("rents:suspense-item", args=[item.pk]),
            case_type=_("Suspense"),
            due=item.received_on,
            state=deadlines.state(item.received_on),
            detail=f"{formats.money(abs(item.amount))}: {item.reason}",
        )


def resident_rent_requests(user: Any) -> Iterator[ResidentRequest]:
    """A resident's payment plan and their open money advice referrals."""
    tenancies = Tenancy.objects.for_person(getattr(user, "person_id", None))
    url = reverse("rents_portal:account")
    plans = PaymentPlan.objects.filter(
        case__account__tenancy__in=tenancies, status=PlanStatus.ACTIVE, case__status=CaseStatus.OPEN
    )
    for plan in plans:
        yield ResidentRequest(
            title=_("Your payment plan"),
            reference=plan.case.ref,
            kind=_("Rent"),
            opened_on=plan.agreed_on,
            promise=_("We will not take further action while you keep to your plan"),
            due=None,
            status=_("Your rent plus %(amount)s a week towards what you owe")
            % {"amount": formats.money(plan.weekly_instalment)},
            url=url,
            steps=(
                Step(_("Plan agreed"), done=True, on=plan.agreed_on),
                Step(_("Arrears cleared")),
            ),
        )
    referrals = AdviceReferral.objects.filter(tenancy__in=tenancies, outcome__in=OPEN_OUTCOMES)
    for referral in referrals:
        yield ResidentRequest(
            title=_("%(topic)s with %(provider)s")
            % {"topic": referral.get_topic_display(), "provider": referral.provider},
            reference=referral.ref,
            kind=_("Money advice"),
            opened_on=referral.referred_on,
            promise=_("The adviser will contact you"),
            due=None,
            status=referral.get_outcome_display(),
            url=reverse("rents_portal:benefits"),
            steps=(
                Step(_("Referred"), done=True, on=referral.referred_on),
                Step(_("Advice given")),
            ),
        )


def register() -> None:
    for source in (
        arrears_cases_due,
        money_advice_offers_due,
        returned_direct_debits,
        payments_in_suspense,
    ):
        register_work_source(source)
    register_request_source(resident_rent_requests)
    register_nav_item(
        NavItem(
            gettext_lazy("Rent"),
            "rents:queue",
            Can.VIEW_RENT,
            order=40,
            also_active_on=frozenset(
                {
                    "rents:case",
                    "rents:case-action",
                    "rents:decide-claim",
                    "rents:account",
                    "rents:statement-pdf",
                    "rents:take-payment",
                    "rents:adjust",
                    "rents:direct-debit",
                    "rents:cancel-direct-debit",
                    "rents:send-statement",
                    "rents:imports",
                    "rents:suspense",
                    "rents:suspense-item",
                    "rents:suspense-refund",
                    "rents:returns",
                    "rents:money-advice",
                    "rents:offer",
                    "rents:referral",
                    "rents:referral-outcome",
                    "rents:policy",
                    "rents:rent-free-weeks",
                    "rents:find-account",
                }
            ),
        )
    )
