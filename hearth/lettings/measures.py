"""The empty homes and lettings measures, exactly as the measures spec defines them, each one
database query.

Choices where the spec is silent (also in docs/lettings.md):
- "Weekly rent + weekly service charge in force" for `voids.rent_lost` is the home's rate in
  force on the previous tenancy's end date or on the period's first day, whichever is later
  (the rate the home would be charging when its loss in the period starts); a home with no
  rate history uses the homes register's rate.
- A void's loss is worked out in whole pence as (weekly pence x lost days / 7), rounded half
  up to the penny, for each void, before summing.
- "Sign-up date" for `lettings.viewing_offered` is the date the void's sign-up was recorded;
  a void imported without one uses its new tenancy's start date.
- `lettings.letting_standard_met` counts a void whose recorded pass date (`voids.csv`
  `letting_standard_passed_on`) or any passed inspection is on or before the start date.
"""

from __future__ import annotations

from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, Round
from django.urls import reverse

from hearth.core.measures import (
    CaseRow,
    Counts,
    Period,
    Scope,
    computes,
    lists_cases,
    scope_through,
)
from hearth.lettings.models import LettingStandardInspection, Void, WorksType
from hearth.rents.queries import charges_dated, weekly_total_in_force


class DayNumber(Func):
    """A date as a whole number of days, so calendar days elapsed is a subtraction in SQL
    (measures spec: "calendar days elapsed: D2 - D1")."""

    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) - julianday('2000-01-01') AS INTEGER)",
            **extra,
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="((%(expressions)s) - DATE '2000-01-01')", **extra
        )


def _day(value: Any) -> DayNumber:
    return DayNumber(value if not isinstance(value, str) else F(value))


# The estate or block a measure is being counted for (set only while a scoped count runs).
_scope: ContextVar[Scope | None] = ContextVar("lettings_measure_scope", default=None)


def _void_in_scope(voids: QuerySet[Void]) -> QuerySet[Void]:
    """Only the voids of homes in the block or estate being counted (all when none is)."""
    scope = _scope.get()
    return voids if scope is None else scope.filter(voids, "home__block")


def _charges_dated(period: Period) -> QuerySet[Any]:
    """Rent and service charges dated in the period (one row, `total` in pence): of tenancies of
    homes in the block or estate being counted, while a scoped count runs."""
    return charges_dated(period.start, period.end, _scope.get())


def let_in(period: Period) -> QuerySet[Void]:
    """Voids whose new tenancy started in the period (only the block's or estate's while a
    scoped count runs)."""
    return _void_in_scope(Void.objects.filter(let_on__range=(period.start, period.end)))


def _relet(voids: QuerySet[Void]) -> Counts:
    elapsed = ExpressionWrapper(
        _day("let_on") - _day("previous_tenancy_end"), output_field=IntegerField()
    )
    row = voids.aggregate(numerator=Sum(elapsed), denominator=Count("pk"))
    return Counts(row["numerator"] or 0, row["denominator"] or 0)


@computes("voids.average_relet_days")
def average_relet_days(period: Period) -> Counts:
    """Voids let in period, not major works: mean calendar days from the previous tenancy's
    end to the new tenancy's start."""
    return _relet(let_in(period).exclude(works_type=WorksType.MAJOR))


@computes("voids.average_relet_days_major")
def average_relet_days_major(period: Period) -> Counts:
    """The same, for major works voids only."""
    return _relet(let_in(period).filter(works_type=WorksType.MAJOR))


def _void_losses(period: Period) -> QuerySet[Void]:
    """Voids empty on some day of the period, each with its loss in the period in whole pence
    (`loss_pence`)."""
    start, end = _day(Value(period.start)), _day(Value(period.end))
    first = Greatest(_day("previous_tenancy_end") + 1, start)
    last = Least(Coalesce(_day("let_on") - 1, end), end)
    weekly = Coalesce(
        weekly_total_in_force("home_id", "rate_day"),
        F("home__weekly_rent") + F("home__weekly_service_charge"),
    )
    weekly_pence = Cast(Round(weekly * 100), BigIntegerField())
    days = Cast(last - first + 1, BigIntegerField())
    # Half up to the penny, in integers: round(x / 7) = (2x + 7) div 14 for x >= 0.
    loss = (2 * weekly_pence * days + 7) / 14
    return (
        _void_in_scope(Void.objects.filter(previous_tenancy_end__lt=period.end))
        .filter(Q(let_on__isnull=True) | Q(let_on__gt=period.start))
        .annotate(rate_day=Greatest(F("previous_tenancy_end"), Value(period.start)))
        .annotate(lost_days=last - first + 1)
        .filter(lost_days__gt=0)
        .annotate(loss_pence=Cast(loss, BigIntegerField()))
    )


def _loss_pence(period: Period) -> QuerySet[Any]:
    """One row: the sum over voids of each void's loss in the period, in whole pence."""
    return (
        _void_losses(period)
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(total=Sum("loss_pence"))
        .values("total")
    )


def _one_row(*querysets: QuerySet[Any]) -> tuple[Any, ...]:
    """Several one-value querysets as one SELECT of scalar subqueries: one query."""
    parts: list[str] = []
    params: list[Any] = []
    for queryset in querysets:
        sql, values = queryset.query.sql_with_params()
        parts.append(f"({sql})")
        params.extend(values)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return tuple(cursor.fetchone())


