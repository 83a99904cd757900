"""Rent's scheduled work (found by hearth.core.sweeps): the weekly debit run, new tenancies'
accounts and money advice tasks, payment plan checks, the daily review of every open case's
next step, quarterly statements; and the arrears cases' deadlines for reminders."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from hearth.core.reminders import DueItem, due_source
from hearth.core.sweeps import sweep
from hearth.rents.models import ArrearsCase, CaseStatus
from hearth.rents.rules import Step


@sweep("rents.weekly_debit", every=timedelta(hours=1))
def weekly_debit(*, now: datetime) -> dict[str, int]:
    """Charge this week's rent (and last week's, if a run was missed); each week charges once."""
    from hearth.rents.services.debit_run import post_week

    today = timezone.localtime(now).date()
    monday = today - timedelta(days=today.weekday())
    charged = 0
    for week in (monday - timedelta(days=7), monday):
        charged += post_week(week_commencing=week).transactions
    return {"charged": charged}


@sweep("rents.new_tenancies", every=timedelta(hours=1))
def new_tenancies(*, now: datetime) -> dict[str, int]:
    """Open rent accounts for new tenancies and give each a money advice offer task."""
    from hearth.rents.services.accounts import ensure_accounts
    from hearth.rents.services.advice import open_offer_tasks

    accounts = len(ensure_accounts())
    return {"accounts": accounts, "offers": open_offer_tasks(today=timezone.localtime(now).date())}


@sweep("rents.payment_plans", every=timedelta(days=1))
def payment_plans(*, now: datetime) -> dict[str, int]:
    """Find payment plans that are no longer being kept."""
    from hearth.rents.services.casework import check_payment_plans

    return check_payment_plans(today=timezone.localtime(now).date())


@sweep("rents.arrears_review", every=timedelta(days=1))
def arrears_review(*, now: datetime) -> dict[str, int]:
    """Work out every open arrears case's next step and risk again (dates move on)."""
    from hearth.rents.services.arrears import refresh_cases

    return {"changed": refresh_cases(today=timezone.localtime(now).date())}


@sweep("rents.quarterly_statements", every=timedelta(hours=1))
def quarterly_statements(*, now: datetime) -> dict[str, int]:
    """Send last quarter's rent statement to every current tenancy, a batch at a time."""
    from hearth.rents.services.statements import send_quarterly_statements

    return send_quarterly_statements(today=timezone.localtime(now).date())


@due_source("rents.arrears_case")
def arrears_cases(*, due_by: date) -> Iterable[DueItem]:
    cases = (
        ArrearsCase.objects.filter(
            status=CaseStatus.OPEN, next_action_due__lte=due_by, owner__isnull=False
        )
        .select_related("owner")
        .order_by("next_action_due", "pk")[:1000]
    )
    for case in cases:
        assert case.next_action_due is not None
        try:
            step = Step(case.next_action).label
        except ValueError:
            step = case.next_action
        yield DueItem(
            case=case,
            title=f"{step}: arrears case {case.ref}",
            due=case.next_action_due,
            owner=case.owner,
            url=reverse("rents:case", args=[case.ref]),
        )


@sweep("rents.service_charge_items", every=timedelta(hours=1))
def service_charge_items(*, now: datetime) -> dict[str, int]:
    """On a rent review's effective date, each service it changed takes its new weekly amount."""
    from hearth.rents.services.review import apply_service_charge_items

    return {"changed": apply_service_charge_items(today=timezone.localtime(now).date())}
