"""`GET /api/v1/measures` serves the measures spec's output contract for a period."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.core import measures
from hearth.estates.tests.factories import HomeFactory

pytestmark = pytest.mark.django_db


def test_the_measures_are_the_registrys_report_for_the_period(token_client, officer):
    HomeFactory.create_batch(3)
    body = token_client(officer).get("/api/v1/measures?from=2025-04-01&to=2026-03-31").json()
    expected = measures.report(date(2025, 4, 1), date(2026, 3, 31))
    assert body == expected
    assert body["period"] == {"from": "2025-04-01", "to": "2026-03-31"}
    assert body["homes"] == 3
    assert set(body["measures"][0]) == {
        "id", "title", "value", "unit", "numerator", "denominator", "target", "met",
    }  # fmt: skip


def test_a_single_day_period_is_allowed(token_client, officer):
    response = token_client(officer).get("/api/v1/measures?from=2025-04-01&to=2025-04-01")
    assert response.status_code == 200


def test_residents_may_not_see_the_measures_here(token_client, resident):
    response = token_client(resident).get("/api/v1/measures?from=2025-04-01&to=2026-03-31")
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("query", "field"),
    [("from=1899-12-31&to=2025-01-01", "from"), ("from=2025-01-01&to=2200-01-01", "to")],
)
def test_a_date_outside_the_years_measures_are_counted_in_is_a_400(
    query, field, token_client, officer
):
    response = token_client(officer).get(f"/api/v1/measures?{query}")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_the_widest_period_allowed_is_counted_without_error(token_client, officer):
    response = token_client(officer).get("/api/v1/measures?from=1900-01-01&to=2199-12-31")
    assert response.status_code == 200
