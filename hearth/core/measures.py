"""The measures registry: every promise in the charter as a number with an exact definition.

The catalogue below lists every measure id of the measures spec (`docs/measures.md`) in
the spec's order, with its title, unit, kind and default target. A domain computes a measure by
registering a function next to its models, in its own `measures.py`:

    from hearth.core.measures import Counts, Period, computes

    @computes("CH02.stage1")
    def ch02_stage1(period: Period) -> Counts:
        ...one or two aggregate queries...
        return Counts(numerator=on_time, denominator=responded)

A domain may also say which cases lie behind a measure's numerator and denominator, so an
auditor can check any figure (`@lists_cases("CH02.stage1")`, returning `CaseRow`s), and how to
count a measure for one estate or block (`@scoped("TP01")`, taking a `Scope`). Both are
optional: a measure without them shows "not available yet".

`report(date_from, date_to)` returns the spec's output contract; the `hearth measures` command,
the API and every page and report use it, so they can never disagree. A measure whose domain has
not registered it yet still appears, with null numbers, so the shape never changes.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, TypeVar

from django.utils.module_loading import autodiscover_modules

from hearth.core.db_router import reading_reports
from hearth.core.registry import Registry


class Kind(StrEnum):
    PERCENT = "percent"  # numerator / denominator x 100
    AVERAGE = "average"  # numerator (a sum) / denominator (a count)
    RATE_PER_1000 = "rate_per_1000"  # numerator / homes x 1,000


class Direction(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("The period must not end before it starts.")


@dataclass(frozen=True)
class Counts:
    numerator: int | Decimal
    denominator: int | Decimal


@dataclass(frozen=True)
class MeasureDef:
    id: str
    title: str
    unit: str
    kind: Kind
    target: float | None
    direction: Direction | None


Compute = Callable[[Period], Counts]


@dataclass(frozen=True)
class CaseRow:
    """One case behind a figure: in the denominator always (for a rate, the denominator is the
    homes managed, so the rows are the counted cases), and in the numerator when `counted`.
    For an average, `amount` is what the case adds to the numerator's sum."""

    ref: str
    summary: str
    url: str = ""
    counted: bool = True
    amount: int | Decimal | None = None


@dataclass(frozen=True)
class Scope:
    """Part of the landlord's homes: one estate, or one block (a block implies its estate)."""

    estate_id: int | None = None
    block_id: int | None = None

    def filter(self, rows: Any, block: str = "block") -> Any:
        """Only the rows in this block or estate; `block` is the path from the rows to their
        block (`"home__block"` for a void, `"tenancy__home__block"` for a survey answer)."""
        if self.block_id is not None:
            return rows.filter(**{f"{block}_id": self.block_id})
        if self.estate_id is not None:
            return rows.filter(**{f"{block}__estate_id": self.estate_id})
        return rows


ListCases = Callable[[Period], list[CaseRow]]
ComputeScoped = Callable[[Period, Scope], Counts]
ListScopedCases = Callable[[Period, Scope], list[CaseRow]]
# A case list keeps its own type when registered (one function may serve as both lists).
_Lister = TypeVar("_Lister", bound=ListCases)
_ScopedLister = TypeVar("_ScopedLister", bound=ListScopedCases)


def _pct(
    id_: str,
    title: str,
    target: float | None = 100.0,
    direction: Direction | None = Direction.AT_LEAST,
) -> MeasureDef:
    return MeasureDef(id_, title, "%", Kind.PERCENT, target, direction)


def _rate(id_: str, title: str) -> MeasureDef:
    return MeasureDef(id_, title, "per 1,000 homes", Kind.RATE_PER_1000, None, None)


_TP_TITLES = {
    "TP01": "Satisfied with the overall service from their landlord",
    "TP02": "Satisfied with the overall repairs service over the last 12 months",
    "TP03": "Satisfied with the time taken to complete their most recent repair",
    "TP04": "Satisfied that their home is well maintained",
    "TP05": "Satisfied that their home is safe",
    "TP06": "Satisfied that their landlord listens to their views and acts upon them",
    "TP07": "Satisfied that their landlord keeps them informed about things that matter to them",
    "TP08": "Agree that their landlord treats them fairly and with respect",
    "TP09": "Satisfied with their landlord's approach to handling complaints",
    "TP10": "Satisfied that their landlord keeps communal areas clean and well maintained",
    "TP11": "Satisfied that their landlord makes a positive contribution to the neighbourhood",
    "TP12": "Satisfied with their landlord's approach to handling anti-social behaviour",
}

