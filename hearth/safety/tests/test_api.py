"""The building safety API: staff list and record checks and close actions through the same
services; every refusal is a JSON problem body, never a 500."""

from __future__ import annotations

from django.test import Client

from hearth.accounts.models import ApiToken
from hearth.estates.tests.factories import HomeFactory
from hearth.safety.tests.factories import SafetyCheckFactory


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    _, raw = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _post(client: Client, path: str, body: dict):  # type: ignore[no-untyped-def,type-arg]
    return client.post(f"/api/v1{path}", body, content_type="application/json")


def test_a_coordinator_records_an_unsatisfactory_eicr_and_closes_its_action(coordinator):  # type: ignore[no-untyped-def]
    home = HomeFactory()
    api = _client(coordinator)
    made = _post(api, "/safety/checks", {
        "check_type": "electrical", "home_id": home.pk, "done_on": "2026-03-02",
        "outcome": "unsatisfactory", "contractor": "Brightline",
        "findings": [{"finding": "eicr_c2", "description": "No RCD", "risk": "medium"}],
    })  # fmt: skip
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["next_due_on"], body["home_ref"]) == ("2031-03-02", home.ref)
    action = body["actions"][0]
    assert (action["due_on"], action["risk"]) == ("2026-03-30", "medium")

    late = _post(api, f"/safety/actions/{action['ref']}/complete", {"completed_on": "2026-04-02"})
    assert late.status_code == 409
    assert late.json()["errors"][0]["field"] == "mitigation"
    done = _post(api, f"/safety/actions/{action['ref']}/complete",
                 {"completed_on": "2026-04-02", "mitigation": "Circuit isolated"})  # fmt: skip
    assert done.json()["status"] == "done"
    listed = api.get("/api/v1/safety/actions", {"status": "done"}).json()
    assert [a["ref"] for a in listed["items"]] == [action["ref"]]


def test_refusals_are_problem_bodies(coordinator, officer, resident):  # type: ignore[no-untyped-def]
    home = HomeFactory()
    api = _client(coordinator)
    future = _post(api, "/safety/checks", {"check_type": "gas", "home_id": home.pk,
                                           "done_on": "2099-01-01", "outcome": "satisfactory"})  # fmt: skip
    assert future.status_code == 409 and future.json()["errors"][0]["field"] == "done_on"
    unknown = _post(api, "/safety/checks", {"check_type": "nope", "home_id": home.pk,
                                            "done_on": "2026-01-01", "outcome": "satisfactory"})  # fmt: skip
    assert unknown.status_code == 422 and unknown["Content-Type"] == "application/problem+json"
    assert api.get("/api/v1/safety/checks/NOPE").status_code == 404
    bad_date = _post(api, "/safety/checks", {"check_type": "gas", "home_id": home.pk,
                                             "done_on": 20260101, "outcome": "satisfactory"})  # fmt: skip
    assert bad_date.status_code == 422
    officer_post = _post(_client(officer), "/safety/checks", {"check_type": "gas", "home_id": home.pk,
                                                              "done_on": "2026-01-01", "outcome": "satisfactory"})  # fmt: skip
    assert officer_post.status_code == 403
    assert _client(resident).get("/api/v1/safety/checks").status_code == 403


def test_staff_list_checks_and_the_summary(officer):  # type: ignore[no-untyped-def]
    home = HomeFactory()
    SafetyCheckFactory(ref="SC-1", home=home, kind="gas")
    api = _client(officer)
    listed = api.get("/api/v1/safety/checks", {"home_id": home.pk}).json()
    assert [c["ref"] for c in listed["items"]] == ["SC-1"]
    summary = {row["check_type"]: row for row in api.get("/api/v1/safety/summary").json()}
    assert summary["gas"]["in_scope"] == 1
