"""Impossible dates are refused, with a message that says why (issue #10, defect 7), in the
API, the forms and the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import ApiToken, Role, User
from hearth.accounts.tests.factories import UserFactory
from hearth.complaints import services as complaints
from hearth.complaints.models import Complaint
from hearth.rents.models import ArrearsCase, Kind, Transaction
from hearth.rents.services import casework
from hearth.rents.services.statements import send_statement
from hearth.rents.tests.factories import make_account, post

pytestmark = pytest.mark.django_db


def api(user: User) -> Client:
    _, raw = ApiToken.issue(user=user, name="Test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def income_officer(db):  # type: ignore[no-untyped-def]
    return UserFactory(role=Role.INCOME_OFFICER)


def test_a_payment_dated_1900_on_a_tenancy_that_started_in_2010_is_refused_saying_why(
    income_officer,
) -> None:
    account = make_account(start=date(2010, 4, 5))
    response = api(income_officer).post(
        f"/api/v1/rent/accounts/{account.tenancy_id}/payments",
        {"amount": "10.00", "paid_on": "1900-01-02"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "paid_on"
    assert "on or after 5 April 2010, when the tenancy started" in response.json()["detail"]
    assert not Transaction.objects.exists()


def test_the_take_payment_form_says_why_a_date_before_the_tenancy_is_refused(
    client, income_officer
) -> None:
    account = make_account(start=date(2010, 4, 5))
    client.force_login(income_officer)
    page = client.post(
        reverse("rents:take-payment", args=[account.tenancy_id]),
        {"amount": "10.00", "kind": "payment_cash", "paid_on_day": "1", "paid_on_month": "1",
         "paid_on_year": "1900", "reference": ""},
    )  # fmt: skip
    assert page.status_code == 200
    assert "when the tenancy started" in page.content.decode()
    assert not Transaction.objects.exists()


def test_paid_on_zero_is_not_taken_as_1970(income_officer) -> None:
    account = make_account(start=date(1960, 1, 4))
    response = api(income_officer).post(
        f"/api/v1/rent/accounts/{account.tenancy_id}/payments",
        {"amount": "10.00", "paid_on": 0},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["detail"].endswith("Enter a date in the form YYYY-MM-DD")
    assert not Transaction.objects.exists()


def test_an_arrears_contact_before_its_case_opened_is_refused_saying_why(income_officer) -> None:
    account = make_account(start=date(2025, 4, 7))
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    post(account, date(2025, 4, 14), Kind.RENT, "100.00")
    case = ArrearsCase.objects.get(account=account)
    opened = f"{case.opened_on:%-d %B %Y}"
    with pytest.raises(ValidationError) as refused:
        casework.record_arrears_contact(
            case=case, channel="phone", contacted_on=case.opened_on - timedelta(days=1),
            actor=income_officer,
        )  # fmt: skip
    assert refused.value.message_dict["contacted_on"] == [
        f"The contact date must be on or after {opened}, when the arrears case was opened."
    ]
    response = api(income_officer).post(
        f"/api/v1/rent/arrears-cases/{case.ref}/contacts",
        {"channel": "phone", "contacted_on": "1900-01-02"},
        content_type="application/json",
    )
    assert (
        response.status_code == 409
        and "when the arrears case was opened" in (response.json()["detail"])
    )


def test_a_complaint_received_in_1900_is_refused_saying_why(officer) -> None:
    with pytest.raises(ValidationError) as refused:
        complaints.make_complaint(
            actor=officer, category="estate_services", description="Bins", channel="phone",
            received_on=date(1900, 1, 2), contact_name="Pat", contact_email="pat@example.org",
        )  # fmt: skip
    assert refused.value.message_dict["received_on"] == [
        "The date received must be 1 January 2000 or later"
    ]
    response = api(officer).post(
        "/api/v1/complaints",
        {"category": "estate_services", "description": "Bins", "received_on": "1900-01-02",
         "contact_name": "Pat", "contact_email": "pat@example.org"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "received_on"
    assert not Complaint.objects.exists()


def test_a_statement_from_after_to_is_refused_saying_why(income_officer) -> None:
    account = make_account(start=date(2025, 4, 7))
    response = api(income_officer).get(
        f"/api/v1/rent/accounts/{account.tenancy_id}/statement?from=2025-06-01&to=2025-05-01"
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "'from' must be the same day as 'to' or before it."
    with pytest.raises(ValidationError) as refused:
        send_statement(
            account=account, period_from=date(2025, 6, 1), period_to=date(2025, 5, 1),
            actor=income_officer,
        )  # fmt: skip
    assert "period_to" in refused.value.message_dict
