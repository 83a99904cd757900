"""Every measure that says it can be counted for one estate or block runs for both, on SQLite
and PostgreSQL, and gives numbers; the others stay null (a dash on the dashboard)."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.core.measures import Scope, registry, report
from hearth.estates.tests.factories import HomeFactory

pytestmark = pytest.mark.django_db


def test_each_scoped_measure_counts_for_an_estate_and_a_block():
    home = HomeFactory()
    for scope in (Scope(block_id=home.block_id), Scope(estate_id=home.block.estate_id)):
        found = report(date(2025, 4, 1), date(2026, 3, 31), scope=scope)["measures"]
        for measure in found:
            if registry.can_scope(measure["id"]):
                assert measure["denominator"] is not None, measure["id"]
            else:
                assert measure["value"] is None, measure["id"]
    scoped = {m for m in (d["id"] for d in found) if registry.can_scope(m)}
    assert {"RP02.emergency", "rent.collected", "voids.average_relet_days", "BS01",
            "estate.flytipping_removed", "TP01"} <= scoped  # fmt: skip
