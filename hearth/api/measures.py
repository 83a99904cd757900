"""The measures for a period, as the measures spec's output contract (the same object the
`hearth measures` command prints and every page and report draws from)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from hearth.core import measures
from hearth.core.api.access import require
from hearth.core.api.problems import validation_problem
from hearth.core.permissions import Can

router = Router(tags=["measures"])

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)


class PeriodOut(Schema):
    from_: date = Field(alias="from", description="First day of the period (inclusive).")
    to: date = Field(description="Last day of the period (inclusive).")


class MeasureOut(Schema):
    id: str = Field(description="The measure's id in the measures spec, e.g. CH02.stage1.")
    title: str
    value: float | None = Field(description="Rounded for output; null when the denominator is 0.")
    unit: str
    numerator: int | float | None = Field(description="The raw count or sum.")
    denominator: int | float | None
    target: float | None
    met: bool | None = Field(description="Whether the value meets the target; null if either is.")


class ReportOut(Schema):
    period: PeriodOut
    homes: int = Field(description="Homes managed at the period's end.")
    measures: list[MeasureOut]


@router.get(
    "/measures",
    response=ReportOut,
    by_alias=True,
    summary="Every measure for a period",
    description=(
        "Dates are YYYY-MM-DD, both inclusive, from 1900-01-01 to 2199-12-31. "
        "A date outside those years, or `from` after `to`, is a 400."
    ),
)
def get_measures(
    request: HttpRequest,
    date_from: Annotated[date, Query(alias="from", description="First day, YYYY-MM-DD.")],
    date_to: Annotated[date, Query(alias="to", description="Last day, YYYY-MM-DD.")],
) -> dict[str, Any]:
    require(request, Can.VIEW_MEASURES)
    errors = period_errors(date_from, date_to)
    if errors:
        raise validation_problem(errors, status=400, detail="The period is not one we can count.")
    return measures.cached_report(date_from, date_to)


def period_errors(date_from: date, date_to: date) -> list[dict[str, Any]]:
    """What is wrong with a period the schema cannot say: dates outside the years measures can
    be counted in (the counts reach a year before `from` and weeks after `to`), or an end
    before the start."""
    errors = []
    for field, day in (("from", date_from), ("to", date_to)):
        if not EARLIEST <= day <= LATEST:
            errors.append(
                {
                    "loc": ["query", field],
                    "field": field,
                    "detail": f"Give a date from {EARLIEST.isoformat()} to {LATEST.isoformat()}.",
                    "code": "date_out_of_range",
                }
            )
    if not errors and date_from > date_to:
        errors.append(
            {
                "loc": ["query", "from"],
                "field": "from",
                "detail": "The period must not end before it starts: 'from' is after 'to'.",
                "code": "period_reversed",
            }
        )
    return errors
