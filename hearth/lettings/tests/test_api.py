"""Voids over the API: staff list and read them; everyone else gets a problem body."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.lettings.models import Void
from hearth.lettings.tests.factories import make_void
from hearth.rents.tests.factories import pretend_today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):  # type: ignore[no-untyped-def]
    pretend_today(monkeypatch, date(2026, 3, 16))


def test_staff_list_empty_homes_with_days_and_target(token_client, officer):
    make_void(actor=officer, ref="V-ONE")
    make_void(actor=officer, ref="V-LET")
    Void.objects.filter(ref="V-LET").update(let_on=date(2026, 3, 10), stage="let")
    body = token_client(officer).get("/api/v1/voids").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["ref"], item["days_empty"], item["let_by"], item["stage"]) == (
        "V-ONE", 15, "2026-03-22", "inspection",
    )  # fmt: skip
    everything = token_client(officer).get("/api/v1/voids?include_let=true").json()
    assert everything["count"] == 2


def test_one_void_says_what_is_outstanding(token_client, officer):
    make_void(actor=officer, ref="V-ONE")
    body = token_client(officer).get("/api/v1/voids/V-ONE").json()
    assert body["rent_lost"] == "275.89"
    assert "A passed Letting Standard inspection" in body["outstanding"]
    assert {g["name"]: g["passed"] for g in body["gates"]}["Letting Standard"] is False


def test_errors_are_problem_bodies(token_client, officer, resident):
    missing = token_client(officer).get("/api/v1/voids/V-NOPE")
    assert missing.status_code == 404
    assert missing.headers["Content-Type"].startswith("application/problem+json")
    assert missing.json()["detail"] == "No void V-NOPE."
    bad = token_client(officer).get("/api/v1/voids?stage=sideways")
    assert bad.status_code == 422
    assert [error["field"] for error in bad.json()["errors"]] == ["stage"]
    refused = token_client(resident).get("/api/v1/voids")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Your role does not allow this."
