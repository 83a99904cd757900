"""The rent review through its staff pages: a manager starts a review, adjusts a rent and
sends it for approval; a second manager approves; the notices go out; the exports hold every
home's calculation. Other roles see nothing."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.accounts.tests.otp import sign_in_verified
from hearth.estates.tests.factories import HomeFactory
from hearth.rents.models import ChargeRate, HomeRentSetting, RentReview, ReviewStatus
from hearth.rents.services import review as reviews
from hearth.rents.tests.factories import pretend_today
from hearth.tenancies.tests.factories import ContactPreferenceFactory, PersonFactory, TenancyFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def second_manager(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="manager2", first_name="Sam", last_name="Second", role=Role.MANAGER)


def let(rent: str = "100.00", ref: str = "H-1") -> object:
    home = HomeFactory(ref=ref, weekly_rent=D(rent), weekly_service_charge=D("10.00"))
    person = PersonFactory(email=f"{ref.lower()}@example.org")
    ContactPreferenceFactory(person=person, channel="email")
    TenancyFactory(home=home, lead_tenant=person)
    return home


def test_a_manager_starts_adjusts_and_submits_and_a_second_manager_approves(
    client, manager, second_manager, monkeypatch
):
    pretend_today(monkeypatch, date(2027, 1, 11))
    home = let()
    sign_in_verified(client, manager)

    page = client.get(reverse("rents:review-new"))
    assert page.status_code == 200
    assert 'value="2027"' in page.content.decode()
    response = client.post(
        reverse("rents:review-new"), {"rent_year": "2027", "september_cpi": "3.8"}
    )
    review = RentReview.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "rents:review", args=[review.ref]
    )
    html = client.get(response["Location"]).content.decode()
    assert "5 April 2027" in html and "8 March 2027" in html
    assert "£104.80" in html and "No formula rent recorded" in html

    response = client.post(reverse("rents:review-adjust", args=[review.ref, home.ref]),
                           {"new_rent": "110.00", "reason": "Too much"})  # fmt: skip
    assert response.status_code == 200
    assert "The rent can be at most £104.80 a week" in response.content.decode()
    client.post(
        reverse("rents:review-adjust", args=[review.ref, home.ref]),
        {"new_rent": "104.00", "reason": "Board decision"},
    )
    client.post(reverse("rents:review-submit", args=[review.ref]))
    client.post(reverse("rents:review-approve", args=[review.ref]))
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED  # the same manager cannot approve

    other = Client()
    sign_in_verified(other, second_manager)
    other.post(reverse("rents:review-approve", args=[review.ref]))
    response = other.post(reverse("rents:review-send", args=[review.ref]))
    assert response["Location"] == reverse("rents:review-notices", args=[review.ref])
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED and review.approved_by == second_manager
    assert ChargeRate.objects.get(home=home, effective_from=date(2027, 4, 5)).weekly_rent == D(
        "104.00"
    )
    dashboard = other.get(reverse("rents:review-notices", args=[review.ref])).content.decode()
    assert '<dd class="govuk-summary-list__value" id="notices-sent">1</dd>' in dashboard
    timeline = other.get(reverse("rents:review", args=[review.ref])).content.decode()
    for words in (
        "Review started",
        "rent changed from £104.80 to £104.00",
        "Sent for approval",
        "Approved.",
        "Notices of variation on 11 January 2027: 1 sent in time",
    ):
        assert words in timeline


def test_the_review_form_says_what_is_wrong_with_each_field(client, manager):
    sign_in_verified(client, manager)
    response = client.post(reverse("rents:review-new"), {"rent_year": "", "september_cpi": "lots"})
    html = response.content.decode()
    assert "Enter the year the rent year starts, like 2027" in html
    assert "Enter the September CPI as a number, like 3.8" in html


def test_the_exports_hold_every_homes_calculation(client, manager):
    let(ref="H-1")
    let(rent="95.37", ref="H-2")
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    sign_in_verified(client, manager)
    response = client.get(reverse("rents:review-csv", args=[review.ref]))
    assert response.streaming  # a line at a time, whatever the number of homes
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["home_ref"], r["current_rent"], r["new_rent"], r["exceptions"]) for r in rows] == [
        ("H-1", "100.00", "104.80", "No formula rent recorded"),
        ("H-2", "95.37", "99.94", "No formula rent recorded"),
    ]
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(client.get(reverse("rents:review-xlsx", args=[review.ref])).content)
    )
    totals = {row[0]: row[1] for row in book["Totals"].iter_rows(values_only=True)}
    assert totals["Homes"] == 2
    assert Decimal(str(totals["Average weekly rent before"])) == D(
        "97.69"
    )  # (100.00 + 95.37) / 2 = 97.685
    assert Decimal(str(totals["Weekly rent roll after"])) == D("204.74")
    assert Decimal(str(totals["Rent roll for the year (52 weeks)"])) == D("10646.48")
    assert [row[0] for row in book["Homes"].iter_rows(min_row=2, values_only=True)] == [
        "H-1",
        "H-2",
    ]


def test_a_rent_setting_is_edited_with_its_history(client, manager):
    home = HomeFactory(ref="H-9")
    sign_in_verified(client, manager)
    url = reverse("rents:rent-setting", args=[home.ref])
    response = client.post(url, {"rent_type": "social", "formula_rent": "-1", "rent_cap": ""})
    assert "Enter an amount that is not negative" in response.content.decode()
    client.post(
        url,
        {
            "rent_type": "social",
            "formula_rent": "110.50",
            "rent_cap": "190",
            "note": "2026 valuation",
        },
    )
    client.post(url, {"rent_type": "affordable", "formula_rent": "", "rent_cap": "240"})
    setting = HomeRentSetting.objects.get(home=home)
    assert (setting.rent_type, setting.formula_rent, setting.rent_cap) == (
        "affordable",
        None,
        D("240.00"),
    )
    html = client.get(url).content.decode()
    assert "£110.50" in html and "2026 valuation" in html


def test_officers_residents_and_operatives_cannot_reach_the_review(
    client, officer, resident, operative, manager
):
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    for user in (officer, resident, operative):
        client.force_login(user)
        assert client.get(reverse("rents:reviews")).status_code == 404
        assert client.get(reverse("rents:review", args=[review.ref])).status_code == 404
        assert client.get(reverse("rents:review-csv", args=[review.ref])).status_code == 404


def test_an_income_officer_sees_the_review_but_cannot_approve_it(client, manager):
    let()
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    reviews.submit_review(review=review, actor=manager)
    ines = UserFactory(username="ines", role=Role.INCOME_OFFICER)
    client.force_login(ines)
    assert client.get(reverse("rents:review", args=[review.ref])).status_code == 200
    assert client.post(reverse("rents:review-approve", args=[review.ref])).status_code == 404
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED


def test_the_exceptions_filter_lists_only_homes_that_need_a_look(client, manager):
    capped = let(ref="H-CAP")
    let(ref="H-OK")
    reviews.set_rent_setting(
        home=capped,
        rent_type="social",
        formula_rent=D("120.00"),
        rent_cap=D("101.00"),
        actor=manager,
    )
    ok = HomeRentSetting.objects.create(
        home=HomeFactory(ref="H-FINE", weekly_rent=D("90.00")),
        formula_rent=D("99.00"),
        rent_cap=D("200.00"),
    )
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    sign_in_verified(client, manager)
    html = client.get(
        reverse("rents:review", args=[review.ref]) + "?show=exceptions"
    ).content.decode()
    assert (
        "H-CAP" in html and "Hits the rent cap" in html and "H-OK" in html
    )  # H-OK has no formula rent
    assert ok.home.ref not in html