CATALOGUE: tuple[MeasureDef, ...] = (
    MeasureDef(
        "complaints.stage1_average_working_days",
        "Average working days to answer a complaint at stage 1",
        "working days",
        Kind.AVERAGE,
        10.0,
        Direction.AT_MOST,
    ),
    _rate("CH01.stage1", "Stage 1 complaints received per 1,000 homes"),
    _rate("CH01.stage2", "Stage 2 complaints received per 1,000 homes"),
    _pct("CH02.stage1", "Stage 1 complaints answered on time"),
    _pct("CH02.stage2", "Stage 2 complaints answered on time"),
    _pct("complaints.acknowledged_on_time", "Complaints acknowledged within 5 working days"),
    _pct("RP02.emergency", "Emergency repairs completed within 24 hours"),
    _pct("RP02.non_emergency", "Non-emergency repairs completed on time"),
    _pct("repairs.first_visit_fix", "Repairs fixed on the first visit", 90.0),
    _pct("repairs.appointments_offered", "Repairs with an appointment offered", 95.0),
    _pct("repairs.appointments_kept", "Repair appointments kept", 98.0),
    _pct(
        "repairs.progress_updates",
        "Residents updated within 1 working day when a repair needs more work",
    ),
    _pct("BS01", "Homes with gas that have an in-date gas safety check", 100.0),
    _pct("BS02", "Blocks with an in-date fire risk assessment", 100.0),
    _pct("BS03", "Blocks with an in-date asbestos check", 100.0),
    _pct("BS04", "Blocks with an in-date water safety check", 100.0),
    _pct("BS05", "Communal lifts with an in-date thorough examination", 100.0),
    _pct("safety.electrical", "Homes with an in-date electrical safety check", 100.0),
    _pct("RP01", "Homes that do not meet the Decent Homes Standard", 0.0, Direction.AT_MOST),
    _pct("homes.condition_surveyed", "Homes with a condition survey in the last five years", 100.0),
    MeasureDef(
        "voids.average_relet_days",
        "Average days to re-let an empty home (minor works)",
        "days",
        Kind.AVERAGE,
        21.0,
        Direction.AT_MOST,
    ),
    MeasureDef(
        "voids.average_relet_days_major",
        "Average days to re-let an empty home (major works)",
        "days",
        Kind.AVERAGE,
        60.0,
        Direction.AT_MOST,
    ),
    _pct("voids.rent_lost", "Rent lost on empty homes", 1.0, Direction.AT_MOST),
    _pct(
        "lettings.letting_standard_met",
        "Homes let that passed the Letting Standard inspection first",
    ),
    _pct("lettings.viewing_offered", "New tenants offered a viewing before signing"),
    _pct("rent.collected", "Rent and service charges collected"),
    _pct(
        "rent.current_arrears",
        "Current tenants' arrears as a share of a year's rent",
        3.0,
        Direction.AT_MOST,
    ),
    _pct(
        "arrears.contacted_in_5_days",
        "Residents contacted within 5 working days of falling into arrears",
    ),
    _pct("tenancy.money_advice_offered", "New tenants offered money advice within 20 working days"),
    _pct("estate.inspections_completed", "Monthly block inspections done"),
    _pct("estate.inspections_publicised", "Block inspections announced at least 7 days ahead"),
    _pct("estate.flytipping_removed", "Fly-tipping removed within 3 working days"),
    _pct("estate.cleaning_concerns_answered", "Cleaning concerns answered within 3 working days"),
    _pct("estate.cleaning_schedules_displayed", "Blocks with their cleaning schedule on display"),
    _pct("asb.monthly_updates", "Antisocial behaviour cases updated at least monthly"),
    _rate("NM01.asb", "Antisocial behaviour cases opened per 1,000 homes"),
    _rate("NM01.hate", "Hate incidents opened per 1,000 homes"),
    *(_pct(tp, title, 80.0) for tp, title in _TP_TITLES.items()),
)


def _round(value: Decimal, places: int) -> float:
    """Half away from zero, at output only (measures spec, Conventions)."""
    quantum = Decimal(1).scaleb(-places)
    return float(value.quantize(quantum, rounding=ROUND_HALF_UP))


def _number(value: int | Decimal) -> int | float:
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and value.as_tuple().exponent == 0
            else float(value)
        )
    return value


def value_of(definition: MeasureDef, counts: Counts) -> float | None:
    numerator = Decimal(counts.numerator)
    denominator = Decimal(counts.denominator)
    if denominator == 0:
        return None
    if definition.kind is Kind.PERCENT:
        return _round(numerator * 100 / denominator, 1)
    if definition.kind is Kind.AVERAGE:
        return _round(numerator / denominator, 1)
    return _round(numerator * 1000 / denominator, 2)


def is_met(definition: MeasureDef, value: float | None, target: float | None) -> bool | None:
    if value is None or target is None or definition.direction is None:
        return None
    if definition.direction is Direction.AT_LEAST:
        return value >= target
    return value <= target


