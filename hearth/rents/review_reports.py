"""What a rent review adds up to (totals for the board) and every home's calculation, as CSV
and Excel for the board and the auditors."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q

from hearth.core import downloads
from hearth.rents import rules_rent_standard as rs
from hearth.rents.models import NoticeStatus, RentPolicy, RentReview, RentReviewLine
from hearth.rents.models.accounts import FiftyThirdWeek
from hearth.rents.sums import pounds, sum_pence

PENNY = Decimal("0.01")


@dataclass(frozen=True)
class Totals:
    homes: int
    average_rent_before: Decimal
    average_rent_after: Decimal
    weekly_roll_before: Decimal
    weekly_roll_after: Decimal
    annual_roll_after: Decimal
    weeks_charged: int
    capped: int
    falls: int
    no_formula_rent: int
    adjusted: int
    average_service_charge_before: Decimal
    average_service_charge_after: Decimal

    @property
    def average_change(self) -> Decimal:
        return self.average_rent_after - self.average_rent_before

    @property
    def average_change_percent(self) -> Decimal:
        if not self.average_rent_before:
            return Decimal("0.00")
        change = self.average_change / self.average_rent_before * 100
        return change.quantize(PENNY, rounding=ROUND_HALF_UP)


def _average(total: Decimal, count: int) -> Decimal:
    """An average to the penny, rounded half up (a report figure, not a charge)."""
    return (total / count).quantize(PENNY, rounding=ROUND_HALF_UP) if count else Decimal("0.00")


def totals(review: RentReview) -> Totals:
    """Average rent before and after, the rent roll (weekly, and for the year: weekly x the
    weeks charged in the rent year), and how many homes hit a cap, fall, have no formula rent
    or were adjusted. One query for the sums; exceptions counted from the stored lists."""
    sums = review.lines.aggregate(
        homes=Count("pk"),
        before=sum_pence("current_rent"),
        after=sum_pence("new_rent"),
        service_before=sum_pence("current_service_charge"),
        service_after=sum_pence("new_service_charge"),
        adjusted=Count("pk", filter=Q(adjusted_at__isnull=False)),
    )
    exceptions = [e for row in review.lines.values_list("exceptions", flat=True) for e in row]
    homes = sums["homes"]
    weekly_after = pounds(sums["after"])
    free = RentPolicy.current().fifty_third_week == FiftyThirdWeek.FREE
    weeks = rs.weeks_charged_in_rent_year(review.rent_year, fifty_third_week_free=free)
    return Totals(
        homes=homes,
        average_rent_before=_average(pounds(sums["before"]), homes),
        average_rent_after=_average(weekly_after, homes),
        weekly_roll_before=pounds(sums["before"]),
        weekly_roll_after=weekly_after,
        annual_roll_after=rs.annual_rent(
            weekly_after, review.rent_year, fifty_third_week_free=free
        ),
        weeks_charged=weeks,
        capped=exceptions.count(rs.Exception_.CAPPED),
        falls=exceptions.count(rs.Exception_.FALLS),
        no_formula_rent=exceptions.count(rs.Exception_.NO_FORMULA_RENT),
        adjusted=sums["adjusted"],
        average_service_charge_before=_average(pounds(sums["service_before"]), homes),
        average_service_charge_after=_average(pounds(sums["service_after"]), homes),
    )


COLUMNS = [
    "home_ref", "address", "block", "tenancy_ref", "rent_type", "formula_rent", "rent_cap",
    "current_rent", "cpi_limit", "maximum_rent", "proposed_rent", "new_rent", "rent_change",
    "current_service_charge", "new_service_charge", "current_total", "new_total", "exceptions",
    "adjusted_by", "adjustment_reason", "notice", "notice_sent_on", "rate_written_on", "reasons",
]  # fmt: skip


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def rows(review: RentReview) -> Iterator[list[Any]]:
    """Every home's calculation, one row each, in home reference order."""
    # Plain tuples, not model instances: a large landlord's review has 100,000 notices.
    notices = {
        line_id: (status, sent_on)
        for line_id, status, sent_on in review.notices.values_list("line_id", "status", "sent_on")
    }
    lines = (
        RentReviewLine.objects.filter(review=review)
        .select_related("home", "home__block", "tenancy", "adjusted_by")
        .order_by("home__ref")
    )
    for line in lines.iterator(chunk_size=2000):
        notice = notices.get(line.pk)
        yield [
            line.home.ref,
            line.home.address,
            line.home.block.name,
            line.tenancy.ref if line.tenancy else "",
            line.rent_type,
            line.formula_rent,
            line.rent_cap,
            line.current_rent,
            line.cpi_limit,
            line.maximum_rent,
            line.proposed_rent,
            line.new_rent,
            line.new_rent - line.current_rent,
            line.current_service_charge,
            line.new_service_charge,
            line.current_total,
            line.new_total,
            "; ".join(rs.EXCEPTION_LABELS[rs.Exception_(e)] for e in line.exceptions),
            line.adjusted_by.display_name if line.adjusted_by else "",
            line.adjustment_reason,
            NoticeStatus(notice[0]).label if notice else "",
            notice[1] if notice and notice[1] else None,
            line.applied_on,
            " ".join(line.reasons),
        ]


