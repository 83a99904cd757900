"""The complaints measures against examples worked out by hand on a calendar.

Easter 2025: Friday 18 and Monday 21 April are bank holidays; 5 and 26 May are bank holidays.
Christmas 2025: 25 and 26 December; 1 January 2026.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from hearth.complaints import rules
from hearth.complaints.models import Status
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.core import measures
from hearth.estates.tests.factories import HomeFactory


def _measure(measure_id: str, start: date, end: date) -> dict:
    return measures.report(start, end, only=[measure_id])["measures"][0]


APRIL_17 = date(2025, 4, 17)


@pytest.fixture
def stage1_responses(db):
    """Six responses in April-May 2025 to complaints received on Thursday 17 April (ack due
    Monday 28 April), and one answered after the period."""
    ack = date(2025, 4, 24)  # response due 9 May
    ComplaintFactory(
        received_on=APRIL_17, stage1_acknowledged_on=ack, stage1_responded_on=date(2025, 5, 9)
    )
    ComplaintFactory(
        received_on=APRIL_17, stage1_acknowledged_on=ack, stage1_responded_on=date(2025, 5, 12)
    )
    # Extended by 6: due 19 May.
    ComplaintFactory(
        received_on=APRIL_17,
        stage1_acknowledged_on=ack,
        stage1_extension_days=6,
        stage1_responded_on=date(2025, 5, 19),
    )
    # Never acknowledged: deemed acknowledged 28 April, so due 13 May.
    ComplaintFactory(received_on=APRIL_17, stage1_responded_on=date(2025, 5, 13))
    ComplaintFactory(received_on=APRIL_17, stage1_responded_on=date(2025, 5, 14))
    # Extension of 15 counts as 10: due 23 May (26 May is a bank holiday), so 27 May is late.
    ComplaintFactory(
        received_on=APRIL_17,
        stage1_acknowledged_on=ack,
        stage1_extension_days=15,
        stage1_responded_on=date(2025, 5, 27),
    )
    ComplaintFactory(received_on=APRIL_17, stage1_acknowledged_on=ack, stage1_responded_on=date(2025, 6, 2))  # fmt: skip


def test_ch02_stage1_counts_responses_by_their_due_date_with_capped_extensions(stage1_responses):
    result = _measure("CH02.stage1", date(2025, 4, 1), date(2025, 5, 31))
    assert (result["numerator"], result["denominator"], result["value"]) == (3, 6, 50.0)


def test_ch02_stage1_counts_a_response_on_the_last_day_of_the_period_and_not_the_day_after(
    stage1_responses,
):
    assert _measure("CH02.stage1", date(2025, 5, 27), date(2025, 5, 31))["denominator"] == 1
    assert _measure("CH02.stage1", date(2025, 5, 28), date(2025, 6, 1))["denominator"] == 0
    assert _measure("CH02.stage1", date(2025, 5, 28), date(2025, 6, 1))["value"] is None


def test_stage1_average_working_days_counts_from_receipt_to_response(stage1_responses):
    # Working days after 17 April: to 9 May 13, 12 May 14, 19 May 19, 13 May 15, 14 May 16,
    # 27 May 24. Sum 101 over 6 responses.
    result = _measure("complaints.stage1_average_working_days", date(2025, 4, 1), date(2025, 5, 31))
    assert (result["numerator"], result["denominator"], result["value"]) == (101, 6, 16.8)
    assert result["met"] is False


def test_acknowledged_on_time_counts_complaints_whose_acknowledgement_was_due_by_the_periods_end(
    db,
):
    ComplaintFactory(received_on=APRIL_17, stage1_acknowledged_on=date(2025, 4, 28))  # on time
    ComplaintFactory(received_on=APRIL_17, stage1_acknowledged_on=date(2025, 4, 29))  # late
    ComplaintFactory(received_on=APRIL_17)  # never acknowledged
    # Received Wednesday 23 April: due Wednesday 30 April, the period's last day.
    ComplaintFactory(received_on=date(2025, 4, 23), stage1_acknowledged_on=date(2025, 4, 30))
    # Received Thursday 24 April: due 1 May, after the period ends.
    ComplaintFactory(received_on=date(2025, 4, 24))
    # Received before the period.
    ComplaintFactory(received_on=date(2025, 3, 31), stage1_acknowledged_on=date(2025, 4, 2))
    # Refused under Code 2.2: never taken on, never counted.
    ComplaintFactory(received_on=APRIL_17, status=Status.EXCLUDED, excluded_on=APRIL_17)
    april = _measure("complaints.acknowledged_on_time", date(2025, 4, 1), date(2025, 4, 30))
    assert (april["numerator"], april["denominator"], april["value"]) == (2, 4, 50.0)
    to_may = _measure("complaints.acknowledged_on_time", date(2025, 4, 1), date(2025, 5, 31))
    assert (to_may["numerator"], to_may["denominator"]) == (2, 5)


def test_ch02_stage2_counts_final_responses_across_christmas_with_capped_extensions(db):
    requested = date(2025, 12, 23)  # acknowledgement due 2 January 2026
    common = {"received_on": date(2025, 11, 3), "stage1_acknowledged_on": date(2025, 11, 5),
              "stage1_responded_on": date(2025, 11, 19), "stage2_requested_on": requested}  # fmt: skip
    # Acknowledged 2 January: due 30 January.
    ComplaintFactory(
        **common, stage2_acknowledged_on=date(2026, 1, 2), stage2_responded_on=date(2026, 1, 30)
    )
    ComplaintFactory(
        **common, stage2_acknowledged_on=date(2026, 1, 2), stage2_responded_on=date(2026, 2, 2)
    )
    # Never acknowledged (deemed 2 January), extension 25 counts as 20: due 27 February.
    ComplaintFactory(**common, stage2_extension_days=25, stage2_responded_on=date(2026, 2, 27))
    # Acknowledged 5 January, extended by 20: due 2 March, so 3 March is late.
    ComplaintFactory(
        **common, stage2_acknowledged_on=date(2026, 1, 5), stage2_extension_days=20,
        stage2_responded_on=date(2026, 3, 3),
    )  # fmt: skip
    # Answered before the period.
    ComplaintFactory(
        **common, stage2_acknowledged_on=date(2025, 12, 24), stage2_responded_on=date(2025, 12, 31)
    )
    result = _measure("CH02.stage2", date(2026, 1, 1), date(2026, 3, 31))
    assert (result["numerator"], result["denominator"], result["value"]) == (2, 4, 50.0)


def test_ch01_counts_stage1_complaints_and_stage2_requests_per_1000_homes(db):
    HomeFactory.create_batch(8)
    ComplaintFactory(received_on=date(2025, 4, 1))
    ComplaintFactory(received_on=date(2025, 6, 30))
    ComplaintFactory(
        received_on=date(2025, 5, 1), stage1_acknowledged_on=date(2025, 5, 2),
        stage1_responded_on=date(2025, 5, 9), stage2_requested_on=date(2025, 7, 1),
    )  # fmt: skip
    ComplaintFactory(received_on=date(2025, 3, 31))  # before the period
    ComplaintFactory(received_on=date(2025, 5, 2), status=Status.EXCLUDED)  # refused
    stage1 = _measure("CH01.stage1", date(2025, 4, 1), date(2025, 6, 30))
    stage2 = _measure("CH01.stage2", date(2025, 4, 1), date(2025, 6, 30))
    assert (stage1["numerator"], stage1["denominator"], stage1["value"]) == (3, 8, 375.0)
    assert (stage2["numerator"], stage2["value"]) == (0, 0.0)
    later = _measure("CH01.stage2", date(2025, 7, 1), date(2025, 9, 30))
    assert (later["numerator"], later["value"]) == (1, 125.0)


def test_the_database_and_the_rules_agree_on_every_stage1_due_date(db):
    """Random complaints over two Christmases and an Easter: the SQL measure counts exactly the
    responses the Python rules call on time."""
    rng = random.Random(7)
    expected_on_time = 0
    for n in range(80):
        received = date(2024, 12, 1) + timedelta(days=rng.randint(0, 420))
        ack = received + timedelta(days=rng.randint(0, 9)) if rng.random() < 0.8 else None
        extension = rng.choice([0, 0, 0, 5, 10, 14])
        responded = (ack or received) + timedelta(days=rng.randint(5, 30))
        due = rules.stage1_response_due(
            received_on=received, acknowledged_on=ack, extension_days=extension
        )
        expected_on_time += responded <= due
        ComplaintFactory(
            ref=f"CMP-R{n}", received_on=received, stage1_acknowledged_on=ack,
            stage1_extension_days=extension, stage1_responded_on=responded,
        )  # fmt: skip
    result = _measure("CH02.stage1", date(2024, 1, 1), date(2026, 12, 31))
    assert result["denominator"] == 80
    assert result["numerator"] == expected_on_time
