"""The building safety and home condition measures, exactly as the measures spec defines them.
Each is one aggregate query.

A thing has an in-date check of a kind at `to` when a check of that kind on it was done on or
before `to`, its outcome is not no access, and its next due date is on or after `to`
(`queries.in_date_check`). A later no-access attempt does not undo an earlier good check, and a
check done after `to` does not count. Homes are those managed at `to`; blocks are every block on
the register with communal areas (blocks have no managed dates).
"""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Least

from hearth.core.measures import Counts, Period, computes
from hearth.estates.models import Block, Home
from hearth.safety import rules
from hearth.safety.models import ConditionSurvey
from hearth.safety.queries import in_date_check, lift_count, lifts_in_date


def _counts(row: dict[str, int | None]) -> Counts:
    return Counts(numerator=row["numerator"] or 0, denominator=row["denominator"] or 0)


def _homes_in_date(period: Period, kind: str, **scope: object) -> Counts:
    return _counts(
        Home.objects.managed_on(period.end)
        .filter(**scope)
        .annotate(ok=in_date_check(kind, period.end))
        .aggregate(denominator=Count("pk"), numerator=Count("pk", filter=Q(ok=True)))
    )


def _blocks_in_date(period: Period, kind: str) -> Counts:
    return _counts(
        Block.objects.filter(has_communal_areas=True)
        .annotate(ok=in_date_check(kind, period.end, on_field="block"))
        .aggregate(denominator=Count("pk"), numerator=Count("pk", filter=Q(ok=True)))
    )


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


@computes("BS05")
def lifts(period: Period) -> Counts:
    """Communal lifts at `to`: % in date. A block's lifts in date are its distinct lifts (by
    asset reference) with an in-date lift check, at most its lift count."""
    return _counts(
        Block.objects.annotate(lift_count=lift_count())
        .filter(lift_count__gt=0)
        .annotate(ok=Least(lifts_in_date(period.end), F("lift_count")))
        .aggregate(denominator=Sum("lift_count"), numerator=Sum("ok"))
    )


@computes("safety.electrical")
def electrical(period: Period) -> Counts:
    """Homes at `to`: % with an in-date electrical installation check."""
    return _homes_in_date(period, "electrical")


@computes("RP01")
def not_decent(period: Period) -> Counts:
    """Homes at `to` whose latest condition survey dated on or before `to` says they do not
    meet the Decent Homes Standard, as % of homes. Two surveys of a home on one date: the one
    recorded last is the latest."""
    latest = ConditionSurvey.objects.filter(
        home=OuterRef("pk"), surveyed_on__lte=period.end
    ).order_by("-surveyed_on", "-pk")
    return _counts(
        Home.objects.managed_on(period.end)
        .annotate(decent=Subquery(latest.values("decent")[:1]))
        .aggregate(denominator=Count("pk"), numerator=Count("pk", filter=Q(decent=False)))
    )


@computes("homes.condition_surveyed")
def surveyed(period: Period) -> Counts:
    """Homes at `to`: % whose latest condition survey dated on or before `to` is dated within
    five years of `to` (on or after the same date five years earlier)."""
    latest = ConditionSurvey.objects.filter(
        home=OuterRef("pk"), surveyed_on__lte=period.end
    ).order_by("-surveyed_on", "-pk")
    since = rules.add_months(period.end, -12 * rules.SURVEY_YEARS)
    return _counts(
        Home.objects.managed_on(period.end)
        .annotate(last=Subquery(latest.values("surveyed_on")[:1]))
        .aggregate(denominator=Count("pk"), numerator=Count("pk", filter=Q(last__gte=since)))
    )
