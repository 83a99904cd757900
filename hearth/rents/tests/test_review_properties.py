"""Every proposed rent is within the Rent Standard: over random homes (rent type, rent,
formula rent, rent cap, service charges) and random September CPI figures and years, checked
against the standard's words directly, not through the function that proposes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.rents import rules_rent_standard as rs
from hearth.rents.rules_rent_standard import HomeFacts, RentType
from hearth.rents.weeks import rent_year_start

pounds = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("600.00"), places=2)
cpi = st.decimals(min_value=Decimal("-5.0"), max_value=Decimal("15.0"), places=1)
years = st.integers(min_value=2026, max_value=2035)

homes = st.builds(
    HomeFacts,
    rent_type=st.sampled_from([RentType.SOCIAL, RentType.AFFORDABLE, RentType.OTHER]),
    current_rent=pounds,
    formula_rent=st.none() | pounds,
    rent_cap=st.none() | pounds,
    current_service_charge=pounds,
    new_service_charge=pounds,
)


def allowed_by_the_standard(
    home: HomeFacts, rent: Decimal, september_cpi: Decimal, year: int
) -> bool:
    """The Rent Standard read straight from its words."""
    if rent < 0 or rent != rent.quantize(Decimal("0.01")):
        return False
    if home.rent_type == RentType.OTHER:
        return True
    # CPI + 1%: never more than the old rent grown by CPI + 1 percentage point.
    exact_limit = home.current_rent * (1 + (september_cpi + 1) / 100)
    ok = rent <= exact_limit
    # Convergence: a social rent below formula rent may also rise by £1 (2027) or £2 (2028 on)
    # more, but not above formula rent (itself no more than the cap).
    extra = {2026: Decimal(0), 2027: Decimal(1)}.get(year, Decimal(2))
    formula = home.formula_rent
    if formula is not None and home.rent_cap is not None:
        formula = min(formula, home.rent_cap)
    if home.rent_type == RentType.SOCIAL and formula is not None and home.current_rent < formula:
        ok = ok or (rent <= exact_limit + extra and rent <= formula)
    # Rent caps: a social rent no more than the cap; an affordable rent with its service charge
    # no more than 80% of market rent.
    if home.rent_cap is not None:
        if home.rent_type == RentType.SOCIAL:
            ok = ok and rent <= home.rent_cap
        else:
            ok = ok and (rent + home.new_service_charge <= home.rent_cap or rent == 0)
    return ok


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(home=homes, september_cpi=cpi, year=years)
def test_every_proposed_rent_is_within_the_rent_standard(home, september_cpi, year):
    effective = rent_year_start(year)
    proposal = rs.propose_rent(home, september_cpi=september_cpi, effective_from=effective)
    assert allowed_by_the_standard(home, proposal.rent, september_cpi, year)
    assert rs.within_rent_standard(
        home, proposal.rent, september_cpi=september_cpi, effective_from=effective
    )


@settings(max_examples=300, deadline=None)
@given(home=homes, september_cpi=cpi, year=years, pence=st.integers(min_value=1, max_value=500))
def test_nothing_above_the_maximum_passes_the_check(home, september_cpi, year, pence):
    effective = rent_year_start(year)
    maximum = rs.maximum_rent(home, september_cpi=september_cpi, effective_from=effective)
    above = maximum + Decimal(pence) / 100
    if home.rent_type != RentType.OTHER:
        assert not rs.within_rent_standard(
            home, above, september_cpi=september_cpi, effective_from=effective
        )
        assert not allowed_by_the_standard(home, above, september_cpi, year)


@pytest.mark.django_db
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(
        st.tuples(pounds, st.none() | pounds, st.none() | pounds), min_size=1, max_size=6
    ),
    september_cpi=cpi,
    year=st.integers(min_value=2026, max_value=2030),
)
def test_a_review_over_random_homes_proposes_only_rents_within_the_standard(
    manager, rows, september_cpi, year
):
    from hearth.estates.tests.factories import HomeFactory
    from hearth.rents.models import RentReview
    from hearth.rents.services import review as reviews

    RentReview.objects.all().delete()
    homes = []
    for rent, formula, cap in rows:
        home = HomeFactory(weekly_rent=rent, weekly_service_charge=Decimal("5.00"))
        reviews.set_rent_setting(
            home=home, rent_type="social", formula_rent=formula, rent_cap=cap, actor=manager
        )
        homes.append((home, rent, formula, cap))
    review = reviews.create_review(rent_year=year, september_cpi=september_cpi, actor=manager)
    for home, rent, formula, cap in homes:
        line = review.lines.get(home=home)
        facts = HomeFacts(RentType.SOCIAL, rent, formula, cap, Decimal("5.00"), Decimal("5.00"))
        assert allowed_by_the_standard(facts, line.new_rent, september_cpi, year)
    assert date(year, 4, 1) <= review.effective_from <= date(year, 4, 7)
