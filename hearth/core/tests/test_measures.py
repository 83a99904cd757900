from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hearth.core import measures
from hearth.core.measures import (
    CATALOGUE,
    Counts,
    Direction,
    Kind,
    MeasureDef,
    MeasureRegistry,
    Period,
)
from hearth.core.models import Landlord
from hearth.estates.tests.factories import HomeFactory

SPEC_IDS = [
    "complaints.stage1_average_working_days", "CH01.stage1", "CH01.stage2", "CH02.stage1", "CH02.stage2",
    "complaints.acknowledged_on_time", "RP02.emergency", "RP02.non_emergency", "repairs.first_visit_fix",
    "repairs.appointments_offered", "repairs.appointments_kept", "repairs.progress_updates",
    "BS01", "BS02", "BS03", "BS04", "BS05", "safety.electrical", "RP01", "homes.condition_surveyed",
    "voids.average_relet_days", "voids.average_relet_days_major", "voids.rent_lost", "lettings.letting_standard_met",
    "lettings.viewing_offered", "rent.collected", "rent.current_arrears", "arrears.contacted_in_5_days",
    "tenancy.money_advice_offered", "estate.inspections_completed", "estate.inspections_publicised",
    "estate.flytipping_removed", "estate.cleaning_concerns_answered", "estate.cleaning_schedules_displayed",
    "asb.monthly_updates", "NM01.asb", "NM01.hate",
    *[f"TP{n:02d}" for n in range(1, 13)],
]  # fmt: skip


def test_every_measure_of_the_spec_is_catalogued_in_the_spec_order():
    assert [m.id for m in CATALOGUE] == SPEC_IDS


MEASURES_DOC = Path(__file__).resolve().parents[3] / "docs" / "measures.md"


def _documented_ids() -> list[str]:
    """The ids of docs/measures.md's measure headings ("### `CH02.stage1`: ..."), in order."""
    text = MEASURES_DOC.read_text(encoding="utf-8")
    return re.findall(r"^### `([^`]+)`", text, flags=re.MULTILINE)


def test_the_measure_definitions_page_lists_every_catalogued_measure_in_order():
    assert _documented_ids() == [m.id for m in CATALOGUE]


def test_hearth_measures_reports_the_documented_measures_in_the_documented_order(db):
    out = StringIO()
    call_command(
        "measures", "--from", "2025-04-01", "--to", "2026-03-31", "--format", "json", stdout=out
    )
    assert [m["id"] for m in json.loads(out.getvalue())["measures"]] == _documented_ids()


def _registry() -> MeasureRegistry:
    return MeasureRegistry(
        (
            MeasureDef("CH02.stage1", "On time", "%", Kind.PERCENT, 100.0, Direction.AT_LEAST),
            MeasureDef(
                "CH01.stage1", "Per 1,000", "per 1,000 homes", Kind.RATE_PER_1000, None, None
            ),
            MeasureDef("avg", "Average", "working days", Kind.AVERAGE, 10.0, Direction.AT_MOST),
            MeasureDef("money", "Collected", "%", Kind.PERCENT, 100.0, Direction.AT_LEAST),
        )
    )


def test_a_percentage_is_rounded_half_away_from_zero_at_output_only(db):
    registry = _registry()
    registry.computes("CH02.stage1")(lambda period: Counts(137, 150))
    row = registry.report(date(2025, 4, 1), date(2026, 3, 31))["measures"][0]
    assert row == {
        "id": "CH02.stage1", "title": "On time", "value": 91.3, "unit": "%",
        "numerator": 137, "denominator": 150, "target": 100.0, "met": False,
    }  # fmt: skip
    registry2 = _registry()
    registry2.computes("CH02.stage1")(lambda period: Counts(1, 8))  # 12.5 exactly -> 12.5
    registry2.computes("avg")(lambda period: Counts(21, 8))  # 2.625 -> 2.6
    rows = registry2.report(date(2025, 4, 1), date(2026, 3, 31))["measures"]
    assert rows[0]["value"] == 12.5
    assert rows[2]["value"] == 2.6
    assert rows[2]["met"] is True