@computes("voids.rent_lost")
def rent_lost(period: Period) -> Counts:
    """Loss on empty homes / (loss + rent and service charges dated in period) x 100."""
    loss, charges = _one_row(_loss_pence(period), _charges_dated(period))
    lost = Decimal(int(loss or 0)).scaleb(-2)
    charged = Decimal(int(charges or 0)).scaleb(-2)
    return Counts(lost, lost + charged)


@computes("lettings.letting_standard_met")
def letting_standard_met(period: Period) -> Counts:
    """Voids let in period: % with a passed Letting Standard inspection dated on or before
    the new tenancy's start."""
    passed = Exists(
        LettingStandardInspection.objects.filter(
            void=OuterRef("pk"), passed=True, inspected_on__lte=OuterRef("let_on")
        )
    )
    row = (
        let_in(period)
        .annotate(passed_ok=passed)
        .aggregate(
            numerator=Count(
                "pk", filter=Q(letting_standard_passed_on__lte=F("let_on")) | Q(passed_ok=True)
            ),
            denominator=Count("pk"),
        )
    )
    return Counts(row["numerator"], row["denominator"])


@computes("lettings.viewing_offered")
def viewing_offered(period: Period) -> Counts:
    """Voids let in period: % where a viewing was offered to the incoming tenant on or before
    the sign-up date."""
    row = let_in(period).aggregate(
        numerator=Count(
            "pk", filter=Q(viewing_offered_on__lte=Coalesce(F("signed_on"), F("let_on")))
        ),
        denominator=Count("pk"),
    )
    return Counts(row["numerator"], row["denominator"])


# The cases behind each figure, for the performance dashboard's drill-down (auditors).


def _void_row(void: Void, summary: str, counted: bool = True, amount: Any = None) -> CaseRow:
    return CaseRow(
        ref=void.ref, summary=summary, url=reverse("lettings:void", args=[void.ref]),
        counted=counted, amount=amount,
    )  # fmt: skip


def _relet_cases(voids: QuerySet[Void]) -> list[CaseRow]:
    """Each void let in period; `amount` is its days empty (the average's sum)."""
    return [
        _void_row(v, f"Empty {v.previous_tenancy_end:%d/%m/%Y} to {v.let_on:%d/%m/%Y}",
                  amount=(v.let_on - v.previous_tenancy_end).days)  # type: ignore[operator]
        for v in voids.order_by("let_on", "ref")
    ]  # fmt: skip


@lists_cases("voids.average_relet_days")
def average_relet_days_cases(period: Period) -> list[CaseRow]:
    return _relet_cases(let_in(period).exclude(works_type=WorksType.MAJOR))


@lists_cases("voids.average_relet_days_major")
def average_relet_days_major_cases(period: Period) -> list[CaseRow]:
    return _relet_cases(let_in(period).filter(works_type=WorksType.MAJOR))


@lists_cases("voids.rent_lost")
def rent_lost_cases(period: Period) -> list[CaseRow]:
    """Each void's loss in the period (counted: in the numerator and the denominator), then one
    row for the rent and service charges dated in the period (the rest of the denominator).
    Amounts are in pounds."""
    rows = [
        _void_row(v, f"{v.lost_days} days empty in the period",  # type: ignore[attr-defined]
                  amount=Decimal(int(v.loss_pence)).scaleb(-2))  # type: ignore[attr-defined]
        for v in _void_losses(period).order_by("previous_tenancy_end", "ref")
    ]  # fmt: skip
    (charges,) = _one_row(_charges_dated(period))
    rows.append(
        CaseRow(
            ref="charges",
            summary="Rent and service charges dated in the period",
            counted=False,
            amount=Decimal(int(charges or 0)).scaleb(-2),
        )
    )
    return rows


def _standard_passed() -> Exists:
    return Exists(
        LettingStandardInspection.objects.filter(
            void=OuterRef("pk"), passed=True, inspected_on__lte=OuterRef("let_on")
        )
    )


@lists_cases("lettings.letting_standard_met")
def letting_standard_met_cases(period: Period) -> list[CaseRow]:
    rows = let_in(period).annotate(passed_ok=_standard_passed()).order_by("let_on", "ref")
    return [
        _void_row(v, f"Let {v.let_on:%d/%m/%Y}",
                  counted=bool(v.passed_ok) or bool(v.letting_standard_passed_on and v.let_on and v.letting_standard_passed_on <= v.let_on))  # type: ignore[attr-defined]
        for v in rows
    ]  # fmt: skip


@lists_cases("lettings.viewing_offered")
def viewing_offered_cases(period: Period) -> list[CaseRow]:
    rows = let_in(period).order_by("let_on", "ref")
    return [
        _void_row(v, f"Let {v.let_on:%d/%m/%Y}",
                  counted=bool(v.viewing_offered_on and v.viewing_offered_on <= (v.signed_on or v.let_on)))  # type: ignore[operator]
        for v in rows
    ]  # fmt: skip


# Every lettings measure can be counted for one estate or block: the voids of homes there
# (for `voids.rent_lost`, with the rent and service charges of tenancies of homes there).
scope_through(
    _scope,
    "voids.rent_lost",
    "voids.average_relet_days",
    "voids.average_relet_days_major",
    "lettings.letting_standard_met",
    "lettings.viewing_offered",
)
