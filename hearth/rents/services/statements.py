"""Rent statements: on request, and every quarter for every current tenancy (the Pre-Action
Protocol asks for quarterly statements to tenants in arrears; Hearth sends them to all)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from hearth.core import formats, timeline
from hearth.core.casework import Actor
from hearth.core.notifications import queue_message
from hearth.rents.models import CaseStatus, RentAccount, Statement, StatementKind
from hearth.rents.queries import statement

# How many quarterly statements one sweep run sends; the next run carries on.
QUARTERLY_BATCH = 5000


def quarter_containing(day: date) -> tuple[date, date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    next_start = (
        date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    )
    return start, next_start - timedelta(days=1)


def last_complete_quarter(today: date) -> tuple[date, date]:
    start, _ = quarter_containing(today)
    return quarter_containing(start - timedelta(days=1))


@transaction.atomic
def send_statement(
    *,
    account: RentAccount,
    period_from: date,
    period_to: date,
    actor: Actor = None,
    kind: str = StatementKind.REQUESTED,
) -> Statement:
    """Send the lead tenant a statement of the period: opening balance, every charge and
    payment with a running balance, closing balance."""
    if period_from > period_to:
        raise ValidationError(
            {"period_to": "The end date must be the same as or after the start date."}
        )
    data = statement(account, period_from, period_to)
    person = account.tenancy.lead_tenant
    sent = Statement(
        account=account,
        kind=kind,
        period_from=period_from,
        period_to=period_to,
        opening_balance=data.opening_balance,
        closing_balance=data.closing_balance,
        sent_at=timezone.now(),
    )
    if person is not None:
        suffix = "" if kind == StatementKind.QUARTERLY else f":{timezone.now():%Y%m%d%H%M%S%f}"
        sent.message = queue_message(
            person=person,
            purpose="rent_statement",
            context={
                "statement": data,
                "payment_reference": account.payment_reference,
                "case_url": f"{settings.SITE_URL.rstrip('/')}{reverse('rents_portal:account')}",
            },
            case=account,
            idempotency_key=f"rents:statement:{account.pk}:{period_from}:{period_to}:{kind}{suffix}",
            actor=actor,
        )
    sent.save()
    summary = (
        f"{sent.get_kind_display()} sent for {formats.day(period_from)} to {formats.day(period_to)}: "
        f"balance {formats.money(data.closing_balance)}"
    )
    timeline.record(account, verb="statement_sent", summary=summary, actor=actor)
    for case in account.arrears_cases.filter(status=CaseStatus.OPEN):
        timeline.record(case, verb="statement_sent", summary=summary, actor=actor)
        from hearth.rents.services.arrears import refresh_cases

        refresh_cases([case.pk])
    return sent


def send_quarterly_statements(
    *, today: date | None = None, limit: int = QUARTERLY_BATCH
) -> dict[str, int]:
    """Send the last complete quarter's statement to every tenancy current at its end that
    has not had it, up to `limit` a run."""
    today = today or timezone.localdate()
    period_from, period_to = last_complete_quarter(today)
    done = Statement.objects.filter(
        account=OuterRef("pk"),
        kind=StatementKind.QUARTERLY,
        period_from=period_from,
        period_to=period_to,
    )
    due = (
        RentAccount.objects.filter(tenancy__start_date__lte=period_to)
        .filter(Q(tenancy__end_date__isnull=True) | Q(tenancy__end_date__gte=today))
        .exclude(Exists(done))
        .select_related("tenancy")
        .order_by("pk")[:limit]
    )
    sent = 0
    for account in due:
        try:
            send_statement(
                account=account,
                period_from=period_from,
                period_to=period_to,
                kind=StatementKind.QUARTERLY,
            )
        except IntegrityError:
            continue  # another worker sent this one
        sent += 1
    return {"sent": sent}
