"""The Rent Standard rules, one test each, with the figures worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hearth.rents import rules_rent_standard as rs
from hearth.rents.rules_rent_standard import Exception_, HomeFacts, RentType

D = Decimal
APRIL_2026 = date(2026, 4, 6)
APRIL_2027 = date(2027, 4, 5)
APRIL_2028 = date(2028, 4, 3)


def test_cpi_plus_one_percent_limit_uses_the_september_cpi_and_rounds_down():
    assert rs.cpi_plus_one_percent_limit(D("100.00"), D("3.8")) == D("104.80")
    # 95.37 x 1.048 = 99.94776: rounded down to 99.94, never up to 99.95.
    assert rs.cpi_plus_one_percent_limit(D("95.37"), D("3.8")) == D("99.94")


def test_cpi_plus_one_percent_limit_makes_rents_fall_when_cpi_is_below_minus_one():
    assert rs.cpi_plus_one_percent_limit(D("100.00"), D("-2.0")) == D("99.00")


def test_convergence_allowance_is_nothing_in_2026_one_pound_in_2027_two_from_2028():
    assert rs.convergence_allowance(APRIL_2026) == D("0.00")
    assert rs.convergence_allowance(date(2027, 3, 29)) == D("0.00")  # still 2026/27
    assert rs.convergence_allowance(APRIL_2027) == D("1.00")
    assert rs.convergence_allowance(APRIL_2028) == D("2.00")
    assert rs.convergence_allowance(date(2031, 4, 7)) == D("2.00")


def test_convergence_limit_adds_the_allowance_but_never_passes_formula_rent():
    # 90.00 with CPI 3.2%: CPI + 1% gives 93.78; £1 more is 94.78, under formula rent 95.00.
    assert rs.convergence_limit(
        current_rent=D("90.00"), formula_rent=D("95.00"), cpi_limit=D("93.78"), allowance=D("1")
    ) == D("94.78")
    # Formula rent 94.00 stops it there.
    assert rs.convergence_limit(
        current_rent=D("90.00"), formula_rent=D("94.00"), cpi_limit=D("93.78"), allowance=D("1")
    ) == D("94.00")
    # Already at or above formula rent: convergence does not apply.
    assert (
        rs.convergence_limit(
            current_rent=D("96.00"), formula_rent=D("95.00"), cpi_limit=D("99.07"), allowance=D(2)
        )
        is None
    )
    # Just below formula rent, CPI + 1% alone passes it: the ordinary limit stands.
    assert rs.convergence_limit(
        current_rent=D("94.90"), formula_rent=D("95.00"), cpi_limit=D("98.88"), allowance=D(2)
    ) == D("98.88")


def test_social_rent_cap_is_the_cap_the_landlord_entered():
    assert rs.social_rent_cap(D("180.42")) == D("180.42")
    assert rs.social_rent_cap(None) is None


def test_affordable_rent_cap_is_eighty_percent_of_market_rent_less_the_service_charge():
    assert rs.affordable_rent_cap(D("240.00"), D("15.50")) == D("224.50")
    assert rs.affordable_rent_cap(None, D("15.50")) is None


def test_formula_rent_capped_uses_the_cap_when_the_formula_is_higher():
    assert rs.formula_rent_capped(D("120.00"), D("110.00")) == D("110.00")
    assert rs.formula_rent_capped(D("100.00"), D("110.00")) == D("100.00")
    assert rs.formula_rent_capped(None, D("110.00")) is None


def test_weeks_charged_in_rent_year_is_52_or_53():
    assert rs.weeks_charged_in_rent_year(2026, fifty_third_week_free=False) == 52
    # 1 April 2024 to 6 April 2025 has 53 Mondays; 1 April 2030 to 6 April 2031 too.
    assert rs.weeks_charged_in_rent_year(2024, fifty_third_week_free=False) == 53
    assert rs.weeks_charged_in_rent_year(2030, fifty_third_week_free=False) == 53
    assert rs.weeks_charged_in_rent_year(2030, fifty_third_week_free=True) == 52


def test_annual_rent_is_the_weekly_rent_times_the_weeks_charged():
    assert rs.annual_rent(D("100.50"), 2030, fifty_third_week_free=False) == D("5326.50")
    assert rs.annual_rent(D("100.50"), 2026, fifty_third_week_free=False) == D("5226.00")


def test_service_charge_at_cost_is_the_actual_cost_outside_the_rent_limit():
    # A rise of 50% is not limited by CPI + 1%: the charge is what the service costs.
    assert rs.service_charge_at_cost(D("15.00")) == D("15.00")
    with pytest.raises(ValueError):
        rs.service_charge_at_cost(D("-0.01"))


def test_service_charge_rise_within_limit_flags_rises_above_cpi_plus_one():
    assert rs.service_charge_rise_within_limit(D("10.00"), D("10.48"), D("3.8"))
    assert not rs.service_charge_rise_within_limit(D("10.00"), D("10.49"), D("3.8"))
    assert rs.service_charge_rise_within_limit(D("10.00"), D("9.00"), D("3.8"))


def facts(**changes: object) -> HomeFacts:
    base = {
        "rent_type": RentType.SOCIAL,
        "current_rent": D("100.00"),
        "formula_rent": D("110.00"),
        "rent_cap": D("200.00"),
        "current_service_charge": D("10.00"),
        "new_service_charge": D("10.00"),
    }
    base.update(changes)
    return HomeFacts(**base)  # type: ignore[arg-type]


def test_propose_rent_in_april_2026_is_cpi_plus_one_with_its_reasons():
    proposal = rs.propose_rent(facts(), september_cpi=D("3.8"), effective_from=APRIL_2026)
    assert proposal.rent == D("104.80")
    assert proposal.exceptions == []
    assert (
        proposal.reasons[0]
        == "CPI + 1%: £100.00 x (1 + (3.8% + 1%)) = £104.80, rounded down to the penny."
    )
    assert "convergence starts in April 2027" in proposal.reasons[1]


def test_propose_rent_in_april_2028_converges_by_up_to_two_pounds():
    proposal = rs.propose_rent(facts(), september_cpi=D("2.0"), effective_from=APRIL_2028)
    assert proposal.rent == D("105.00")  # 103.00 + 2.00


def test_propose_rent_stops_at_the_cap_and_lists_it():
    proposal = rs.propose_rent(
        facts(rent_cap=D("102.50")), september_cpi=D("3.8"), effective_from=APRIL_2026
    )
    assert proposal.rent == D("102.50")
    assert proposal.exceptions == [Exception_.CAPPED]


def test_propose_rent_lists_a_fall_and_a_missing_formula_rent():
    proposal = rs.propose_rent(
        facts(formula_rent=None, rent_cap=D("98.00")),
        september_cpi=D("3.8"),
        effective_from=APRIL_2026,
    )
    assert proposal.rent == D("98.00")
    assert proposal.exceptions == [Exception_.NO_FORMULA_RENT, Exception_.CAPPED, Exception_.FALLS]


def test_propose_rent_leaves_other_rents_alone():
    proposal = rs.propose_rent(
        facts(rent_type=RentType.OTHER), september_cpi=D("3.8"), effective_from=APRIL_2026
    )
    assert proposal.rent == D("100.00")
    assert proposal.maximum is None
    assert proposal.exceptions == [Exception_.OUTSIDE_STANDARD]


def test_within_rent_standard_refuses_a_penny_over_the_limit_or_a_part_penny():
    assert rs.within_rent_standard(
        facts(), D("104.80"), september_cpi=D("3.8"), effective_from=APRIL_2026
    )
    assert not rs.within_rent_standard(
        facts(), D("104.81"), september_cpi=D("3.8"), effective_from=APRIL_2026
    )
    assert not rs.within_rent_standard(
        facts(), D("104.795"), september_cpi=D("3.8"), effective_from=APRIL_2026
    )


def test_cpi_below_minus_one_percent_means_the_rent_must_fall_by_at_least_cpi_plus_one():
    assert rs.cpi_below_minus_one_percent(D("-1.1")) is True
    assert rs.cpi_below_minus_one_percent(D("-1.0")) is False  # CPI + 1% = 0: may stay
    # CPI -2%: the limit is 100.00 x 0.99 = 99.00, a fall of at least £1.00.
    assert rs.required_decrease(D("100.00"), D("-2.0")) == D("1.00")
    # 95.37 x 0.985 = 93.93945, rounded down to 93.93: a fall of at least £1.44.
    assert rs.required_decrease(D("95.37"), D("-2.5")) == D("1.44")
    assert rs.required_decrease(D("100.00"), D("-1.0")) == D("0.00")
    proposal = rs.propose_rent(
        HomeFacts(RentType.SOCIAL, D("100.00"), D("120.00"), None, D("0"), D("0")),
        september_cpi=D("-2.0"), effective_from=APRIL_2026,
    )  # fmt: skip
    assert proposal.rent == D("99.00")
    assert Exception_.FALLS in proposal.exceptions
    assert proposal.reasons[-2] == (
        "CPI is below -1%, so CPI + 1% is negative: the Rent Standard allows no increase and the "
        "rent must fall by at least £1.00."
    )


def test_relet_rent_limit_is_formula_rent_plus_five_percent_or_ten_supported_within_the_cap():
    # 110.00 x 1.05 = 115.50; supported housing 110.00 x 1.10 = 121.00.
    assert rs.relet_rent_limit(formula_rent=D("110.00"), rent_cap=None) == D("115.50")
    assert rs.relet_rent_limit(formula_rent=D("110.00"), rent_cap=None, supported=True) == D(
        "121.00"
    )
    # 97.33 x 1.05 = 102.1965, rounded down to 102.19.
    assert rs.relet_rent_limit(formula_rent=D("97.33"), rent_cap=None) == D("102.19")
    # Never above the rent cap.
    assert rs.relet_rent_limit(formula_rent=D("110.00"), rent_cap=D("113.00")) == D("113.00")
    assert rs.relet_rent_limit(formula_rent=None, rent_cap=D("113.00")) is None
