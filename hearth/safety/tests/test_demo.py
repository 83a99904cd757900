"""The demo landlord's safety register is realistic, and the dashboard and the measures agree
on it home by home."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.db.models import F, Q

from hearth.core.measures import Period
from hearth.estates.models import Block, Home
from hearth.safety import measures, queries
from hearth.safety.models import (
    AccessAttempt,
    CheckType,
    LegalAccess,
    RemedialAction,
    SafetyCheck,
)

TODAY = date(2026, 11, 25)
YEAR = Period(TODAY - timedelta(days=364), TODAY)


def _in_date_by_hand(kind: str, pk: int, field: str) -> bool:
    """The spec's test, asked of one home or block on its own."""
    return (
        SafetyCheck.objects.filter(
            kind=kind, done_on__lte=TODAY, next_due_on__gte=TODAY, **{field: pk}
        )
        .exclude(outcome="no_access")
        .exists()
    )


def test_the_demo_register_is_realistic_and_the_dashboard_agrees_with_the_measures(db) -> None:  # type: ignore[no-untyped-def]
    call_command("demo", "--homes", "300", "--today", TODAY.isoformat(), stdout=StringIO())

    assert Home.objects.filter(gas_supply=False).exists()
    assert Block.objects.filter(lifts=2).exists()
    assert AccessAttempt.objects.values("channel").distinct().count() >= 3
    assert LegalAccess.objects.exists()
    risks = set(RemedialAction.objects.values_list("risk", flat=True))
    assert risks == {"immediate", "high", "medium", "low"}
    assert RemedialAction.objects.filter(status="open", due_on__lt=TODAY).exists()
    assert queries.homes_needing_survey(on=TODAY).exists()

    agreements = {"gas": measures.gas, "electrical": measures.electrical,
                  "fire_risk": measures.fire_risk, "asbestos": measures.asbestos,
                  "water": measures.water, "lift": measures.lifts}  # fmt: skip
    for code, measure in agreements.items():
        check_type = CheckType.objects.get(code=code)
        row = queries.summary(check_type, on=TODAY)
        counts = measure(YEAR)
        assert (row.in_date, row.in_scope) == (counts.numerator, counts.denominator), code
        if check_type.applies_to == "home":  # a few overdue, most in date
            assert 0 < row.overdue < row.in_scope / 4, code
        if code == "lift":
            continue
        field = check_type.applies_to
        states = dict(queries.register(check_type, on=TODAY).values_list("pk", "state"))
        for pk, state in states.items():
            assert (state in ("in_date", "due_soon")) == _in_date_by_hand(
                check_type.kind, pk, field
            ), (code, pk)

    surveyed = measures.surveyed(YEAR)
    assert (
        queries.homes_needing_survey(on=TODAY).count() == surveyed.denominator - surveyed.numerator
    )
    assert measures.not_decent(YEAR).numerator > 0
    good_but_due_before_done = SafetyCheck.objects.filter(
        ~Q(outcome="no_access"), next_due_on__lt=F("done_on")
    )
    assert not good_but_due_before_done.exists()