HomesCounter = Callable[[date, Scope | None], int]
_homes_counters: Registry[HomesCounter] = Registry("homes counters")


def register_homes_counter(counter: HomesCounter) -> None:
    """The homes app says how many homes the landlord managed on a day, in all or in one estate
    or block (the denominator of rates per 1,000 homes); core keeps no homes of its own."""
    _homes_counters.register(counter, key="homes", replace=True)


def homes_managed_at(day: date, scope: Scope | None = None) -> int:
    counter = _homes_counters.get("homes")
    if counter is None:
        raise RuntimeError("No app has registered how to count the homes managed.")
    return counter(day, scope)


def _targets() -> dict[str, Any]:
    from hearth.core.models import Landlord

    # Read only: a report never writes (a new landlord row would move the data version on
    # and make the report just cached out of date at once).
    landlord = Landlord.objects.order_by("pk").first()
    return dict(landlord.targets or {}) if landlord is not None else {}


class MeasureRegistry:
    """A catalogue of measure definitions and the functions that compute them."""

    def __init__(self, catalogue: tuple[MeasureDef, ...], *, discover: bool = False) -> None:
        self.catalogue = catalogue
        self._by_id = {m.id: m for m in catalogue}
        self._computers: dict[str, Compute] = {}
        self._case_lists: dict[str, ListCases] = {}
        self._scoped: dict[str, ComputeScoped] = {}
        self._scoped_case_lists: dict[str, ListScopedCases] = {}
        self._discover = discover

    def computes(self, measure_id: str) -> Callable[[Compute], Compute]:
        """Register the function that computes a catalogued measure (one per id).

        For a rate per 1,000 homes, return the count as the numerator; the registry supplies
        the homes managed at the period's end as the denominator.
        """
        if measure_id not in self._by_id:
            raise KeyError(f"{measure_id} is not in the measures spec's catalogue")

        def decorator(fn: Compute) -> Compute:
            existing = self._computers.get(measure_id)
            if existing is not None and existing.__qualname__ != fn.__qualname__:
                raise ValueError(
                    f"{measure_id} is already computed by {existing.__module__}.{existing.__qualname__}"
                )
            self._computers[measure_id] = fn
            return fn

        return decorator

    def _known(self, measure_id: str) -> None:
        if measure_id not in self._by_id:
            raise KeyError(f"{measure_id} is not in the measures spec's catalogue")

    def lists_cases(self, measure_id: str) -> Callable[[_Lister], _Lister]:
        """Register the function listing the cases behind a measure's figure (optional)."""
        self._known(measure_id)

        def decorator(fn: _Lister) -> _Lister:
            self._case_lists[measure_id] = fn
            return fn

        return decorator

    def scoped(self, measure_id: str) -> Callable[[ComputeScoped], ComputeScoped]:
        """Register how to count a measure for one estate or block (optional)."""
        self._known(measure_id)

        def decorator(fn: ComputeScoped) -> ComputeScoped:
            self._scoped[measure_id] = fn
            return fn

        return decorator

    def lists_scoped_cases(self, measure_id: str) -> Callable[[_ScopedLister], _ScopedLister]:
        """Register the function listing the cases behind a measure's figure for one estate or
        block (optional; without it, a scoped figure has no drill-down)."""
        self._known(measure_id)

        def decorator(fn: _ScopedLister) -> _ScopedLister:
            self._scoped_case_lists[measure_id] = fn
            return fn

        return decorator

    def case_list(self, measure_id: str) -> ListCases | None:
        self.registered()
        return self._case_lists.get(measure_id)

    def can_scope(self, measure_id: str) -> bool:
        self.registered()
        return measure_id in self._scoped

    def can_drill(self, measure_id: str, scope: Scope | None = None) -> bool:
        """Whether the cases behind the figure can be listed (for one estate or block, when
        `scope` is given)."""
        self.registered()
        if scope is None:
            return measure_id in self._case_lists
        return measure_id in self._scoped_case_lists

    def cases(
        self, measure_id: str, period: Period, scope: Scope | None = None
    ) -> list[CaseRow] | None:
        """The cases behind a measure's figure for the period (in one estate or block, when
        `scope` is given), or None when its domain has not said how to list them."""
        self.registered()
        if scope is not None:
            scoped_lister = self._scoped_case_lists.get(measure_id)
            return None if scoped_lister is None else scoped_lister(period, scope)
        lister = self._case_lists.get(measure_id)
        return None if lister is None else lister(period)

    def registered(self) -> dict[str, Compute]:
        if self._discover:
            # Each domain's measures.py registers itself on import (as admin.py does).
            autodiscover_modules("measures")
            self._discover = False
        return dict(self._computers)

    def definition(self, measure_id: str) -> MeasureDef:
        return self._by_id[measure_id]

    def evaluate(
        self,
        definition: MeasureDef,
        period: Period,
        homes: int,
        targets: dict[str, Any],
        scope: Scope | None = None,
    ) -> dict[str, Any]:
        target = targets.get(definition.id, definition.target)
        target = None if target is None else float(target)
        compute: Compute | None = self.registered().get(definition.id)
        if scope is not None:
            scoped = self._scoped.get(definition.id)
            compute = None if scoped is None else (lambda p: scoped(p, scope))
        numerator: int | float | None = None
        denominator: int | float | None = None
        value: float | None = None
        if compute is not None:
            counts = compute(period)
            if definition.kind is Kind.RATE_PER_1000:
                counts = Counts(counts.numerator, homes)
            value = value_of(definition, counts)
            numerator, denominator = _number(counts.numerator), _number(counts.denominator)
        return {
            "id": definition.id,
            "title": definition.title,
            "value": value,
            "unit": definition.unit,
            "numerator": numerator,
            "denominator": denominator,
            "target": target,
            "met": is_met(definition, value, target),
        }

    def report(
        self,
        date_from: date,
        date_to: date,
        *,
        only: list[str] | None = None,
        scope: Scope | None = None,
    ) -> dict[str, Any]:
        """The output contract: `{"period": …, "homes": …, "measures": [...]}` in the spec's order.

        With a `scope`, measures that can be counted for one estate or block are; the others
        have null numbers (the shape never changes). A rate's denominator, and `homes`, are then
        the homes managed in that estate or block."""
        period = Period(date_from, date_to)
        wanted = (
            self.catalogue
            if only is None
            else tuple(m for m in self.catalogue if m.id in set(only))
        )
        with reading_reports():  # from the read replica, when there is one
            homes = homes_managed_at(date_to, scope)
            targets = _targets()
            return {
                "period": {"from": date_from.isoformat(), "to": date_to.isoformat()},
                "homes": homes,
                "measures": [self.evaluate(m, period, homes, targets, scope) for m in wanted],
            }


