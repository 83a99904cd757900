"""The measures for a period, as the measures spec's output contract (the same object the
`hearth measures` command prints and every page and report draws from)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from hearth.api.auth import require
from hearth.api.problems import validation_problem
from hearth.core import measures
from hearth.core.permissions import Can

router = Router(tags=["measures"])


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
    description="Dates are YYYY-MM-DD, both inclusive. `from` after `to` is a 400.",
)
def get_measures(
    request: HttpRequest,
    date_from: Annotated[date, Query(alias="from", description="First day, YYYY-MM-DD.")],
    date_to: Annotated[date, Query(alias="to", description="Last day, YYYY-MM-DD.")],
) -> dict[str, Any]:
    require(request, Can.VIEW_MEASURES)
    if date_from > date_to:
        raise validation_problem(
            [
                {
                    "loc": ["query", "from"],
                    "field": "from",
                    "detail": "The period must not end before it starts: 'from' is after 'to'.",
                    "code": "period_reversed",
                }
            ],
            status=400,
            detail="The period must not end before it starts.",
        )
    return measures.report(date_from, date_to)
