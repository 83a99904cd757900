"""TP01-TP12, the tenant perception measures, exactly as the measures spec defines them: survey
answers dated in period, one measure per question; value = (very satisfied + fairly satisfied)
÷ valid answers x 100 (TP08: strongly agree + agree), where "don't know" and "not applicable"
are not valid answers. Each is one aggregate query. They can be counted for one estate or block
(the respondent's home at the time they answered) and list the answers behind them.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from hearth.core.measures import (
    CaseRow,
    Counts,
    Period,
    Scope,
    computes,
    lists_cases,
    lists_scoped_cases,
    scoped,
)
from hearth.involvement import tsm
from hearth.involvement.models import Answer


def answers(question: str, period: Period, scope: Scope | None = None) -> QuerySet[Answer]:
    """Answers to one question whose response is dated in the period."""
    rows = Answer.objects.filter(
        question=question,
        response__answered_on__gte=period.start,
        response__answered_on__lte=period.end,
    )
    return rows if scope is None else scope.filter(rows, "response__tenancy__home__block")


def satisfaction(question: str, period: Period, scope: Scope | None = None) -> Counts:
    totals = answers(question, period, scope).aggregate(
        valid=Count("pk", filter=~Q(answer__in=tsm.NOT_VALID)),
        positive=Count("pk", filter=Q(answer__in=tsm.POSITIVE)),
    )
    return Counts(totals["positive"], totals["valid"])


def _register(question: str) -> None:
    def compute(period: Period) -> Counts:
        return satisfaction(question, period)

    def compute_scoped(period: Period, scope: Scope) -> Counts:
        return satisfaction(question, period, scope)

    def listed(period: Period, scope: Scope | None = None) -> list[CaseRow]:
        rows = (
            answers(question, period, scope)
            .exclude(answer__in=tsm.NOT_VALID)
            .select_related("response")
            .order_by("response__answered_on", "response_id")
        )
        return [
            CaseRow(
                ref=f"R{row.response_id}",
                summary=f"{row.response.answered_on:%d/%m/%Y}: {tsm.ANSWER_LABELS[row.answer]}",
                url=reverse("involvement:response", args=[row.response_id]),
                counted=row.answer in tsm.POSITIVE,
            )
            for row in rows
        ]

    for fn in (compute, compute_scoped, listed):
        fn.__qualname__ = f"{fn.__name__}_{question}"
    computes(question)(compute)
    scoped(question)(compute_scoped)
    lists_cases(question)(listed)
    lists_scoped_cases(question)(listed)


for _code in tsm.CODES:
    _register(_code)
