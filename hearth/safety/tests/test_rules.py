"""Each rule of the register, named after it, on literal dates."""

from __future__ import annotations

from datetime import date

from hearth.safety import rules
from hearth.safety.rules import Attempt


def test_add_months_keeps_the_day_or_takes_the_months_last_day() -> None:
    assert rules.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert rules.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert rules.add_months(date(2026, 3, 31), -60) == date(2021, 3, 31)


def test_next_check_due_is_the_frequency_in_months_after_the_check() -> None:
    assert rules.next_check_due(done_on=date(2026, 1, 15), months=12) == date(2027, 1, 15)
    assert rules.next_check_due(done_on=date(2025, 11, 1), months=60) == date(2030, 11, 1)
    assert rules.next_check_due(done_on=date(2026, 8, 31), months=6) == date(2027, 2, 28)


def test_fire_risk_assessment_months_follow_the_risk_found() -> None:
    months = {"high": 12, "medium": 24, "low": 36, "default": 12}
    assert rules.fire_risk_assessment_months("low", **months) == 36
    assert rules.fire_risk_assessment_months("high", **months) == 12
    assert rules.fire_risk_assessment_months("", **months) == 12


def test_block_is_over_11_metres_from_five_storeys() -> None:
    assert rules.block_is_over_11_metres(5)
    assert not rules.block_is_over_11_metres(4)
    assert not rules.block_is_over_11_metres(None)


def test_communal_lifts_is_the_count_or_one_when_a_lift_has_no_count() -> None:
    assert rules.communal_lifts(has_lift=True, lifts=None) == 1
    assert rules.communal_lifts(has_lift=True, lifts=3) == 3
    assert rules.communal_lifts(has_lift=None, lifts=None) == 0


def test_remedial_due_is_28_days_for_eicr_codes_and_by_risk_otherwise() -> None:
    raised = date(2026, 3, 10)
    assert rules.remedial_due(finding="eicr_c2", risk="high", raised_on=raised) == date(2026, 3, 17)
    assert rules.remedial_due(finding="eicr_c2", risk="low", raised_on=raised) == date(2026, 4, 7)
    assert rules.remedial_due(finding="eicr_c1", risk="immediate", raised_on=raised) == date(
        2026, 3, 11
    )
    assert rules.remedial_due(finding="fra", risk="low", raised_on=raised) == date(2026, 6, 8)


def test_default_risk_puts_c1_and_dangerous_gas_first() -> None:
    assert rules.default_risk("eicr_c1") == "immediate"
    assert rules.default_risk("gas_ar") == "high"
    assert rules.default_risk("eicr_c2") == "medium"
    assert rules.default_risk("fra") == "medium"


def test_action_needs_mitigation_once_past_its_deadline_and_not_done() -> None:
    today = date(2026, 5, 2)
    assert rules.action_needs_mitigation(due_on=date(2026, 5, 1), done=False, mitigated=False,
                                         today=today)  # fmt: skip
    assert not rules.action_needs_mitigation(due_on=date(2026, 5, 2), done=False,
                                             mitigated=False, today=today)  # fmt: skip
    assert not rules.action_needs_mitigation(due_on=date(2026, 5, 1), done=False,
                                             mitigated=True, today=today)  # fmt: skip


def test_resident_copy_due_28_days_after_the_check() -> None:
    assert rules.resident_copy_due(date(2026, 2, 10)) == date(2026, 3, 10)


def test_legal_access_may_start_after_three_failed_channels() -> None:
    three_visits = [Attempt("visit", False)] * 3
    assert not rules.legal_access_may_start(three_visits)
    assert not rules.legal_access_may_start(
        [Attempt("letter", False), Attempt("phone", False), Attempt("visit", True)]
    )
    assert rules.legal_access_may_start(
        [Attempt("letter", False), Attempt("phone", False), Attempt("visit", False)]
    )


def test_survey_is_current_within_five_years() -> None:
    on = date(2026, 3, 31)
    assert rules.survey_is_current(surveyed_on=date(2021, 3, 31), on=on)
    assert not rules.survey_is_current(surveyed_on=date(2021, 3, 30), on=on)
    assert not rules.survey_is_current(surveyed_on=None, on=on)


def test_meets_decent_homes_only_when_no_criterion_fails() -> None:
    assert rules.meets_decent_homes(fails_a=False, fails_b=False, fails_c=False, fails_d=False)
    assert not rules.meets_decent_homes(fails_a=False, fails_b=False, fails_c=False, fails_d=True)


def test_hazard_in_scope_from_its_start_date() -> None:
    start = date(2025, 10, 27)
    assert rules.hazard_in_scope(in_force_from=start, reported_on=date(2025, 10, 27))
    assert not rules.hazard_in_scope(in_force_from=start, reported_on=date(2025, 10, 26))
