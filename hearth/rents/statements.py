"""Rent statements as PDF (WeasyPrint), for residents to download and officers to print."""

from __future__ import annotations

from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core.models import Landlord
from hearth.rents.models import RentAccount, RentPolicy
from hearth.rents.queries import StatementData, statement

STATEMENT_WEEKS = 13


def period_from_request(
    start: str | None, end: str | None, *, opened: date | None = None
) -> tuple[date, date]:
    """The period asked for (?from=&to=), else the last 13 weeks; never before the tenancy
    started and never an end before the start."""
    today = timezone.localdate()
    try:
        period_to = date.fromisoformat(end) if end else today
    except ValueError:
        period_to = today
    try:
        period_from = (
            date.fromisoformat(start) if start else period_to - timedelta(weeks=STATEMENT_WEEKS)
        )
    except ValueError:
        period_from = period_to - timedelta(weeks=STATEMENT_WEEKS)
    if opened is not None and period_from < opened:
        period_from = opened
    if period_from > period_to:
        period_from = period_to
    return period_from, period_to


def period_problem(start: str | None, end: str | None) -> str | None:
    """What is wrong with the period a resident asked for (?from=&to=), in words for them, or
    None: a date that cannot be read, or a start after the end."""
    parsed = []
    for text in (start, end):
        try:
            parsed.append(date.fromisoformat(text) if text else None)
        except ValueError:
            return _(
                "We could not read the dates of that statement. Choose one of the periods below."
            )
    if parsed[0] and parsed[1] and parsed[0] > parsed[1]:
        return _("The statement must start before it ends. Choose one of the periods below.")
    return None


def render_pdf(data: StatementData) -> bytes:
    from weasyprint import HTML

    from hearth.rents.queries_review import with_rate_changes

    tenancy = data.account.tenancy
    html = render_to_string(
        "rents/pdf/statement.html",
        {
            "statement": data,
            "lines": with_rate_changes(data),  # each change of weekly charge on its date
            "tenancy": tenancy,
            "tenant": tenancy.lead_tenant,
            "landlord": Landlord.current(),
            "policy": RentPolicy.current(),
            "printed_on": timezone.localdate(),
        },
    )
    return bytes(HTML(string=html).write_pdf())


def statement_pdf(account: RentAccount, period_from: date, period_to: date) -> bytes:
    return render_pdf(statement(account, period_from, period_to))


def filename(account: RentAccount, period_from: date, period_to: date) -> str:
    return f"rent-statement-{account.payment_reference}-{period_from}-to-{period_to}.pdf"
