"""The eight building safety and home condition measures on hand-worked examples, for the year
1 April 2025 to 31 March 2026."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.core.measures import Counts, Period
from hearth.estates.tests.factories import BlockFactory, HomeFactory
from hearth.safety import measures
from hearth.safety.tests.factories import ConditionSurveyFactory, SafetyCheckFactory

pytestmark = pytest.mark.django_db

YEAR = Period(date(2025, 4, 1), date(2026, 3, 31))


def _gas(home, done_on, next_due_on, outcome="satisfactory"):  # type: ignore[no-untyped-def]
    return SafetyCheckFactory(
        kind="gas", home=home, done_on=done_on, next_due_on=next_due_on, outcome=outcome
    )


def test_bs01_counts_homes_with_gas_that_have_an_in_date_gas_check_at_the_period_end() -> None:
    due_on_last_day = HomeFactory()
    _gas(due_on_last_day, date(2025, 3, 31), date(2026, 3, 31))
    lapsed_the_day_before = HomeFactory()
    _gas(lapsed_the_day_before, date(2025, 3, 30), date(2026, 3, 30))
    later_no_access = HomeFactory()
    _gas(later_no_access, date(2025, 6, 1), date(2026, 6, 1))
    _gas(later_no_access, date(2026, 2, 1), date(2026, 6, 1), outcome="no_access")
    done_after_the_period = HomeFactory()
    _gas(done_after_the_period, date(2026, 4, 2), date(2027, 4, 2))
    only_no_access = HomeFactory()
    _gas(only_no_access, date(2026, 3, 1), date(2026, 4, 1), outcome="no_access")
    unsatisfactory_but_done = HomeFactory()
    _gas(unsatisfactory_but_done, date(2025, 9, 9), date(2026, 9, 9), outcome="unsatisfactory")
    HomeFactory(gas_supply=False)  # no gas: not counted
    gone = HomeFactory(managed_until=date(2026, 3, 30))  # not managed at the end
    _gas(gone, date(2025, 6, 1), date(2026, 6, 1))

    # In date: due on the last day, the good check before a later no access, the
    # unsatisfactory one (done, with a date). Not: lapsed, done after, only no access.
    assert measures.gas(YEAR) == Counts(3, 6)


def test_safety_electrical_counts_every_home_against_its_five_yearly_check() -> None:
    in_date = HomeFactory(gas_supply=False)
    SafetyCheckFactory(kind="electrical", home=in_date, done_on=date(2021, 4, 1),
                       next_due_on=date(2026, 4, 1))  # fmt: skip
    lapsed = HomeFactory()
    SafetyCheckFactory(kind="electrical", home=lapsed, done_on=date(2020, 3, 1),
                       next_due_on=date(2025, 3, 1))  # fmt: skip
    gas_only = HomeFactory()
    SafetyCheckFactory(kind="gas", home=gas_only)

    assert measures.electrical(YEAR) == Counts(1, 3)


def test_bs02_to_bs04_count_blocks_with_communal_areas() -> None:
    fra_due_last_day = BlockFactory(has_communal_areas=True)
    SafetyCheckFactory(kind="fire_risk", block=fra_due_last_day, done_on=date(2025, 3, 31),
                       next_due_on=date(2026, 3, 31))  # fmt: skip
    SafetyCheckFactory(
        kind="asbestos",
        block=fra_due_last_day,
        done_on=date(2026, 4, 1),
        next_due_on=date(2027, 4, 1),
    )  # fmt: skip (done after the period)
    SafetyCheckFactory(kind="water", block=fra_due_last_day, done_on=date(2024, 5, 1),
                       next_due_on=date(2026, 5, 1))  # fmt: skip
    other = BlockFactory(has_communal_areas=True)
    SafetyCheckFactory(kind="fire_risk", block=other, done_on=date(2026, 1, 10),
                       next_due_on=date(2027, 1, 10), outcome="no_access")  # fmt: skip
    SafetyCheckFactory(kind="asbestos", block=other, done_on=date(2025, 11, 1),
                       next_due_on=date(2026, 11, 1))  # fmt: skip
    no_communal_areas = BlockFactory(has_communal_areas=False)
    SafetyCheckFactory(kind="fire_risk", block=no_communal_areas, done_on=date(2025, 11, 1),
                       next_due_on=date(2026, 11, 1))  # fmt: skip

    assert measures.fire_risk(YEAR) == Counts(1, 2)
    assert measures.asbestos(YEAR) == Counts(1, 2)
    assert measures.water(YEAR) == Counts(1, 2)


def test_bs05_counts_each_lift_and_a_block_with_two_lifts_and_one_examined_is_half_in_date() -> (
    None
):
    two_lifts = BlockFactory(has_lift=True, lifts=2)
    SafetyCheckFactory(kind="lift", block=two_lifts, asset_ref="L1", done_on=date(2026, 1, 5),
                       next_due_on=date(2026, 7, 5))  # fmt: skip
    SafetyCheckFactory(
        kind="lift",
        block=two_lifts,
        asset_ref="L1",
        done_on=date(2025, 7, 5),
        next_due_on=date(2026, 1, 5),
    )  # fmt: skip (the same lift, earlier)
    lift_no_count = BlockFactory(has_lift=True, lifts=None)
    SafetyCheckFactory(kind="lift", block=lift_no_count, asset_ref="", done_on=date(2025, 10, 1),
                       next_due_on=date(2026, 4, 1))  # fmt: skip
    one_lift_two_refs = BlockFactory(has_lift=True, lifts=1)
    for ref in ("A", "B"):
        SafetyCheckFactory(kind="lift", block=one_lift_two_refs, asset_ref=ref,
                           done_on=date(2025, 12, 1), next_due_on=date(2026, 6, 1))  # fmt: skip
    BlockFactory(has_lift=False, lifts=None)  # no lift
    unexamined = BlockFactory(has_lift=True, lifts=3)

    # Lifts: 2 + 1 + 1 + 3 = 7; in date: 1 + 1 + 1 (at most its count) + 0 = 3.
    assert unexamined.lifts == 3
    assert measures.lifts(YEAR) == Counts(3, 7)


def test_rp01_and_surveys_take_each_homes_latest_survey_on_or_before_the_period_end() -> None:
    disagreeing = HomeFactory()
    ConditionSurveyFactory(home=disagreeing, surveyed_on=date(2024, 1, 10), decent=False,
                           fails_a=True)  # fmt: skip
    ConditionSurveyFactory(home=disagreeing, surveyed_on=date(2025, 9, 1), decent=True)
    later_fails = HomeFactory()
    ConditionSurveyFactory(home=later_fails, surveyed_on=date(2025, 5, 1), decent=True)
    ConditionSurveyFactory(home=later_fails, surveyed_on=date(2026, 5, 1), decent=False)
    old_and_not_decent = HomeFactory()
    ConditionSurveyFactory(home=old_and_not_decent, surveyed_on=date(2020, 1, 1), decent=False)
    HomeFactory()  # never surveyed
    exactly_five_years = HomeFactory()
    ConditionSurveyFactory(home=exactly_five_years, surveyed_on=date(2021, 3, 31))
    a_day_older = HomeFactory()
    ConditionSurveyFactory(home=a_day_older, surveyed_on=date(2021, 3, 30))

    assert measures.not_decent(YEAR) == Counts(1, 6)
    assert measures.surveyed(YEAR) == Counts(3, 6)


def test_rp01_takes_the_survey_recorded_last_when_two_share_a_date() -> None:
    home = HomeFactory()
    ConditionSurveyFactory(home=home, surveyed_on=date(2025, 9, 1), decent=True)
    ConditionSurveyFactory(home=home, surveyed_on=date(2025, 9, 1), decent=False)

    assert measures.not_decent(YEAR) == Counts(1, 1)


def test_the_measures_report_lists_the_safety_measures_with_their_values() -> None:
    from hearth.core.measures import report

    home = HomeFactory()
    _gas(home, date(2025, 6, 1), date(2026, 6, 1))

    found = {m["id"]: m for m in report(YEAR.start, YEAR.end)["measures"]}
    assert (found["BS01"]["numerator"], found["BS01"]["denominator"]) == (1, 1)
    # The home's block has communal areas and no fire risk assessment.
    assert (found["BS02"]["value"], found["BS02"]["denominator"]) == (0.0, 1)
