from __future__ import annotations

from datetime import date
from decimal import Decimal

from hearth.involvement import rules


def test_required_margin_of_error_is_5_4_or_3_percent_by_the_landlords_size():
    assert rules.required_margin_of_error(2499) == Decimal("0.05")
    assert rules.required_margin_of_error(2500) == Decimal("0.04")
    assert rules.required_margin_of_error(9999) == Decimal("0.04")
    assert rules.required_margin_of_error(10000) == Decimal("0.03")


def test_responses_needed_follows_the_regulators_sample_size_with_the_finite_correction():
    # n0 = 1.96² x 0.25 / 0.05² = 384.16; 2,000 homes: 384.16 / (1 + 383.16 / 2000) = 322.4
    assert rules.responses_needed(2000) == 323
    # ±4%: n0 = 600.25; 600.25 / (1 + 599.25 / 2500) = 484.2
    assert rules.responses_needed(2500) == 485
    # ±3%: n0 = 1067.11; 1067.11 / (1 + 1066.11 / 10000) = 964.3
    assert rules.responses_needed(10000) == 965
    # 100 homes: 384.16 / (1 + 383.16 / 100) = 79.5
    assert rules.responses_needed(100) == 80


def test_invitations_needed_allows_for_the_expected_response_rate():
    assert rules.invitations_needed(2000, 30) == 1077  # 323 / 0.3 = 1076.7
    assert rules.invitations_needed(100, 30) == 100  # never more than every household


def test_last_asked_too_recently_means_within_the_last_12_months():
    assert rules.last_asked_too_recently(date(2025, 5, 1), date(2026, 4, 30)) is True
    assert rules.last_asked_too_recently(date(2025, 5, 1), date(2026, 5, 1)) is False
    assert rules.last_asked_too_recently(None, date(2026, 5, 1)) is False


def test_question_is_asked_follows_the_filter_questions():
    nothing = {"had_repair": False, "made_complaint": False, "has_communal_areas": False}
    assert rules.question_is_asked("TP01", nothing)
    assert not rules.question_is_asked("TP02", nothing)
    assert not rules.question_is_asked("TP03", nothing)
    assert not rules.question_is_asked("TP09", nothing)
    assert not rules.question_is_asked("TP10", nothing)
    assert rules.question_is_asked("TP02", {"had_repair": True})
    assert rules.question_is_asked("TP09", {"made_complaint": True})
    assert rules.question_is_asked("TP10", {"has_communal_areas": True})


def test_margin_of_error_achieved_by_the_answers():
    # 323 of 2,000: 1.96 x sqrt(0.25 / 323 x 1677 / 1999) = 0.0499
    assert round(rules.margin_of_error_achieved(323, 2000), 4) == Decimal("0.0499")
    assert rules.margin_of_error_achieved(0, 2000) is None
