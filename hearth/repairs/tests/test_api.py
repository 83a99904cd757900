"""The repairs API: residents report, see, book, move and cancel; staff list, filter and
change through the same services; every refusal is a problem body."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from hearth.accounts.models import ApiToken
from hearth.core import calendar
from hearth.repairs.models import Repair


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    _, raw = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _post(client: Client, path: str, body: dict | None = None):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1{path}", body or {}, content_type="application/json")


def test_a_resident_reports_a_repair_books_moves_and_cancels_over_the_api(resident, plumber):
    me = _client(resident)
    made = _post(me, "/repairs", {"description": "Sink will not drain", "catalogue_code": "K01"})
    assert made.status_code == 201, made.content
    ref = made.json()["ref"]
    assert made.json()["priority"] == "urgent" and made.json()["right_to_repair_days"] == 3
    slots = me.get(f"/api/v1/repairs/{ref}/slots").json()
    booked = _post(
        me, f"/repairs/{ref}/appointments", {"date": slots[0]["date"], "slot": slots[0]["slot"]}
    )
    assert booked.status_code == 201, booked.content
    other = next(s for s in slots if (s["date"], s["slot"]) != (slots[0]["date"], slots[0]["slot"]))
    moved = _post(me, f"/repairs/{ref}/appointments/{booked.json()['ref']}/reschedule", other)
    assert moved.status_code == 200 and moved.json()["outcome"] == "pending"
    cancelled = _post(me, f"/repairs/{ref}/appointments/{moved.json()['ref']}/cancel", {})
    assert cancelled.json()["outcome"] == "cancelled_by_resident"
    detail = me.get(f"/api/v1/repairs/{ref}").json()
    assert [a["outcome"] for a in detail["appointments"]] == ["cancelled_by_resident"] * 2
    assert detail["timeline"][0]["summary"].startswith("Repair reported")
    assert [r["ref"] for r in me.get("/api/v1/repairs").json()["items"]] == [ref]


def test_a_resident_cannot_see_or_book_another_residents_repair(resident, other_resident):
    theirs = _post(_client(other_resident), "/repairs", {"description": "Door sticks"}).json()[
        "ref"
    ]
    me = _client(resident)
    assert me.get(f"/api/v1/repairs/{theirs}").status_code == 404
    tomorrow = calendar.next_working_day(timezone.localdate()).isoformat()
    assert (
        _post(me, f"/repairs/{theirs}/appointments", {"date": tomorrow, "slot": "am"}).status_code
        == 404
    )
    assert me.get("/api/v1/repairs").json()["count"] == 0


def test_a_gas_smell_cannot_be_reported_online(resident):
    response = _post(
        _client(resident), "/repairs", {"description": "Smells of gas", "catalogue_code": "H04"}
    )
    assert response.status_code == 409 and "0800 111 999" in response.json()["detail"]
    assert response["Content-Type"] == "application/problem+json"
    assert not Repair.objects.exists()


def test_staff_report_filter_change_and_record_visits_through_the_services(
    coordinator, operative, tenancy
):
    staff = _client(coordinator)
    made = _post(staff, "/repairs", {"description": "No hot water", "home_id": tenancy.home_id,
                                     "priority": "urgent", "trade": "gas_engineer"}).json()  # fmt: skip
    assert made["channel"] == "phone"
    ref = made["ref"]
    changed = staff.patch(f"/api/v1/repairs/{ref}", {"priority": "emergency", "operative_id": operative.pk},
                          content_type="application/json").json()  # fmt: skip
    assert (
        changed["priority"] == "emergency"
        and changed["due_at"]
        and changed["operative_id"] == operative.pk
    )
    assert staff.get("/api/v1/repairs", {"priority": "emergency"}).json()["count"] == 1
    assert staff.get("/api/v1/repairs", {"priority": "planned"}).json()["count"] == 0
    visit = _post(_client(operative), f"/repairs/{ref}/visits", {"outcome": "completed"})
    assert visit.status_code == 201
    assert staff.get(f"/api/v1/repairs/{ref}").json()["status"] == "completed"


def test_a_visit_before_the_repair_was_reported_is_refused_with_a_problem(coordinator, tenancy):
    staff = _client(coordinator)
    ref = _post(staff, "/repairs", {"description": "Leak", "home_id": tenancy.home_id}).json()[
        "ref"
    ]
    response = _post(staff, f"/repairs/{ref}/visits", {"outcome": "no_access",
                                                       "visited_at": "2001-01-01T09:00:00"})  # fmt: skip
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "visited_at"


def test_a_resident_may_not_record_visits_or_cancel_repairs(resident):
    me = _client(resident)
    ref = _post(me, "/repairs", {"description": "Leak"}).json()["ref"]
    assert _post(me, f"/repairs/{ref}/visits", {"outcome": "completed"}).status_code == 403
    assert _post(me, f"/repairs/{ref}/cancel", {"reason": "x"}).status_code == 403
    bad = _post(me, f"/repairs/{ref}/appointments", {"date": "tomorrow", "slot": "am"})
    assert bad.status_code == 422 and bad.json()["errors"]