def test_a_rate_per_thousand_homes_uses_the_homes_managed_at_the_end_of_the_period(db):
    HomeFactory.create_batch(3)
    HomeFactory(managed_until=date(2026, 3, 30))  # no longer managed at `to`
    HomeFactory(managed_from=date(2026, 4, 1))  # not yet managed
    registry = _registry()
    registry.computes("CH01.stage1")(lambda period: Counts(2, 0))
    result = registry.report(date(2025, 4, 1), date(2026, 3, 31))
    assert result["homes"] == 3
    row = result["measures"][1]
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 3, 666.67)
    assert row["met"] is None


def test_a_measure_with_nothing_to_count_is_null_and_not_met_or_missed(db):
    registry = _registry()
    registry.computes("CH02.stage1")(lambda period: Counts(0, 0))
    row = registry.report(date(2025, 4, 1), date(2025, 4, 30))["measures"][0]
    assert (row["value"], row["met"], row["denominator"]) == (None, None, 0)


def test_money_sums_stay_exact(db):
    registry = _registry()
    registry.computes("money")(lambda period: Counts(Decimal("1000.10"), Decimal("1000.00")))
    row = registry.report(date(2025, 4, 1), date(2025, 4, 30))["measures"][3]
    assert (row["value"], row["numerator"], row["denominator"]) == (100.0, 1000.1, 1000)


def test_the_landlord_can_set_its_own_target(db):
    landlord = Landlord.current()
    landlord.targets = {"CH02.stage1": 90}
    landlord.save()
    registry = _registry()
    registry.computes("CH02.stage1")(lambda period: Counts(137, 150))
    row = registry.report(date(2025, 4, 1), date(2026, 3, 31))["measures"][0]
    assert (row["target"], row["met"]) == (90.0, True)


def test_the_registry_refuses_an_id_that_is_not_in_the_spec_and_a_second_computation():
    registry = _registry()
    with pytest.raises(KeyError):
        registry.computes("made.up")
    registry.computes("CH02.stage1")(lambda period: Counts(1, 1))

    def another(period: Period) -> Counts:
        return Counts(0, 1)

    with pytest.raises(ValueError):
        registry.computes("CH02.stage1")(another)


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period(date(2025, 4, 2), date(2025, 4, 1))


def test_the_measures_command_prints_the_output_contract_as_json(db):
    HomeFactory.create_batch(2)
    out = StringIO()
    call_command(
        "measures", "--from", "2025-04-01", "--to", "2026-03-31", "--format", "json", stdout=out
    )
    result = json.loads(out.getvalue())
    assert result["period"] == {"from": "2025-04-01", "to": "2026-03-31"}
    assert result["homes"] == 2
    assert [m["id"] for m in result["measures"]] == SPEC_IDS
    assert set(result["measures"][0]) == {
        "id",
        "title",
        "value",
        "unit",
        "numerator",
        "denominator",
        "target",
        "met",
    }
    assert result == measures.report(date(2025, 4, 1), date(2026, 3, 31))


def test_the_measures_command_prints_csv_and_a_table(db):
    out = StringIO()
    call_command(
        "measures", "--from", "2025-04-01", "--to", "2026-03-31", "--format", "csv", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "id,title,value,unit,numerator,denominator,target,met"
    assert len(lines) == 1 + len(SPEC_IDS)
    out = StringIO()
    call_command("measures", "--from", "2025-04-01", "--to", "2026-03-31", stdout=out)
    assert "CH02.stage1" in out.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2025-13-01", "--to", "2026-03-31"], "is not a date"),
        (["--from", "2026-04-01", "--to", "2026-03-31"], "must not be before"),
    ],
)
def test_the_measures_command_explains_bad_dates(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("measures", *args)
