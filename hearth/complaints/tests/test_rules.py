"""Each rule of the Complaint Handling Code, against dates worked out by hand on a calendar
(Easter 2025: Good Friday 18 April, Easter Monday 21 April; early May bank holiday 5 May; spring
bank holiday 26 May; Christmas 2025: 25 and 26 December; New Year's Day 2026)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hearth.complaints import rules
from hearth.complaints.models import ExclusionReason


def test_stage1_acknowledgement_is_due_5_working_days_after_receipt_skipping_easter(db):
    # Thursday 17 April 2025: Fri 18 and Mon 21 are bank holidays; 22, 23, 24, 25, 28.
    assert rules.stage1_acknowledgement_due(date(2025, 4, 17)) == date(2025, 4, 28)


def test_stage1_acknowledgement_of_a_complaint_received_at_the_weekend_counts_from_the_weekend(db):
    assert rules.stage1_acknowledgement_due(date(2025, 4, 19)) == date(2025, 4, 28)
    assert rules.stage1_acknowledgement_due(date(2025, 6, 7)) == date(2025, 6, 13)


def test_stage1_response_is_due_10_working_days_after_acknowledgement(db):
    # Monday 28 April 2025 + 10: 29, 30, 1, 2, (5 May is a bank holiday) 6, 7, 8, 9, 12, 13.
    due = rules.stage1_response_due(
        received_on=date(2025, 4, 17), acknowledged_on=date(2025, 4, 28), extension_days=0
    )
    assert due == date(2025, 5, 13)


def test_stage1_response_of_a_complaint_never_acknowledged_counts_from_the_acknowledgement_due_date(
    db,
):
    due = rules.stage1_response_due(
        received_on=date(2025, 4, 17), acknowledged_on=None, extension_days=0
    )
    assert due == date(2025, 5, 13)


def test_stage1_extension_adds_working_days_but_never_more_than_10(db):
    # 13 May + 10: 14, 15, 16, 19, 20, 21, 22, 23, (26 May bank holiday) 27, 28.
    ten = rules.stage1_response_due(
        received_on=date(2025, 4, 17), acknowledged_on=date(2025, 4, 28), extension_days=10
    )
    fifteen = rules.stage1_response_due(
        received_on=date(2025, 4, 17), acknowledged_on=date(2025, 4, 28), extension_days=15
    )
    assert ten == fifteen == date(2025, 5, 28)


def test_stage2_acknowledgement_is_due_5_working_days_after_the_request_across_christmas(db):
    # Tuesday 23 December 2025: 24, (25, 26 holidays) 29, 30, 31, (1 Jan holiday) 2 January.
    assert rules.stage2_acknowledgement_due(date(2025, 12, 23)) == date(2026, 1, 2)


def test_stage2_response_is_due_20_working_days_after_acknowledgement(db):
    due = rules.stage2_response_due(
        requested_on=date(2025, 12, 23), acknowledged_on=date(2026, 1, 2), extension_days=0
    )
    assert due == date(2026, 1, 30)


def test_stage2_extension_adds_at_most_20_working_days(db):
    twenty = rules.stage2_response_due(
        requested_on=date(2025, 12, 23), acknowledged_on=date(2026, 1, 2), extension_days=20
    )
    more = rules.stage2_response_due(
        requested_on=date(2025, 12, 23), acknowledged_on=None, extension_days=30
    )
    assert twenty == more == date(2026, 2, 27)


def test_extension_problem_refuses_more_than_the_cap_in_all_and_needs_a_reason():
    assert rules.extension_problem(stage=1, already=0, extra=10, reason="Survey needed") is None
    assert rules.extension_problem(stage=2, already=5, extra=15, reason="Expert report") is None
    assert "5 are left" in str(rules.extension_problem(stage=1, already=5, extra=6, reason="x"))
    assert "most allowed" in str(rules.extension_problem(stage=2, already=20, extra=1, reason="x"))
    assert "reason" in str(rules.extension_problem(stage=1, already=0, extra=3, reason="  "))
    assert rules.extension_problem(stage=1, already=0, extra=0, reason="x") is not None


def test_stage2_handler_differs_from_the_stage1_handler():
    assert rules.stage2_handler_differs(stage1_handler_id=1, stage2_handler_id=2)
    assert not rules.stage2_handler_differs(stage1_handler_id=3, stage2_handler_id=3)
    assert rules.stage2_handler_differs(stage1_handler_id=None, stage2_handler_id=3)


def test_may_escalate_once_after_a_stage1_response():
    assert rules.may_escalate(stage1_responded_on=date(2025, 5, 1), stage2_requested_on=None)
    assert not rules.may_escalate(stage1_responded_on=None, stage2_requested_on=None)
    assert not rules.may_escalate(
        stage1_responded_on=date(2025, 5, 1), stage2_requested_on=date(2025, 5, 2)
    )


def test_exclusion_problem_allows_only_the_codes_grounds_with_an_explanation():
    errors = rules.exclusion_problem(
        reason="too_busy", explanation="", received_on=date(2025, 6, 2), issue_date=None
    )
    assert set(errors) == {"reason", "explanation"}
    assert not rules.exclusion_problem(
        reason=ExclusionReason.LEGAL_PROCEEDINGS,
        explanation="A possession claim was filed at court on 1 May.",
        received_on=date(2025, 6, 2),
        issue_date=None,
    )


def test_exclusion_problem_over_12_months_needs_an_issue_more_than_a_year_before_receipt():
    def check(issue: date | None) -> dict[str, str]:
        return rules.exclusion_problem(
            reason=ExclusionReason.OVER_12_MONTHS,
            explanation="The leak was fixed in 2023.",
            received_on=date(2025, 6, 2),
            issue_date=issue,
        )

    assert "issue_date" in check(None)
    assert "issue_date" in check(date(2024, 6, 2))  # exactly 12 months: must be accepted
    assert check(date(2024, 6, 1)) == {}


def test_twelve_months_before_29_february_is_28_february():
    assert rules.twelve_months_before(date(2028, 2, 29)) == date(2027, 2, 28)


def test_compensation_offset_allowed_only_with_the_residents_consent():
    assert rules.compensation_offset_allowed(offset_against_arrears=False, resident_consented=False)
    assert not rules.compensation_offset_allowed(
        offset_against_arrears=True, resident_consented=False
    )
    assert rules.compensation_offset_allowed(offset_against_arrears=True, resident_consented=True)


def test_response_missing_parts_names_every_part_the_code_requires():
    complete = {
        "definition": "The kitchen tap repair was not done.",
        "decision": "upheld",
        "reasons": "We missed two appointments.",
        "remedy": "An apology and £50.",
        "outstanding_actions": "None.",
        "how_to_escalate": "Ask for stage 2.",
    }
    assert rules.response_missing_parts(complete) == []
    assert rules.response_missing_parts({**complete, "reasons": " ", "remedy": ""}) == [
        "reasons",
        "remedy",
    ]


def test_compensation_total_is_exact_money():
    total = rules.compensation_total([Decimal("50.10"), Decimal("25.25"), Decimal("0.05")])
    assert total == Decimal("75.40")


def test_received_on_problem_refuses_the_future_and_anything_before_2000():
    today = date(2026, 12, 8)
    assert rules.received_on_problem(date(2026, 12, 8), today=today) is None
    assert rules.received_on_problem(date(2000, 1, 1), today=today) is None
    assert rules.received_on_problem(date(1999, 12, 31), today=today) == (
        "The date received must be 1 January 2000 or later"
    )
    assert rules.received_on_problem(date(2026, 12, 9), today=today) == (
        "The date received must be today or in the past"
    )
