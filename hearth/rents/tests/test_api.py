from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from hearth.accounts.models import ApiToken, Role, User
from hearth.accounts.tests.factories import UserFactory
from hearth.rents.models import ArrearsCase, Kind, SuspenseItem, Transaction
from hearth.rents.services.accounts import account_for
from hearth.rents.tests.factories import make_account, post

pytestmark = pytest.mark.django_db


def api(user: User) -> Client:
    _, raw = ApiToken.issue(user=user, name="Test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def income_officer(db):  # type: ignore[no-untyped-def]
    return UserFactory(role=Role.INCOME_OFFICER)


def test_a_resident_reads_their_own_balance_and_statement_and_nobody_elses(
    resident, tenancy, other_tenancy
):
    account = account_for(tenancy)
    post(account, date(2025, 4, 7), Kind.RENT, "128.75")
    post(account, date(2025, 4, 8), Kind.PAYMENT_CASH, "-28.75")
    account_for(other_tenancy)
    client = api(resident)
    listed = client.get("/api/v1/rent/accounts").json()
    assert listed["count"] == 1 and listed["items"][0]["balance"] == "100.00"
    mine = client.get(f"/api/v1/rent/accounts/{tenancy.pk}").json()
    assert (
        mine["payment_reference"] == account.payment_reference and mine["weekly_charge"] == "128.75"
    )
    statement = client.get(
        f"/api/v1/rent/accounts/{tenancy.pk}/statement?from=2025-04-01&to=2025-04-30"
    ).json()
    assert [line["balance"] for line in statement["lines"]] == ["128.75", "100.00"]
    transactions = client.get(f"/api/v1/rent/accounts/{tenancy.pk}/transactions").json()
    assert [t["amount"] for t in transactions["items"]] == ["-28.75", "128.75"]
    for path in ("", "/transactions", "/statement"):
        response = client.get(f"/api/v1/rent/accounts/{other_tenancy.pk}{path}")
        assert (
            response.status_code == 404 and response["Content-Type"] == "application/problem+json"
        )
    assert client.get("/api/v1/rent/arrears-cases").status_code == 403


def test_a_payment_file_is_imported_once_and_a_bad_one_is_a_problem_with_every_error(
    income_officer,
):
    make_account(ref="T0042")
    client = api(income_officer)
    data = b"bank_ref,date,amount,reference\nB1,2025-04-11,25.00,T0042\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    first = client.post(
        "/api/v1/rent/payment-files",
        {"kind": "standing_order", "file": SimpleUploadedFile("so.csv", data)},
    )
    assert first.status_code == 201 and first.json()["posted"] == 1
    again = client.post(
        "/api/v1/rent/payment-files",
        {"kind": "standing_order", "file": SimpleUploadedFile("so.csv", data)},
    )
    assert again.json()["posted"] == 0 and again.json()["already_imported"] == 1
    assert Transaction.objects.count() == 1
    bad = client.post(
        "/api/v1/rent/payment-files",
        {
            "kind": "standing_order",
            "file": SimpleUploadedFile(
                "so.csv", b"bank_ref,date,amount,reference\nB2,2025-04-31,x,\n"
            ),
        },
    )
    body = bad.json()
    assert bad.status_code == 409 and body["type"] == "tag:hearth,2025:problem:payment-file"
    assert [e["detail"].split(":")[2].strip() for e in body["errors"]] == [
        "date",
        "amount",
        "reference",
    ]
    assert (
        client.post(
            "/api/v1/rent/payment-files",
            {"kind": "pigeon", "file": SimpleUploadedFile("x.csv", data)},
        ).status_code
        == 422
    )


