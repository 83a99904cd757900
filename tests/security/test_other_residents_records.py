"""A resident asking for another resident's record gets a 404 (never a 403 that would confirm it
exists): by id, by reference, through list filters, and for every download, for each kind of
case: repairs (page, photo, calendar file), complaints (page, response letter, escalation),
rent (account, statement PDF) and tenancies, on the resident's pages and in the API."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from hearth.accounts.models import ApiToken, User
from hearth.complaints import services as complaints
from hearth.rents.services.accounts import account_for
from hearth.repairs import services as repairs
from hearth.repairs.ics import calendar_token
from hearth.repairs.models import Appointment, CatalogueItem, RepairPhoto

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def api(user: User) -> Client:
    _, raw = ApiToken.issue(user=user, name="Test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def omars(other_tenancy: Any, officer: Any) -> dict[str, Any]:
    """Omar's records: a repair with a photo and an appointment, a complaint, a rent account."""
    repair = repairs.raise_repair(
        actor=officer, home=other_tenancy.home, tenancy=other_tenancy,
        reporter=other_tenancy.lead_tenant, description="Boiler broken", channel="phone",
        catalogue_item=CatalogueItem.objects.get(code="K01"),
    )  # fmt: skip
    photo = RepairPhoto.objects.create(
        repair=repair, image=ContentFile(b"\xff\xd8\xff", name="boiler.jpg"),
        content_type="image/jpeg", size=3, width=1, height=1,
    )  # fmt: skip
    appointment = Appointment.objects.create(
        ref="A-OMAR", repair=repair, date=date(2026, 12, 8), slot="am"
    )
    complaint = complaints.make_complaint(
        actor=officer, category="estate_services", description="Bins", channel="phone",
        tenancy=other_tenancy,
    )  # fmt: skip
    account_for(other_tenancy)
    return {
        "repair": repair,
        "photo": photo,
        "appointment": appointment,
        "complaint": complaint,
        "tenancy": other_tenancy,
    }


def test_another_residents_records_are_not_found_on_the_residents_pages(
    client: Client, resident: Any, tenancy: Any, omars: dict[str, Any]
) -> None:
    account_for(tenancy)
    client.force_login(resident)
    repair, complaint, theirs = omars["repair"], omars["complaint"], omars["tenancy"]
    for url in (
        f"/repairs/{repair.ref}/",
        f"/repairs/{repair.ref}/book/",
        f"/repairs/{repair.ref}/feedback/",
        f"/repairs/{repair.ref}/appointments/{omars['appointment'].ref}/change/",
        f"/repairs/photos/{omars['photo'].pk}/",
        f"/complaints/{complaint.ref}/",
        f"/complaints/{complaint.ref}/escalate/",
        f"/complaints/{complaint.ref}/stage-1-response.pdf",
        f"/rent/?tenancy={theirs.pk}",
        f"/rent/statement.pdf?tenancy={theirs.pk}",
    ):
        assert client.get(url).status_code == 404, url
    # Their own lists do not show Omar's records.
    assert repair.ref not in client.get("/repairs/").content.decode()
    assert complaint.ref not in client.get("/complaints/").content.decode()
    assert theirs.home.address not in client.get("/your-home/").content.decode()


def test_a_calendar_file_needs_its_own_signed_link(
    client: Client, resident: Any, omars: dict[str, Any]
) -> None:
    token = calendar_token(omars["appointment"])
    client.force_login(resident)
    assert client.get(f"/repairs/calendar/{token}.ics").status_code == 200
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/repairs/calendar/{tampered}.ics").status_code == 404
    assert client.get("/repairs/calendar/A-OMAR.ics").status_code == 404


def test_another_residents_records_are_not_found_in_the_api(
    resident: Any, tenancy: Any, omars: dict[str, Any]
) -> None:
    account_for(tenancy)
    client = api(resident)
    repair, complaint, theirs = omars["repair"], omars["complaint"], omars["tenancy"]
    for method, url in (
        ("GET", f"/api/v1/repairs/{repair.ref}"),
        ("GET", f"/api/v1/repairs/{repair.ref}/slots"),
        ("POST", f"/api/v1/repairs/{repair.ref}/appointments/{omars['appointment'].ref}/cancel"),
        ("GET", f"/api/v1/complaints/{complaint.ref}"),
        ("POST", f"/api/v1/complaints/{complaint.ref}/escalate"),
        ("GET", f"/api/v1/tenancies/{theirs.pk}"),
        ("GET", f"/api/v1/rent/accounts/{theirs.pk}"),
        ("GET", f"/api/v1/rent/accounts/{theirs.pk}/transactions"),
        ("GET", f"/api/v1/rent/accounts/{theirs.pk}/statement"),
    ):
        response = client.generic(method, url, "{}", content_type="application/json")
        assert response.status_code == 404, url
        assert response["Content-Type"] == PROBLEM
    # Lists and their filters hold only the resident's own records.
    assert client.get("/api/v1/repairs").json()["count"] == 0
    assert client.get("/api/v1/complaints", {"status": "open"}).json()["count"] == 0
    assert [t["id"] for t in client.get("/api/v1/tenancies").json()["items"]] == [tenancy.pk]
    accounts = client.get("/api/v1/rent/accounts").json()
    assert [a["tenancy_id"] for a in accounts["items"]] == [tenancy.pk]
    # People are a kind of record residents do not read through the API at all.
    assert client.get(f"/api/v1/people/{theirs.lead_tenant.pk}").status_code == 403