registry = MeasureRegistry(CATALOGUE, discover=True)
computes = registry.computes
report = registry.report
lists_cases = registry.lists_cases
lists_scoped_cases = registry.lists_scoped_cases
scoped = registry.scoped
definition = registry.definition


# A cached report lives a day at most (a bound on the cache's size, not on its freshness:
# any change to the data behind it moves the data version on, and with it the key).
CACHE_SECONDS = 24 * 60 * 60


def cached_report(
    date_from: date,
    date_to: date,
    *,
    only: list[str] | None = None,
    scope: Scope | None = None,
) -> dict[str, Any]:
    """`report()`, from the cache (Django's default cache: the database, or Redis when
    configured) while no data behind it has changed; counted again, once, after a change.

    The key holds the data version (`hearth.core.data_version`), which every write to a table
    the measures read moves on, so the answer is always the one `report()` would give."""
    from django.core.cache import cache

    from hearth.core import data_version

    key = ":".join(
        [
            "measures",
            str(data_version.current()),
            date_from.isoformat(),
            date_to.isoformat(),
            ",".join(sorted(only)) if only is not None else "*",
            f"{scope.estate_id}.{scope.block_id}" if scope is not None else "-",
        ]
    )
    found = cache.get(key)
    if found is None:
        found = report(date_from, date_to, only=only, scope=scope)
        cache.set(key, found, CACHE_SECONDS)
    return found  # type: ignore[no-any-return]


def scope_through(variable: ContextVar[Scope | None], *measure_ids: str) -> None:
    """Register an estate or block count for measures whose queries read the scope from
    `variable` (a domain's `ContextVar`, None when counting for the whole landlord): the count
    sets it, runs the measure's own query, and resets it, so both counts share one query. The
    measure's case list (when it has one) is run the same way, so its drill-down for an estate
    or block lists exactly the cases behind the scoped figure: the case list's queries must
    read `variable` too."""
    for measure_id in measure_ids:

        def counted(period: Period, scope: Scope, measure_id: str = measure_id) -> Counts:
            token = variable.set(scope)
            try:
                return registry.registered()[measure_id](period)
            finally:
                variable.reset(token)

        def listed(period: Period, scope: Scope, measure_id: str = measure_id) -> list[CaseRow]:
            lister = registry.case_list(measure_id)
            if lister is None:
                return []
            token = variable.set(scope)
            try:
                return lister(period)
            finally:
                variable.reset(token)

        name = measure_id.replace(".", "_")
        counted.__qualname__ = f"counted_{name}"
        listed.__qualname__ = f"listed_{name}"
        registry.scoped(measure_id)(counted)
        registry.lists_scoped_cases(measure_id)(listed)
