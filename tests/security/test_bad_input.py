"""Bad input is refused with a problem body, the same on SQLite and PostgreSQL (issue #10,
defects 5 and 6): a NUL character in any string the API reads, and a multipart body without a
boundary."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from hearth.accounts.models import ApiToken, Role, User
from hearth.accounts.tests.factories import UserFactory
from hearth.complaints.models import Complaint
from hearth.rents.models import Transaction
from hearth.rents.services.accounts import account_for

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def api(user: User) -> Client:
    _, raw = ApiToken.issue(user=user, name="Test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def income_officer(db):  # type: ignore[no-untyped-def]
    return UserFactory(role=Role.INCOME_OFFICER)


def test_a_nul_in_a_complaint_description_is_a_422_problem_naming_the_field(resident) -> None:
    response = api(resident).post(
        "/api/v1/complaints",
        json.dumps(
            {"category": "estate_services", "description": "a\u0000b", "desired_outcome": "x"}
        ),
        content_type="application/json",
    )
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
        ("description", "nul_character")
    ]
    assert not Complaint.objects.exists()


def test_a_nul_in_a_payment_reference_is_refused_and_nothing_is_posted(
    income_officer, tenancy
) -> None:
    account_for(tenancy)
    response = api(income_officer).post(
        f"/api/v1/rent/accounts/{tenancy.pk}/payments",
        {"amount": "10.00", "paid_on": date.today().isoformat(), "reference": "card\u0000123"},
        content_type="application/json",
    )
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    assert response.json()["errors"][0]["field"] == "reference"
    assert not Transaction.objects.exists()


def test_a_nul_in_a_query_string_or_an_address_is_a_422_problem(officer) -> None:
    client = api(officer)
    query = client.get("/api/v1/complaints", {"status": "open\u0000"})
    assert query.status_code == 422 and query["Content-Type"] == PROBLEM
    assert query.json()["errors"][0]["loc"] == ["query", "status"]
    path = client.get("/api/v1/complaints/C-1%00")
    assert path.status_code == 422 and path["Content-Type"] == PROBLEM


def test_a_nul_in_a_form_field_is_a_422_problem(income_officer) -> None:
    response = api(income_officer).post(
        "/api/v1/rent/payment-files", {"kind": "standing\u0000order"}
    )
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM


def test_a_multipart_body_without_a_boundary_is_a_400_problem(income_officer) -> None:
    response = api(income_officer).generic(
        "POST",
        "/api/v1/rent/payment-files",
        b"kind=standing_order",
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert "multipart" in response.json()["detail"]


def test_a_resident_is_refused_a_payment_file_before_its_body_is_read(resident) -> None:
    response = api(resident).generic(
        "POST",
        "/api/v1/rent/payment-files",
        b"garbage",
        content_type="multipart/form-data",
    )
    assert response.status_code == 403 and response["Content-Type"] == PROBLEM
