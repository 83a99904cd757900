"""Each rule, with dates worked out by hand (2026: Good Friday 3 April, Easter Monday 6 April,
early May bank holiday 4 May)."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.neighbourhood import rules

pytestmark = pytest.mark.django_db


def test_one_month_after_keeps_the_day_or_takes_the_shorter_months_last_day():
    assert rules.one_month_after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert rules.one_month_after(date(2028, 1, 31)) == date(2028, 2, 29)
    assert rules.one_month_after(date(2026, 3, 31)) == date(2026, 4, 30)
    assert rules.one_month_after(date(2025, 12, 15)) == date(2026, 1, 15)


@pytest.mark.parametrize(
    ("earlier", "later", "expected"),
    [
        (date(2026, 1, 31), date(2026, 2, 28), True),
        (date(2026, 1, 31), date(2026, 3, 1), False),
        (date(2025, 12, 31), date(2026, 1, 31), True),
        (date(2025, 12, 31), date(2026, 2, 1), False),
        (date(2026, 2, 28), date(2026, 3, 28), True),
        (date(2026, 2, 28), date(2026, 3, 29), False),
    ],
)
def test_month_key_agrees_with_within_one_month(earlier, later, expected):
    assert rules.within_one_month(earlier, later) is expected
    assert (rules.month_key(later) <= rules.month_key(earlier) + 100) is expected


def test_within_one_month():
    assert rules.within_one_month(date(2026, 3, 31), date(2026, 4, 30))
    assert not rules.within_one_month(date(2026, 3, 31), date(2026, 5, 1))


def test_flytipping_removal_due():
    # Thursday 2 April 2026: Friday and Monday are bank holidays, so Thursday 9 April.
    assert rules.flytipping_removal_due(date(2026, 4, 2)) == date(2026, 4, 9)
    # Saturday 31 January 2026: Wednesday 4 February.
    assert rules.flytipping_removal_due(date(2026, 1, 31)) == date(2026, 2, 4)


def test_cleaning_response_due():
    # Wednesday 29 April 2026: Thursday, Friday, then Monday 4 May is a holiday: Tuesday 5 May.
    assert rules.cleaning_response_due(date(2026, 4, 29)) == date(2026, 5, 5)


def test_evidence_review_due():
    # Monday 2 March 2026 + 5 working days = Monday 9 March.
    assert rules.evidence_review_due(date(2026, 3, 2)) == date(2026, 3, 9)


def test_first_contact_due():
    monday = date(2026, 3, 2)
    assert rules.first_contact_due(monday, "high") == date(2026, 3, 3)
    assert rules.first_contact_due(monday, "medium") == date(2026, 3, 9)
    assert rules.first_contact_due(monday, "low") == date(2026, 3, 16)


def test_update_interval_due():
    assert rules.update_interval_due(date(2026, 1, 31), "monthly") == date(2026, 2, 28)
    assert rules.update_interval_due(date(2026, 1, 31), "fortnightly") == date(2026, 2, 14)
    assert rules.update_interval_due(date(2026, 1, 31), "weekly") == date(2026, 2, 7)


def test_publication_due():
    assert rules.publication_due(date(2026, 3, 20)) == date(2026, 3, 13)
    assert rules.publication_due(date(2026, 3, 20), 14) == date(2026, 3, 6)
    # Never less than the charter's 7 days.
    assert rules.publication_due(date(2026, 3, 20), 3) == date(2026, 3, 13)


def test_is_publicised():
    assert rules.is_publicised(date(2026, 3, 13), date(2026, 3, 20))
    assert not rules.is_publicised(date(2026, 3, 14), date(2026, 3, 20))
    assert not rules.is_publicised(None, date(2026, 3, 20))


def test_monthly_inspection_dates():
    # From Tuesday 31 March 2026: 30 April (Thu), 31 May is a Sunday so Monday 1 June... no:
    # the next working day after Sunday 31 May is Monday 1 June.
    assert rules.monthly_inspection_dates(date(2026, 3, 31), 4) == [
        date(2026, 3, 31), date(2026, 4, 30), date(2026, 6, 1), date(2026, 6, 30),
    ]  # fmt: skip


def test_overall_score():
    assert rules.overall_score(["A", "B", "C", "D"]) == 53  # (100+70+40+0)/4 = 52.5, half up
    assert rules.overall_score([]) is None


def test_overall_grade():
    assert [rules.overall_grade(s) for s in (85, 84, 60, 59, 35, 34)] == list("ABBCCD")
    assert rules.overall_grade(None) == ""


def test_is_defect():
    assert rules.is_defect("C") and rules.is_defect("D")
    assert not rules.is_defect("B")


def test_months_before():
    assert rules.months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert rules.months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)


def test_community_trigger_met():
    on = date(2026, 7, 10)
    assert rules.community_trigger_met([date(2026, 1, 10), date(2026, 4, 1), on], on)
    # The first is more than six months before.
    assert not rules.community_trigger_met([date(2026, 1, 9), date(2026, 4, 1), on], on)


def test_household_noise_hint():
    assert rules.household_noise_hint("I can hear footsteps all evening")
    assert not rules.household_noise_hint("They threatened me on the stairs")
