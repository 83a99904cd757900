"""What an income officer does to support a tenant in arrears, each step a service: contacts,
the vulnerability check, income and expenditure, payment plans and their breaches (benefit
claims are in `benefits`, letters, notices and court in `recovery`). Every contact goes in
the contact log (case type "tenancy") and every step on the case's timeline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.contacts.models import Contact, Direction, Purpose
from hearth.core import casework, formats, timeline
from hearth.core.casework import Actor, actor_of, lock
from hearth.core.models import Message
from hearth.core.notifications import queue_staff_message
from hearth.rents import rules
from hearth.rents.models import (
    ArrearsCase,
    CaseStatus,
    IncomeExpenditure,
    PaymentPlan,
    PlanStatus,
    RentAccount,
    Stage,
)
from hearth.rents.services.arrears import advance_stage, case_facts, refresh_cases
from hearth.rents.services.ledger import check_date
from hearth.tenancies.models import MemberRole, Person

# Arrears contacts are logged against the tenancy.
CONTACT_CASE_TYPE = "tenancy"


def named_tenants(account: RentAccount) -> list[Person]:
    """The lead and joint tenants: the people a letter about the tenancy goes to, each
    separately (Pre-Action Protocol para 2.1)."""
    members = account.tenancy.members.select_related("person").filter(
        role__in=[MemberRole.LEAD_TENANT, MemberRole.JOINT_TENANT]
    )
    return [
        m.person for m in sorted(members, key=lambda m: (m.role != MemberRole.LEAD_TENANT, m.pk))
    ]


def _require_open(case: ArrearsCase) -> None:
    if case.status != CaseStatus.OPEN:
        raise ValidationError("This case is closed.")


def _save(case: ArrearsCase, *fields: str) -> None:
    case.save(update_fields=list(fields))
    refresh_cases([case.pk])
    # The status field is protected (django-fsm), so only the derived fields are reloaded.
    case.refresh_from_db(fields=["next_action", "next_action_due", "risk", "risk_score"])


def _contact(
    case: ArrearsCase,
    *,
    channel: str,
    actor: Actor,
    on: date,
    notes: str = "",
    purpose: str = Purpose.ARREARS,
    direction: str = Direction.OUTBOUND,
) -> Contact:
    contact = casework.log_contact(
        case_type=CONTACT_CASE_TYPE,
        case_ref=case.account.tenancy.ref,
        channel=channel,
        purpose=purpose,
        actor=actor,
        on=on,
        direction=direction,
        notes=notes,
    )
    _note_contact(case, on=on, outbound=direction == Direction.OUTBOUND)
    return contact


def _note_contact(case: ArrearsCase, *, on: date, outbound: bool) -> None:
    if outbound and (case.first_contacted_on is None or on < case.first_contacted_on):
        case.first_contacted_on = on
    if case.last_contacted_on is None or on > case.last_contacted_on:
        case.last_contacted_on = on
    advance_stage(case, Stage.SUPPORT)


def _message_tenants(
    case: ArrearsCase,
    *,
    purpose: str,
    context: dict[str, Any],
    key: str,
    actor: Actor,
    on: date,
    notes: str,
) -> list[Message]:
    """Write to each named tenant separately (`casework.tell_resident`); each message that
    goes is an arrears contact in the log."""
    account = case.account
    url = f"{settings.SITE_URL.rstrip('/')}{reverse('rents_portal:account')}"
    messages = []
    for person in named_tenants(account):
        told = casework.tell_resident(
            case=case,
            person=person,
            purpose=purpose,
            idempotency_key=f"{key}:{person.pk}",
            actor=actor,
            context={
                "case_ref": case.ref,
                "account": account,
                "balance": account.balance,
                "payment_reference": account.payment_reference,
                "case_url": url,
                **context,
            },
            contact=casework.ContactLog(
                CONTACT_CASE_TYPE, account.tenancy.ref, Purpose.ARREARS, notes=notes
            ),
            on=on,
        )
        if told.contact is not None:
            _note_contact(case, on=on, outbound=True)
        if told.message is not None:
            messages.append(told.message)
    return messages


@transaction.atomic
def assign_case(*, case: ArrearsCase, owner: Any, actor: Actor) -> ArrearsCase:
    case = lock(case)
    case.owner = owner
    _save(case, "owner")
    timeline.record(
        case,
        verb="assigned",
        summary=f"Assigned to {owner.display_name if owner else 'nobody'}",
        actor=actor,
    )
    return case


@transaction.atomic
def record_arrears_contact(
    *,
    case: ArrearsCase,
    channel: str,
    actor: Actor,
    contacted_on: date | None = None,
    notes: str = "",
    direction: str = Direction.OUTBOUND,
    signposted_advice: bool = False,
    asked_for_income_expenditure: bool = False,
) -> Contact:
    """A call, visit, letter, text or email about the arrears (Pre-Action Protocol para 2.1:
    discuss the cause, the tenant's circumstances, benefits and repayment)."""
    case = lock(case)
    _require_open(case)
    on = contacted_on or timezone.localdate()
    check_date(on, "contacted_on")
    if on > timezone.localdate():
        raise ValidationError({"contacted_on": "The contact date cannot be in the future."})
    if on < case.opened_on:
        raise ValidationError(
            {
                "contacted_on": f"The contact date must be on or after {case.opened_on:%-d %B %Y}, "
                "when the arrears case was opened."
            }
        )
    contact = _contact(case, channel=channel, actor=actor, on=on, notes=notes, direction=direction)
    fields = ["first_contacted_on", "last_contacted_on", "stage"]
    covered = []
    if signposted_advice and case.advice_signposted_on is None:
        case.advice_signposted_on = on
        fields.append("advice_signposted_on")
        covered.append("signposted free money advice")
    if asked_for_income_expenditure and case.income_expenditure_requested_on is None:
        case.income_expenditure_requested_on = on
        fields.append("income_expenditure_requested_on")
        covered.append("asked for an income and expenditure statement")
    _save(case, *fields)
    way = "from" if direction == Direction.INBOUND else "with"
    summary = (
        f"{contact.get_channel_display()} {way} the tenant about the arrears on {formats.day(on)}"
    )
    if covered:
        summary += "; " + " and ".join(covered)
    timeline.record(
        case,
        verb="contacted",
        summary=summary,
        actor=actor,
        details={"contact": contact.ref, "notes": notes},
    )
    return contact


@transaction.atomic
def record_vulnerability_check(
    *, case: ArrearsCase, vulnerable: bool, notes: str, actor: Actor, checked_on: date | None = None
) -> ArrearsCase:
    """The early check the protocol asks for: capacity, Equality Act issues, care needs."""
    case = lock(case)
    _require_open(case)
    case.vulnerability_checked_on = checked_on or timezone.localdate()
    case.vulnerable = vulnerable
    case.vulnerability_notes = notes
    _save(case, "vulnerability_checked_on", "vulnerable", "vulnerability_notes")
    timeline.record(
        case,
        verb="vulnerability_checked",
        summary="Vulnerability checked: "
        + (
            "the tenant is vulnerable; extra care needed"
            if vulnerable
            else "no vulnerability found"
        ),
        actor=actor,
    )
    return case


@transaction.atomic
def record_income_expenditure(
    *,
    case: ArrearsCase,
    monthly_income: Decimal,
    monthly_outgoings: Decimal,
    actor: Actor,
    lines: dict[str, str] | None = None,
    notes: str = "",
    recorded_on: date | None = None,
) -> IncomeExpenditure:
    case = lock(case)
    _require_open(case)
    if monthly_income < 0 or monthly_outgoings < 0:
        raise ValidationError("Income and outgoings cannot be negative.")
    statement = IncomeExpenditure.objects.create(
        case=case,
        recorded_on=recorded_on or timezone.localdate(),
        monthly_income=monthly_income,
        monthly_outgoings=monthly_outgoings,
        lines=lines or {},
        notes=notes,
        recorded_by=actor_of(actor),
    )
    advance_stage(case, Stage.SUPPORT)
    _save(case, "stage")
    affordable = rules.affordable_weekly_instalment(monthly_income, monthly_outgoings)
    timeline.record(
        case,
        verb="income_expenditure",
        summary=f"Income and expenditure recorded: {formats.money(monthly_income)} in and {formats.money(monthly_outgoings)} "
        f"out a month, so up to {formats.money(affordable)} a week is affordable",
        actor=actor,
    )
    return statement


@transaction.atomic
def agree_payment_plan(
    *,
    case: ArrearsCase,
    weekly_instalment: Decimal,
    starts_on: date,
    actor: Actor,
    agreed_on: date | None = None,
    notes: str = "",
) -> PaymentPlan:
    """Agree to pay the rent plus `weekly_instalment` a week towards the arrears (Pre-Action
    Protocol para 2.2). Any earlier plan is replaced. The tenants are sent the plan, with
    what happens if a payment is missed."""
    case = lock(case)
    _require_open(case)
    if weekly_instalment <= 0:
        raise ValidationError({"weekly_instalment": "Enter a weekly amount more than £0.00."})
    agreed = agreed_on or timezone.localdate()
    check_date(starts_on, "starts_on")
    if starts_on < agreed:
        raise ValidationError({"starts_on": "The plan cannot start before the day it is agreed."})
    for old in case.plans.filter(status__in=[PlanStatus.ACTIVE, PlanStatus.BROKEN]):
        old.cancel()
        old.ended_on = agreed
        old.save(update_fields=["status", "ended_on"])
    account = RentAccount.objects.get(pk=case.account_id)
    plan = PaymentPlan.objects.create(
        case=case,
        agreed_on=agreed,
        starts_on=starts_on,
        weekly_instalment=weekly_instalment,
        balance_at_start=account.balance,
        notes=notes,
        agreed_by=actor_of(actor),
    )
    weekly = case_facts(case).weekly_charge
    _message_tenants(
        case,
        purpose="rent_payment_plan",
        context={"plan": plan, "weekly_charge": weekly, "weekly_total": weekly + weekly_instalment},
        key=f"rents:plan:{plan.pk}",
        actor=actor,
        on=agreed,
        notes="Payment plan confirmed in writing",
    )
    advance_stage(case, Stage.SUPPORT)
    _save(case, "stage", "first_contacted_on", "last_contacted_on")
    timeline.record(
        case,
        verb="plan_agreed",
        summary=f"Payment plan agreed: the rent ({formats.money(weekly)} a week) plus {formats.money(weekly_instalment)} a week "
        f"towards {formats.money(account.balance)} arrears, from {formats.day(starts_on)}",
        actor=actor,
        visible_to_resident=True,
    )
    return plan


@transaction.atomic
def check_payment_plans(*, today: date | None = None) -> dict[str, int]:
    """Find plans that have stopped being kept (`rules.plan_is_broken`), mark them broken,
    tell the case's officer, and move the case on (warn with a clear time limit)."""
    today = today or timezone.localdate()
    plans = list(
        PaymentPlan.objects.filter(
            status=PlanStatus.ACTIVE, case__status=CaseStatus.OPEN
        ).select_related("case", "case__account", "case__account__tenancy", "case__owner")
    )
    from hearth.rents.queries import facts_for

    facts = facts_for([plan.case for plan in plans], today)
    broken = []
    for plan in plans:
        case_fact = facts.get(plan.case_id)
        if case_fact is None:
            continue
        if rules.plan_is_broken(
            starts_on=plan.starts_on,
            balance_at_start=plan.balance_at_start,
            weekly_instalment=plan.weekly_instalment,
            weekly_charge=case_fact.weekly_charge,
            balance_now=case_fact.balance,
            today=today,
        ):
            plan.mark_broken()
            plan.ended_on = today
            plan.save(update_fields=["status", "ended_on"])
            broken.append(plan)
            timeline.record(
                plan.case,
                verb="plan_broken",
                summary=f"Payment plan broken: the balance is {formats.money(case_fact.balance)}, behind what was agreed",
            )
            if plan.case.owner is not None:
                queue_staff_message(
                    user=plan.case.owner,
                    purpose="rent_plan_broken_staff",
                    context={
                        "case": plan.case,
                        "plan": plan,
                        "balance": case_fact.balance,
                        "case_url": _case_url(plan.case),
                    },
                    case=plan.case,
                    idempotency_key=f"rents:plan-broken:{plan.pk}",
                )
    refresh_cases([plan.case_id for plan in broken], today=today)
    return {"checked": len(plans), "broken": len(broken)}


def _case_url(case: ArrearsCase) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse('rents:case', args=[case.ref])}"
