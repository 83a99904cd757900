"""What the rent review shows residents: next year's rent once their notice has gone out,
and each change of weekly charge on its date in their statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format

from hearth.rents.charges import RateBook
from hearth.rents.models import NoticeStatus, RentAccount, ReviewNotice, ReviewStatus
from hearth.rents.queries import StatementData, StatementLine
from hearth.rents.services.review import benefit_dates, charge_items, item_changes_on


@dataclass(frozen=True)
class NextYear:
    effective_from: date
    rent: Decimal
    service_charge: Decimal
    total: Decimal
    items: list[dict[str, Any]]
    report_from: date
    report_by: date
    notice_sent_on: date


def next_year_for(account: RentAccount, today: date) -> NextYear | None:
    """Next year's rent for the account's tenancy, from the day its notice of variation went
    out (in time) until the new rent starts. None otherwise."""
    notice = (
        ReviewNotice.objects.filter(
            tenancy_id=account.tenancy_id,
            status=NoticeStatus.SENT,
            sent_on__lte=today,
            review__status=ReviewStatus.APPROVED,
            review__effective_from__gt=today,
        )
        .select_related("review", "line", "line__home")
        .order_by("-review__effective_from")
        .first()
    )
    if notice is None:
        return None
    line = notice.line
    dates = benefit_dates(notice.review)
    return NextYear(
        effective_from=notice.review.effective_from,
        rent=line.new_rent,
        service_charge=line.new_service_charge,
        total=line.new_total,
        items=charge_items(notice.review, line.home),
        report_from=dates["report_from"],
        report_by=dates["report_by"],
        notice_sent_on=notice.sent_on or today,
    )


def with_rate_changes(data: StatementData) -> list[StatementLine]:
    """The statement's lines with a line on each date in the period when the weekly rent or
    service charge changed (nothing charged or paid on it: it says what changes)."""
    home_id = data.account.tenancy.home_id
    book = RateBook.load([home_id])
    start = max(data.period_from, data.account.tenancy.start_date + timedelta(days=1))
    changes = [d for d in book.change_dates(home_id) if start <= d <= data.period_to]
    if not changes:
        return list(data.lines)
    lines = list(data.lines)
    for day in changes:
        old_rent, old_service = book.rates_on(home_id, day - timedelta(days=1))
        rent, service = book.rates_on(home_id, day)
        if (old_rent, old_service) == (rent, service):
            continue
        before = [line for line in lines if line.date < day]
        balance = before[-1].balance if before else data.opening_balance
        words = (
            f"Weekly charge changes from {date_format(day, 'j F Y')}: rent £{old_rent:,.2f} to "
            f"£{rent:,.2f}, service charge £{old_service:,.2f} to £{service:,.2f}"
        )
        items = [
            f"{c.item.name} £{c.old_weekly_amount or 0:,.2f} to £{c.new_weekly_amount:,.2f}"
            for c in item_changes_on(data.account.tenancy.home, day)
            if c.item is not None
        ]
        if items:
            words += " (" + "; ".join(items) + ")"
        lines.insert(len(before), StatementLine(day, words, "Rate change", None, None, balance))
    return lines
