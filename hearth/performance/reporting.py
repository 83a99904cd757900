"""The dashboard's figures, built from the measures registry's one report object (the output
contract), so every page, chart, export and return shows the same numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _

from hearth.core.measures import Period, Scope, registry
from hearth.core.measures import cached_report as report
from hearth.involvement import queries as involvement


def year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def financial_year_start(day: date) -> date:
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def dashboard_rows(start: date, end: date, scope: Scope | None = None) -> dict[str, Any]:
    """The report for the period, each measure with the same period last year beside it, and
    for a satisfaction figure the number of answers and the response rate."""
    current = report(start, end, scope=scope)
    last = report(year_before(start), year_before(end), scope=scope)
    last_by_id = {m["id"]: m for m in last["measures"]}
    participation = involvement.participation(Period(start, end), scope)
    for row in current["measures"]:
        row["last_year"] = last_by_id[row["id"]]["value"]
        row["survey"] = involvement.is_survey_measure(row["id"])
        if row["survey"]:
            row["answers"] = row["denominator"] or 0
            row["response_rate"] = participation.response_rate
        row["can_drill"] = registry.can_drill(row["id"], scope)
        row["can_scope"] = registry.can_scope(row["id"])
    current["last_period"] = last["period"]
    return current


def months_between(start: date, end: date, limit: int = 24) -> list[tuple[date, date]]:
    """Calendar months overlapping the period, each clipped to it (at most `limit`, the last)."""
    months: list[tuple[date, date]] = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        following = date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
        months.append((max(cursor, start), min(following - timedelta(days=1), end)))
        cursor = following
    return months[-limit:]


@dataclass(frozen=True)
class TrendPoint:
    start: date
    end: date
    value: float | None
    numerator: Any
    denominator: Any
    last_year: float | None


def trend(measure_id: str, start: date, end: date, scope: Scope | None = None) -> list[TrendPoint]:
    points = []
    for month_start, month_end in months_between(start, end):
        now = report(month_start, month_end, only=[measure_id], scope=scope)["measures"][0]
        then = report(
            year_before(month_start), year_before(month_end), only=[measure_id], scope=scope
        )["measures"][0]
        points.append(
            TrendPoint(
                month_start,
                month_end,
                now["value"],
                now["numerator"],
                now["denominator"],
                then["value"],
            )
        )
    return points


def bar_chart_svg(points: list[TrendPoint], *, title: str, unit: str) -> str:
    """A simple bar chart of the monthly values (the table beside it carries the same numbers
    for screen readers, so the chart is marked as an image with a short description)."""
    values = [p.value for p in points]
    top = max([v for v in values if v is not None] + [1.0])
    if unit == "%":
        top = max(top, 100.0)
    width, height, gap = 40, 160, 8
    total_width = len(points) * (width + gap) + gap
    bars = []
    for index, point in enumerate(points):
        x = gap + index * (width + gap)
        if point.value is not None:
            bar = int(height * point.value / top)
            bars.append(
                f'<rect x="{x}" y="{height - bar + 10}" width="{width}" height="{bar}" '
                f'fill="#1d70b8"></rect>'
            )
        bars.append(
            f'<text x="{x + width // 2}" y="{height + 26}" font-size="11" '
            f'text-anchor="middle">{point.start:%b}</text>'
        )
    label = escape(_("Monthly figures for %(title)s, shown in the table below") % {"title": title})
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
        f'width="{total_width}" height="{height + 34}" viewBox="0 0 {total_width} {height + 34}">'
        f'<line x1="0" y1="{height + 10}" x2="{total_width}" y2="{height + 10}" '
        f'stroke="#0b0c0c"></line>{"".join(bars)}</svg>'
    )


EXPORT_COLUMNS = (
    "id",
    "title",
    "value",
    "unit",
    "numerator",
    "denominator",
    "target",
    "met",
    "last_year",
)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def export_rows(found: dict[str, Any]) -> list[list[Any]]:
    header = [
        _("Measure id"),
        _("Measure"),
        _("Value"),
        _("Unit"),
        _("Numerator"),
        _("Denominator"),
        _("Target"),
        _("Met"),
        _("Same period last year"),
    ]
    return [header] + [[_cell(m.get(col)) for col in EXPORT_COLUMNS] for m in found["measures"]]


def to_csv(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


def to_xlsx(rows: list[list[Any]], *, title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def section_chart_svg(measures: list[dict[str, Any]], *, label: str) -> str:
    """Horizontal bars for a standard's percentage measures, each with its target marked. The
    table beside it carries the same numbers, so the chart is an image with a description."""
    rows = [m for m in measures if m["unit"] == "%" and m["value"] is not None]
    if not rows:
        return ""
    bar_height, gap, width, left = 18, 10, 300, 10
    height = len(rows) * (bar_height + gap) + gap
    parts = []
    for index, m in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = int(width * min(float(m["value"]), 100.0) / 100)
        colour = "#00703c" if m["met"] is not False else "#d4351c"
        parts.append(
            f'<rect x="{left}" y="{y}" width="{width}" height="{bar_height}" fill="#f3f2f1"></rect>'
            f'<rect x="{left}" y="{y}" width="{length}" height="{bar_height}" fill="{colour}"></rect>'
        )
        if m["target"] is not None:
            tx = left + int(width * min(float(m["target"]), 100.0) / 100)
            parts.append(
                f'<line x1="{tx}" y1="{y - 3}" x2="{tx}" y2="{y + bar_height + 3}" '
                f'stroke="#0b0c0c" stroke-width="2"></line>'
            )
    total = left * 2 + width
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}" '
        f'width="{total}" height="{height}" viewBox="0 0 {total} {height}">{"".join(parts)}</svg>'
    )