def test_an_officer_contacts_a_tenant_in_arrears_and_agrees_a_plan(income_officer):
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    account = make_account(start=monday - timedelta(weeks=3))
    post(account, monday - timedelta(days=7), Kind.RENT, "100.00")
    post(account, monday, Kind.RENT, "100.00")
    case = ArrearsCase.objects.get()
    client = api(income_officer)
    listed = client.get("/api/v1/rent/arrears-cases").json()
    assert listed["items"][0]["next_action"] == "contact"
    contacted = client.post(
        f"/api/v1/rent/arrears-cases/{case.ref}/contacts",
        {"channel": "phone", "signposted_advice": True},
        content_type="application/json",
    )
    assert (
        contacted.status_code == 201
        and contacted.json()["first_contacted_on"] == timezone.localdate().isoformat()
    )
    plan = client.post(
        f"/api/v1/rent/arrears-cases/{case.ref}/payment-plans",
        {"weekly_instalment": "10.00", "starts_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert plan.status_code == 201 and plan.json()["balance_at_start"] == "200.00"
    refused = client.post(
        f"/api/v1/rent/arrears-cases/{case.ref}/payment-plans",
        {"weekly_instalment": "10.00", "starts_on": "2000-01-01"},
        content_type="application/json",
    )
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "starts_on"
    bad = client.post(
        f"/api/v1/rent/arrears-cases/{case.ref}/contacts",
        {"channel": "pigeon"},
        content_type="application/json",
    )
    assert bad.status_code == 422


def test_suspense_allocation_and_phone_payments(income_officer):
    account = make_account()
    item = SuspenseItem.objects.create(
        source="standing_order",
        source_ref="B9",
        kind=Kind.PAYMENT_STANDING_ORDER,
        received_on=date(2025, 4, 11),
        amount=Decimal("-20.00"),
        reason="No match",
    )
    client = api(income_officer)
    assert client.get("/api/v1/rent/suspense").json()["count"] == 1
    response = client.post(
        f"/api/v1/rent/suspense/{item.pk}/allocate",
        {"tenancy_id": account.tenancy_id},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["amount"] == "-20.00"
    paid = client.post(
        f"/api/v1/rent/accounts/{account.tenancy_id}/payments",
        {"amount": "15.00", "reference": "AUTH1"},
        content_type="application/json",
    )
    assert paid.status_code == 201 and paid.json()["kind"] == "payment_online"
    assert (
        client.post(
            f"/api/v1/rent/accounts/{account.tenancy_id}/payments",
            {"amount": "-1"},
            content_type="application/json",
        ).status_code
        == 422
    )


def test_the_debit_run_over_the_api_charges_once(income_officer):
    make_account(start=date(2020, 4, 6))
    client = api(income_officer)
    first = client.post(
        "/api/v1/rent/debit-runs",
        {"week_commencing": "2025-04-07"},
        content_type="application/json",
    )
    assert first.status_code == 201 and first.json()["transactions"] == 1
    assert (
        client.post(
            "/api/v1/rent/debit-runs",
            {"week_commencing": "2025-04-07"},
            content_type="application/json",
        ).json()["transactions"]
        == 0
    )
    assert (
        client.post(
            "/api/v1/rent/debit-runs",
            {"week_commencing": "2025-04-08"},
            content_type="application/json",
        ).status_code
        == 409
    )


def test_an_operatives_token_reads_no_rent_account_list_nor_any_account(
    operative, tenancy, other_tenancy
):
    """Defect 1 of issue #10: every staff role may view people, which once let an operative's
    token read every tenant's account through the fallback to visible tenancies."""
    account = account_for(tenancy)
    post(account, date(2025, 4, 7), Kind.RENT, "128.75")
    client = api(operative)
    listed = client.get("/api/v1/rent/accounts")
    assert listed.status_code == 403
    assert listed["Content-Type"] == "application/problem+json"
    for path in ("", "/transactions", "/statement"):
        response = client.get(f"/api/v1/rent/accounts/{tenancy.pk}{path}")
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"


def test_notes_longer_than_the_form_allows_are_refused_with_a_problem(income_officer):
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    account = make_account(start=monday - timedelta(weeks=3))
    post(account, monday - timedelta(days=7), Kind.RENT, "100.00")
    post(account, monday, Kind.RENT, "100.00")
    case = ArrearsCase.objects.get()
    client = api(income_officer)
    # Issue #15: 100,000 characters of notes on an arrears contact were accepted.
    too_long = client.post(
        f"/api/v1/rent/arrears-cases/{case.ref}/contacts",
        {"channel": "phone", "notes": "x" * 100_000},
        content_type="application/json",
    )
    assert too_long.status_code == 422
    assert too_long["Content-Type"] == "application/problem+json"
    assert too_long.json()["errors"][0]["field"] == "notes"
    plan = client.post(
        f"/api/v1/rent/arrears-cases/{case.ref}/payment-plans",
        {"weekly_instalment": "10.00", "starts_on": monday.isoformat(), "notes": "x" * 2001},
        content_type="application/json",
    )
    assert plan.status_code == 422
    just_fits = client.post(
        f"/api/v1/rent/arrears-cases/{case.ref}/contacts",
        {"channel": "phone", "notes": "x" * 2000},
        content_type="application/json",
    )
    assert just_fits.status_code == 201
