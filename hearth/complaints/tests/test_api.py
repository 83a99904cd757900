from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from hearth.accounts.models import ApiToken
from hearth.complaints.models import Complaint, Status
from hearth.complaints.tests.factories import ComplaintFactory

TODAY = timezone.localdate()
RESPONSE = {
    "decision": "partly_upheld",
    "reasons": "We were late to inspect.",
    "remedy": "An apology and £30.",
    "outstanding_actions": "Inspect the roof.",
    "how_to_escalate": "Ask for stage 2.",
    "remedies": [{"kind": "compensation", "description": "Delay", "amount": "30.00"}],
    "actions": [{"description": "Inspect the roof"}],
}


def _client(user) -> Client:
    _, raw = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _post(client: Client, path: str, body: dict | None = None):
    return client.post(f"/api/v1{path}", body or {}, content_type="application/json")


@pytest.fixture
def staff(complaints_officer, second_officer):
    return _client(complaints_officer), _client(second_officer)


def test_a_resident_complains_escalates_and_a_second_officer_answers_over_the_api(resident, staff):
    me = _client(resident)
    made = _post(me, "/complaints", {"category": "repairs", "description": "Roof leaks."})
    assert made.status_code == 201, made.content
    ref = made.json()["ref"]
    assert made.json()["next_action"] == "acknowledge_stage1"
    first, second = staff
    assert (
        _post(first, f"/complaints/{ref}/acknowledge", {"definition": "Roof leak"}).status_code
        == 200
    )
    early = _post(me, f"/complaints/{ref}/escalate")
    assert early.status_code == 409
    assert early["Content-Type"] == "application/problem+json"
    answered = _post(first, f"/complaints/{ref}/respond", RESPONSE)
    assert answered.status_code == 200, answered.content
    assert answered.json()["compensation"] == "30.00"
    assert _post(me, f"/complaints/{ref}/escalate").json()["status"] == Status.STAGE2_REQUESTED
    same_person = _post(first, f"/complaints/{ref}/acknowledge", {"definition": "Still leaking"})
    assert same_person.status_code == 409
    assert same_person.json()["errors"][0]["field"] == "handler"
    assert "6.15" in same_person.json()["detail"]
    assert (
        _post(second, f"/complaints/{ref}/acknowledge", {"definition": "Still"}).status_code == 200
    )
    final = _post(second, f"/complaints/{ref}/respond", {**RESPONSE, "remedies": [], "actions": []})
    assert final.json()["status"] == Status.CLOSED
    seen = me.get(f"/api/v1/complaints/{ref}").json()
    assert [r["stage"] for r in seen["responses"]] == [1, 2]
    assert any("Final response" in e["summary"] for e in seen["timeline"])


def test_an_incomplete_response_is_refused_naming_each_missing_part(complaints_officer, tenancy):
    complaint = ComplaintFactory(tenancy=tenancy, received_on=TODAY, stage1_acknowledged_on=TODAY,
                                 stage1_definition="Lift")  # fmt: skip
    response = _post(
        _client(complaints_officer),
        f"/complaints/{complaint.ref}/respond",
        {**RESPONSE, "reasons": "", "how_to_escalate": " "},
    )
    assert response.status_code == 409
    assert {e["field"] for e in response.json()["errors"]} == {"reasons", "how_to_escalate"}


def test_residents_see_only_their_own_complaints_and_cannot_act_as_staff(
    resident, other_resident, tenancy
):
    mine = ComplaintFactory(tenancy=tenancy, complainant=tenancy.lead_tenant)
    theirs = ComplaintFactory()
    me = _client(resident)
    listed = me.get("/api/v1/complaints").json()
    assert [c["ref"] for c in listed["items"]] == [mine.ref]
    assert me.get(f"/api/v1/complaints/{theirs.ref}").status_code == 404
    assert _client(other_resident).get(f"/api/v1/complaints/{mine.ref}").status_code == 404
    assert _post(me, f"/complaints/{mine.ref}/acknowledge", {"definition": "x"}).status_code == 403


def test_staff_list_and_filter_complaints_and_log_one_by_phone(complaints_officer, tenancy):
    ComplaintFactory(ref="CMP-OLD", received_on=TODAY - timedelta(days=30))
    ComplaintFactory(ref="CMP-NEW", received_on=TODAY, category="damp_mould")
    client = _client(complaints_officer)
    overdue = client.get("/api/v1/complaints?overdue=true").json()
    assert [c["ref"] for c in overdue["items"]] == ["CMP-OLD"]
    assert client.get("/api/v1/complaints?received_from=2025-02-30").status_code == 422
    since = client.get(f"/api/v1/complaints?received_from={TODAY.isoformat()}").json()
    assert [c["ref"] for c in since["items"]] == ["CMP-NEW"]
    damp = client.get("/api/v1/complaints?category=damp_mould").json()
    assert [c["ref"] for c in damp["items"]] == ["CMP-NEW"]
    logged = _post(
        client,
        "/complaints",
        {"category": "repairs", "description": "Phoned about the lift", "channel": "phone",
         "tenancy_id": tenancy.pk},
    )  # fmt: skip
    assert logged.status_code == 201
    assert Complaint.objects.get(ref=logged.json()["ref"]).complainant == tenancy.lead_tenant
    bad = _post(client, "/complaints", {"category": "gripes", "description": "x"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "category"
    assert bad["Content-Type"] == "application/problem+json"
