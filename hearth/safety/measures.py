"""The building safety and home condition measures, exactly as the measures spec defines them.
Each is one aggregate query.

A thing has an in-date check of a kind at `to` when a check of that kind on it was done on or
before `to`, its outcome is not no access, and its next due date is on or after `to`
(`queries.in_date_check`). A later no-access attempt does not undo an earlier good check, and a
check done after `to` does not count. Homes are those managed at `to`; blocks are every block on
the register with communal areas (blocks have no managed dates).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Least
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
from hearth.estates.models import Block, Home
from hearth.safety import rules
from hearth.safety.models import ConditionSurvey
from hearth.safety.queries import in_date_check, lift_count, lifts_in_date


def _counts(row: dict[str, int | None]) -> Counts:
    return Counts(numerator=row["numerator"] or 0, denominator=row["denominator"] or 0)


def _homes(scope: Scope | None, period: Period) -> QuerySet[Home]:
    homes = Home.objects.managed_on(period.end)
    if scope is not None and scope.block_id is not None:
        return homes.filter(block_id=scope.block_id)
    if scope is not None and scope.estate_id is not None:
        return homes.filter(block__estate_id=scope.estate_id)
    return homes


def _blocks(scope: Scope | None) -> QuerySet[Block]:
    blocks = Block.objects.all()
    if scope is not None and scope.block_id is not None:
        return blocks.filter(pk=scope.block_id)
    if scope is not None and scope.estate_id is not None:
        return blocks.filter(estate_id=scope.estate_id)
    return blocks


def _homes_checked(period: Period, kind: str, scope: Scope | None = None, **only: object) -> QuerySet[Home]:  # fmt: skip
    return _homes(scope, period).filter(**only).annotate(ok=in_date_check(kind, period.end))


def _homes_in_date(period: Period, kind: str, scope: Scope | None = None, **only: object) -> Counts:  # fmt: skip
    return _counts(
        _homes_checked(period, kind, scope, **only).aggregate(
            denominator=Count("pk"), numerator=Count("pk", filter=Q(ok=True))
        )
    )


def _blocks_checked(period: Period, kind: str, scope: Scope | None = None) -> QuerySet[Block]:
    return (
        _blocks(scope)
        .filter(has_communal_areas=True)
        .annotate(ok=in_date_check(kind, period.end, on_field="block"))
    )


def _blocks_in_date(period: Period, kind: str, scope: Scope | None = None) -> Counts:
    return _counts(
        _blocks_checked(period, kind, scope).aggregate(
            denominator=Count("pk"), numerator=Count("pk", filter=Q(ok=True))
        )
    )


def _home_rows(homes: QuerySet[Home], counted: str, summary: Callable[[Any], str]) -> list[CaseRow]:  # fmt: skip
    return [
        CaseRow(
            ref=home.ref,
            summary=summary(home),
            url=reverse("safety:home", args=[home.pk]),
            counted=bool(getattr(home, counted)),
        )
        for home in homes.order_by("ref", "pk")
    ]


def _block_rows(blocks: QuerySet[Block], summary: Callable[[Any], str]) -> list[CaseRow]:
    return [
        CaseRow(
            ref=block.ref,
            summary=summary(block),
            url=reverse("safety:block", args=[block.pk]),
            counted=bool(block.ok),  # type: ignore[attr-defined]
        )
        for block in blocks.order_by("name", "pk")
    ]


def _in_date_words(thing: Any) -> str:
    return f"{thing}: in date" if thing.ok else f"{thing}: not in date"


def _register_checks() -> None:
    """The case lists (homes or blocks, counted when in date) and estate/block counts."""
    for measure_id, kind, on_blocks, only in (
        ("BS01", "gas", False, {"gas_supply": True}),
        ("BS02", "fire_risk", True, {}),
        ("BS03", "asbestos", True, {}),
        ("BS04", "water", True, {}),
        ("safety.electrical", "electrical", False, {}),
    ):

        def listed(period: Period, scope: Scope | None = None, kind: str = kind, on_blocks: bool = on_blocks, only: dict[str, Any] = only) -> list[CaseRow]:  # fmt: skip
            if on_blocks:
                return _block_rows(_blocks_checked(period, kind, scope), _in_date_words)
            return _home_rows(_homes_checked(period, kind, scope, **only), "ok", _in_date_words)

        def counted(period: Period, scope: Scope, kind: str = kind, on_blocks: bool = on_blocks, only: dict[str, Any] = only) -> Counts:  # fmt: skip
            if on_blocks:
                return _blocks_in_date(period, kind, scope)
            return _homes_in_date(period, kind, scope, **only)

        name = measure_id.replace(".", "_")
        listed.__qualname__ = f"listed_{name}"
        counted.__qualname__ = f"counted_{name}"
        lists_cases(measure_id)(listed)
        lists_scoped_cases(measure_id)(listed)
        scoped(measure_id)(counted)


@computes("BS01")
def gas(period: Period) -> Counts:
    """Homes at `to` with a gas supply: % with an in-date gas check."""
    return _homes_in_date(period, "gas", gas_supply=True)


@computes("BS02")
def fire_risk(period: Period) -> Counts:
    """Blocks at `to` with communal areas: % with an in-date fire risk assessment."""
    return _blocks_in_date(period, "fire_risk")


@computes("BS03")
def asbestos(period: Period) -> Counts:
    """Blocks at `to` with communal areas: % with an in-date asbestos check."""
    return _blocks_in_date(period, "asbestos")


@computes("BS04")
def water(period: Period) -> Counts:
    """Blocks at `to` with communal areas: % with an in-date water safety check."""
    return _blocks_in_date(period, "water")


def _lift_blocks(period: Period, scope: Scope | None = None) -> QuerySet[Block]:
    return (
        _blocks(scope)
        .annotate(lift_count=lift_count())
        .filter(lift_count__gt=0)
        .annotate(in_date=Least(lifts_in_date(period.end), F("lift_count")))
    )


@computes("BS05")
def lifts(period: Period) -> Counts:
    """Communal lifts at `to`: % in date. A block's lifts in date are its distinct lifts (by
    asset reference) with an in-date lift check, at most its lift count."""
    return lifts_scoped(period, Scope())


@scoped("BS05")
def lifts_scoped(period: Period, scope: Scope | None) -> Counts:
    return _counts(
        _lift_blocks(period, scope).aggregate(
            denominator=Sum("lift_count"), numerator=Sum("in_date")
        )
    )


@lists_cases("BS05")
def lift_cases(period: Period, scope: Scope | None = None) -> list[CaseRow]:
    """One row per block with lifts (the figure counts lifts: each row says how many of the
    block's lifts are in date; counted when any is, and `amount` is how many)."""
    return [
        CaseRow(
            ref=block.ref,
            summary=f"{block}: {block.in_date or 0} of {block.lift_count} lifts in date",  # type: ignore[attr-defined]
            url=reverse("safety:block", args=[block.pk]),
            counted=(block.in_date or 0) > 0,  # type: ignore[attr-defined]
            amount=block.in_date or 0,  # type: ignore[attr-defined]
        )
        for block in _lift_blocks(period, scope).order_by("name", "pk")
    ]


@computes("safety.electrical")
def electrical(period: Period) -> Counts:
    """Homes at `to`: % with an in-date electrical installation check."""
    return _homes_in_date(period, "electrical")


def _surveyed_homes(period: Period, scope: Scope | None = None) -> QuerySet[Home]:
    """Homes at `to` with their latest condition survey on or before `to` (two on one date: the
    one recorded last): whether it says decent, and its date."""
    latest = ConditionSurvey.objects.filter(
        home=OuterRef("pk"), surveyed_on__lte=period.end
    ).order_by("-surveyed_on", "-pk")
    since = rules.add_months(period.end, -12 * rules.SURVEY_YEARS)
    return (
        _homes(scope, period)
        .annotate(decent=Subquery(latest.values("decent")[:1]))
        .annotate(last=Subquery(latest.values("surveyed_on")[:1]))
        .annotate(
            not_decent=ExpressionWrapper(Q(decent=False), output_field=BooleanField()),
            recent=ExpressionWrapper(Q(last__gte=since), output_field=BooleanField()),
        )
    )


@computes("RP01")
def not_decent(period: Period) -> Counts:
    """Homes at `to` whose latest condition survey dated on or before `to` says they do not
    meet the Decent Homes Standard, as % of homes."""
    return not_decent_scoped(period, Scope())


@scoped("RP01")
def not_decent_scoped(period: Period, scope: Scope | None) -> Counts:
    return _counts(
        _surveyed_homes(period, scope).aggregate(
            denominator=Count("pk"), numerator=Count("pk", filter=Q(decent=False))
        )
    )


@lists_cases("RP01")
def not_decent_cases(period: Period, scope: Scope | None = None) -> list[CaseRow]:
    return _home_rows(
        _surveyed_homes(period, scope), "not_decent",
        lambda h: f"{h}: {'not decent' if h.decent is False else 'decent' if h.decent else 'no survey'}",
    )  # fmt: skip


@computes("homes.condition_surveyed")
def surveyed(period: Period) -> Counts:
    """Homes at `to`: % whose latest condition survey dated on or before `to` is dated within
    five years of `to` (on or after the same date five years earlier)."""
    return surveyed_scoped(period, Scope())


@scoped("homes.condition_surveyed")
def surveyed_scoped(period: Period, scope: Scope | None) -> Counts:
    since = rules.add_months(period.end, -12 * rules.SURVEY_YEARS)
    return _counts(
        _surveyed_homes(period, scope).aggregate(
            denominator=Count("pk"), numerator=Count("pk", filter=Q(last__gte=since))
        )
    )


@lists_cases("homes.condition_surveyed")
def surveyed_cases(period: Period, scope: Scope | None = None) -> list[CaseRow]:
    return _home_rows(
        _surveyed_homes(period, scope), "recent",
        lambda h: f"{h}: last surveyed {h.last:%d/%m/%Y}" if h.last else f"{h}: never surveyed",
    )  # fmt: skip


for _measure_id, _lister in (
    ("BS05", lift_cases),
    ("RP01", not_decent_cases),
    ("homes.condition_surveyed", surveyed_cases),
):
    lists_scoped_cases(_measure_id)(_lister)  # the same lists, for one estate or block
_register_checks()
