"""The Rent Standard: how far a social or affordable rent may change each April, as small
named functions, each with its source and the rule's words (paraphrased) in its docstring.

Sources: the Regulator of Social Housing's Rent Standard from April 2026 and the
Government's Policy Statement on Rents for Social Housing that it gives effect to (the
ten-year settlement from 1 April 2026), with the convergence the Government announced for
rents below formula rent.

Money is weekly and exact: every amount is a `Decimal` in pounds and pence. **Rounding
rule:** a limit worked out by percentage is rounded *down* to the penny (`ROUND_FLOOR`), so
the rounded figure is never above the limit; nothing else is rounded (the convergence
allowance, caps, formula rents and service charges are already whole pence).

`propose_rent` applies the rules in order and says why, line by line; `within_rent_standard`
is the independent check every proposed or adjusted rent must pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

from hearth.rents.weeks import rent_year_of, weeks_in_rent_year

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
SETTLEMENT_FIRST_YEAR = 2026  # the ten years run from April 2026 ...
SETTLEMENT_LAST_YEAR = 2035  # ... to the rent year starting in April 2035
NOTICE_OF_VARIATION_DAYS = 28


class RentType(StrEnum):
    SOCIAL = "social"
    AFFORDABLE = "affordable"
    OTHER = "other"


def money(value: Decimal) -> Decimal:
    """Pounds and pence, rounded down: a limit is never exceeded by rounding."""
    return value.quantize(PENNY, rounding=ROUND_FLOOR)


def cpi_plus_one_percent_limit(current_rent: Decimal, september_cpi: Decimal) -> Decimal:
    """Rent Standard (April 2026), Policy Statement on Rents for Social Housing: for ten years
    from 1 April 2026, a registered provider may increase the weekly rent of a social rent or
    affordable rent home by no more than CPI + 1 percentage point each year, where CPI is the
    Consumer Price Index for the September before the year the change takes effect. When CPI
    + 1% is negative the rent must fall by at least that much.

    Returns the most the weekly rent may be from the effective date: the rent in force the day
    before x (1 + (CPI + 1) / 100), rounded down to the penny.
    """
    factor = 1 + (september_cpi + 1) / 100
    return max(money(current_rent * factor), ZERO)


def cpi_below_minus_one_percent(september_cpi: Decimal) -> bool:
    """The CPI + 1% limit in a year of falling prices (Policy Statement on Rents for Social
    Housing, "social rent": the limit is CPI + 1 percentage point, whatever CPI is). When
    September CPI is below -1%, CPI + 1% is negative: no increase is allowed that year, and
    the limit is a decrease, so each rent must come down by at least that percentage (CPI of
    -2% means a fall of at least 1%). At exactly -1% the rent may stay as it is."""
    return september_cpi + 1 < 0


def required_decrease(current_rent: Decimal, september_cpi: Decimal) -> Decimal:
    """How much, a week, the rent must at least fall by when CPI is below -1% (see
    `cpi_below_minus_one_percent`): the rent in force less the CPI + 1% limit. Nothing
    otherwise."""
    if not cpi_below_minus_one_percent(september_cpi):
        return ZERO
    return current_rent - cpi_plus_one_percent_limit(current_rent, september_cpi)


RELET_FLEXIBILITY = Decimal("0.05")
RELET_FLEXIBILITY_SUPPORTED = Decimal("0.10")


def relet_rent_limit(
    *, formula_rent: Decimal | None, rent_cap: Decimal | None, supported: bool = False
) -> Decimal | None:
    """Rent flexibility on re-let (Policy Statement on Rents for Social Housing, "rent
    flexibility", which the Rent Standard gives effect to): when a social rent home is let to
    a new tenant (first let or re-let), its rent may be set at up to 5% above formula rent, or
    up to 10% above for supported housing, whatever the previous tenant paid; the CPI + 1%
    limit governs changes within a tenancy, not the rent set at re-let. Formula rent including
    the flexibility may never exceed the rent cap.

    Returns the most the weekly rent may be for the new tenant, rounded down to the penny;
    None when no formula rent is recorded (the rent cannot be reset)."""
    if formula_rent is None:
        return None
    flexibility = RELET_FLEXIBILITY_SUPPORTED if supported else RELET_FLEXIBILITY
    limit = money(formula_rent * (1 + flexibility))
    return min(limit, rent_cap) if rent_cap is not None else limit


def convergence_allowance(effective_from: date) -> Decimal:
    """Rent convergence (Government announcement on the 2026 settlement): a home whose rent is
    below its formula rent may rise by up to £1 a week more than CPI + 1% in the rent year
    from April 2027, and by up to £2 a week more from April 2028, but not above formula rent.
    Nothing extra before April 2027.

    Returns the extra allowed, a week, for the rent year `effective_from` falls in.
    """
    year = rent_year_of(effective_from)
    if year >= 2028:
        return Decimal("2.00")
    if year == 2027:
        return Decimal("1.00")
    return ZERO


def convergence_limit(
    *, current_rent: Decimal, formula_rent: Decimal | None, cpi_limit: Decimal, allowance: Decimal
) -> Decimal | None:
    """Rent convergence, as applied: for a home below formula rent, the CPI + 1% limit plus
    the convergence allowance, but never above formula rent (nor below the CPI + 1% limit: a
    home already close to formula rent keeps its ordinary limit). None when convergence does
    not apply (no formula rent, no allowance this year, or the rent is not below formula
    rent)."""
    if formula_rent is None or allowance <= 0 or current_rent >= formula_rent:
        return None
    return max(cpi_limit, min(cpi_limit + allowance, formula_rent))


def social_rent_cap(rent_cap: Decimal | None) -> Decimal | None:
    """Rent caps (Policy Statement on Rents for Social Housing, "rent caps"): the weekly rent
    of a social rent home, excluding service charges, may not exceed the rent cap for its
    size (by number of bedrooms), which the landlord enters for the year. Formula rent is the
    lower of the formula and the cap. None when no cap is recorded."""
    return rent_cap


def affordable_rent_cap(rent_cap: Decimal | None, new_service_charge: Decimal) -> Decimal | None:
    """Rent caps for affordable rent (Policy Statement, "affordable rent"): an affordable rent,
    including service charges, may not exceed 80% of the market rent for the home. The
    landlord enters 80% of the market rent as the home's rent cap; the rent alone may be at
    most that less the new service charge. None when no cap is recorded."""
    if rent_cap is None:
        return None
    return max(rent_cap - new_service_charge, ZERO)


def formula_rent_capped(formula_rent: Decimal | None, rent_cap: Decimal | None) -> Decimal | None:
    """Rent caps: where the formula rent would exceed the rent cap, the cap is used instead of
    formula rent (Policy Statement, "rent caps")."""
    if formula_rent is None or rent_cap is None:
        return formula_rent
    return min(formula_rent, rent_cap)


def weeks_charged_in_rent_year(year: int, *, fifty_third_week_free: bool) -> int:
    """The 52/53-week year (Policy Statement, "rent periods"): rents are set and limited as
    weekly amounts, so the limit on the increase is applied to the weekly rent and a rent year
    with 53 Mondays does not change it; the landlord may charge the 53rd week or make it
    rent-free. A rent year runs from the first Monday in April: 52 weeks, or 53 (2024/25,
    2030/31). Returns the number of weeks charged in the year."""
    weeks = weeks_in_rent_year(year)
    return 52 if weeks == 53 and fifty_third_week_free else weeks


def annual_rent(weekly: Decimal, year: int, *, fifty_third_week_free: bool) -> Decimal:
    """The 52/53-week year: a year's rent is the weekly rent times the weeks charged in the
    rent year (exact, no rounding)."""
    return weekly * weeks_charged_in_rent_year(year, fifty_third_week_free=fifty_third_week_free)


def service_charge_at_cost(actual_weekly_cost: Decimal) -> Decimal:
    """Service charges (Policy Statement, "service charges"): service charges are outside the
    limit on rent increases. They should reflect the actual cost of the services provided, and
    no more. The new weekly service charge is the actual weekly cost the landlord enters."""
    if actual_weekly_cost < 0:
        raise ValueError("A service charge cannot be negative.")
    return actual_weekly_cost


def service_charge_rise_within_limit(
    current: Decimal, new: Decimal, september_cpi: Decimal
) -> bool:
    """Service charges (Policy Statement): providers should endeavour to keep increases in
    service charges within the limit on rent changes (CPI + 1%), to help keep them affordable.
    Not a hard limit: a rise above it is shown as an exception for the manager to explain."""
    return new <= cpi_plus_one_percent_limit(current, september_cpi) or new <= current


# -- Putting the rules together ----------------------------------------------------------------


class Exception_(StrEnum):
    """Why a home needs a manager's eye."""

    CAPPED = "capped"
    FALLS = "falls"
    NO_FORMULA_RENT = "no_formula_rent"
    OUTSIDE_STANDARD = "outside_standard"
    SERVICE_CHARGE_ABOVE_LIMIT = "service_charge_above_limit"


EXCEPTION_LABELS = {
    Exception_.CAPPED: "Hits the rent cap",
    Exception_.FALLS: "Rent would fall",
    Exception_.NO_FORMULA_RENT: "No formula rent recorded",
    Exception_.OUTSIDE_STANDARD: "Not a social or affordable rent: set by hand",
    Exception_.SERVICE_CHARGE_ABOVE_LIMIT: "Service charge rises by more than CPI + 1%",
}


@dataclass(frozen=True)
class HomeFacts:
    """What the rules need to know about one home for next year."""

    rent_type: RentType
    current_rent: Decimal
    formula_rent: Decimal | None
    rent_cap: Decimal | None
    current_service_charge: Decimal
    new_service_charge: Decimal


@dataclass(frozen=True)
class Proposal:
    """The most the rent may be (`maximum`), what Hearth proposes (the maximum), and why."""

    maximum: Decimal | None  # None: not limited by the Rent Standard (rent type "other")
    rent: Decimal
    cpi_limit: Decimal | None
    reasons: list[str] = field(default_factory=list)
    exceptions: list[Exception_] = field(default_factory=list)


def _cap_for(facts: HomeFacts) -> Decimal | None:
    if facts.rent_type == RentType.AFFORDABLE:
        return affordable_rent_cap(facts.rent_cap, facts.new_service_charge)
    return social_rent_cap(facts.rent_cap)


def maximum_rent(facts: HomeFacts, *, september_cpi: Decimal, effective_from: date) -> Decimal:
    """The highest weekly rent the Rent Standard allows from `effective_from`: the CPI + 1%
    limit, or the convergence limit for a social rent home below formula rent if higher, then
    no more than the rent cap."""
    limit = cpi_plus_one_percent_limit(facts.current_rent, september_cpi)
    if facts.rent_type == RentType.SOCIAL:
        converged = convergence_limit(
            current_rent=facts.current_rent,
            formula_rent=formula_rent_capped(facts.formula_rent, facts.rent_cap),
            cpi_limit=limit,
            allowance=convergence_allowance(effective_from),
        )
        if converged is not None:
            limit = converged
    cap = _cap_for(facts)
    if cap is not None:
        limit = min(limit, cap)
    return limit


def within_rent_standard(
    facts: HomeFacts, rent: Decimal, *, september_cpi: Decimal, effective_from: date
) -> bool:
    """Whether a new weekly rent keeps to the Rent Standard: whole pence, not negative, and no
    more than `maximum_rent`. A rent type outside the standard ("other") passes any rent."""
    if rent < 0 or rent != rent.quantize(PENNY):
        return False
    if facts.rent_type == RentType.OTHER:
        return True
    return rent <= maximum_rent(facts, september_cpi=september_cpi, effective_from=effective_from)


def _pounds(value: Decimal) -> str:
    return f"£{value:,.2f}"


def propose_rent(facts: HomeFacts, *, september_cpi: Decimal, effective_from: date) -> Proposal:
    """Hearth's proposal for one home: the most the Rent Standard allows, with the reason for
    each figure, and the exceptions a manager should look at."""
    reasons: list[str] = []
    exceptions: list[Exception_] = []
    if facts.new_service_charge > facts.current_service_charge and not (
        service_charge_rise_within_limit(
            facts.current_service_charge, facts.new_service_charge, september_cpi
        )
    ):
        exceptions.append(Exception_.SERVICE_CHARGE_ABOVE_LIMIT)
    if facts.rent_type == RentType.OTHER:
        reasons.append(
            f"Not a social or affordable rent, so the Rent Standard does not set it: the rent "
            f"stays at {_pounds(facts.current_rent)} unless changed by hand."
        )
        exceptions.append(Exception_.OUTSIDE_STANDARD)
        return Proposal(None, facts.current_rent, None, reasons, exceptions)

    cpi_limit = cpi_plus_one_percent_limit(facts.current_rent, september_cpi)
    reasons.append(
        f"CPI + 1%: {_pounds(facts.current_rent)} x (1 + ({september_cpi}% + 1%)) = "
        f"{_pounds(cpi_limit)}, rounded down to the penny."
    )
    limit = cpi_limit
    if facts.rent_type == RentType.SOCIAL:
        if facts.formula_rent is None:
            exceptions.append(Exception_.NO_FORMULA_RENT)
            reasons.append("No formula rent is recorded, so convergence cannot be worked out.")
        else:
            formula = formula_rent_capped(facts.formula_rent, facts.rent_cap)
            assert formula is not None
            if formula != facts.formula_rent:
                reasons.append(f"Formula rent is capped at the rent cap, {_pounds(formula)}.")
            allowance = convergence_allowance(effective_from)
            converged = convergence_limit(
                current_rent=facts.current_rent,
                formula_rent=formula,
                cpi_limit=cpi_limit,
                allowance=allowance,
            )
            if converged is not None and converged > cpi_limit:
                limit = converged
                reasons.append(
                    f"Convergence: below formula rent ({_pounds(formula)}), so up to "
                    f"{_pounds(allowance)} a week more is allowed, but not above formula "
                    f"rent: {_pounds(converged)}."
                )
            elif facts.current_rent < formula and allowance == 0:
                reasons.append(
                    f"Below formula rent ({_pounds(formula)}); convergence starts in April 2027."
                )
    cap = _cap_for(facts)
    if cap is not None and cap < limit:
        limit = cap
        exceptions.append(Exception_.CAPPED)
        if facts.rent_type == RentType.AFFORDABLE:
            reasons.append(
                f"Affordable rent cap: 80% of market rent less the service charge, {_pounds(cap)}."
            )
        else:
            reasons.append(f"Rent cap: no more than {_pounds(cap)} a week.")
    if limit < facts.current_rent:
        exceptions.append(Exception_.FALLS)
        reasons.append(f"The rent falls from {_pounds(facts.current_rent)}.")
    if cpi_below_minus_one_percent(september_cpi):
        reasons.append(
            f"CPI is below -1%, so CPI + 1% is negative: the Rent Standard allows no increase "
            f"and the rent must fall by at least {_pounds(required_decrease(facts.current_rent, september_cpi))}."
        )
    reasons.append(f"Proposed: {_pounds(limit)} a week, the most the Rent Standard allows.")
    return Proposal(limit, limit, cpi_limit, reasons, exceptions)