def csv_lines(review: RentReview) -> Iterator[str]:
    """The CSV download in pieces, so it can be streamed whatever the number of homes."""
    table = itertools.chain([COLUMNS], ([_text(v) for v in row] for row in rows(review)))
    return downloads.csv_lines(table, lineterminator="\n")


def as_xlsx(review: RentReview) -> bytes:
    """Two sheets: the totals, and every home's calculation (amounts as numbers in pounds,
    with the pence shown). Written in openpyxl's write-only mode, a row at a time, so memory
    stays flat however many homes there are."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    summary = book.create_sheet("Totals")
    summary.column_dimensions["A"].width = 40
    found = totals(review)
    title = WriteOnlyCell(summary, value=str(review))
    title.font = Font(bold=True)
    summary.append([title, ""])
    for label, value in [
        ("September CPI (%)", review.september_cpi),
        ("New rents from", review.effective_from),
        ("Homes", found.homes),
        ("Average weekly rent before", found.average_rent_before),
        ("Average weekly rent after", found.average_rent_after),
        ("Average change (%)", found.average_change_percent),
        ("Weekly rent roll before", found.weekly_roll_before),
        ("Weekly rent roll after", found.weekly_roll_after),
        (f"Rent roll for the year ({found.weeks_charged} weeks)", found.annual_roll_after),
        ("Homes at the rent cap", found.capped),
        ("Homes whose rent falls", found.falls),
        ("Homes with no formula rent", found.no_formula_rent),
        ("Rents adjusted by hand", found.adjusted),
    ]:
        summary.append([label, value])
    sheet = book.create_sheet("Homes")
    sheet.freeze_panes = "B2"
    headings = []
    for name in COLUMNS:
        heading = WriteOnlyCell(sheet, value=name)
        heading.font = Font(bold=True)
        headings.append(heading)
    sheet.append(headings)
    money_columns = {i for i, name in enumerate(COLUMNS) if name in MONEY_COLUMNS}
    for row in rows(review):
        cells: list[Any] = list(row)
        for index in money_columns:
            cells[index] = WriteOnlyCell(sheet, value=row[index])
            cells[index].number_format = "0.00"
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MONEY_COLUMNS = {
    "formula_rent", "rent_cap", "current_rent", "cpi_limit", "maximum_rent", "proposed_rent",
    "new_rent", "rent_change", "current_service_charge", "new_service_charge", "current_total",
    "new_total",
}  # fmt: skip


def notice_dashboard(review: RentReview) -> dict[str, Any]:
    """What has been sent and what could not be: counts by status, and the tenancies listed
    for action (not sent, or too late: they keep their old rent)."""
    counts = dict(
        review.notices.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    action = (
        review.notices.exclude(status=NoticeStatus.SENT)
        .select_related("tenancy", "line__home")
        .order_by("status", "tenancy__ref")
    )
    return {
        "sent": counts.get(NoticeStatus.SENT, 0),
        "late": counts.get(NoticeStatus.LATE, 0),
        "not_sent": counts.get(NoticeStatus.NOT_SENT, 0),
        "action": action,
    }
