"""Lettings in a real browser: a tenant's keys come back, the void is inspected, its works are
ordered through repairs, the safety gates and the Letting Standard pass, a viewing is offered,
and the sign-up starts a new tenancy with its rent account; then the measures move. Every page
is axe-checked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.accounts.tests.factories import PASSWORD
from hearth.core.measures import report
from hearth.lettings.models import Void
from hearth.rents.models import RentAccount, Transaction
from hearth.repairs.models import Repair
from hearth.repairs.services import complete_repair


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def fill_date(page, name: str, day: date) -> None:  # type: ignore[no-untyped-def]
    page.locator(f"#id_{name}_day").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def done(page, text: str) -> None:  # type: ignore[no-untyped-def]
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def step(page, void: Void, link: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/staff/voids/{void.ref}/")
    page.get_by_role("link", name=link).click()


def safety_check(page, void: Void, kind: str, day: date, certificate: str = "", every_storey: bool = False) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    step(page, void, "Record a safety check")
    page.get_by_label(kind, exact=True).check()
    fill_date(page, "done_on", day)
    page.get_by_label("Satisfactory", exact=True).check()
    if certificate:
        page.get_by_label("Certificate reference").fill(certificate)
    if every_storey:
        page.get_by_label("Smoke alarms tested on every storey").check()
    page.get_by_role("button", name="Save check").click()
    done(page, "Safety check recorded")


@pytest.mark.heavy(seconds=20)
@pytest.mark.browser
def test_keys_back_to_a_new_tenancy_with_its_rent_account(page, axe, officer, tenancy):
    today = timezone.localdate()
    end = today - timedelta(days=10)
    sign_in(page, "officer")

    # Notice, then the keys: the void opens.
    page.goto(f"/staff/voids/endings/{tenancy.pk}/notice/")
    page.get_by_role("button", name="Save notice").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date notice was given")
    fill_date(page, "notice_given_on", today - timedelta(days=38))
    fill_date(page, "end_date", end)
    page.get_by_role("button", name="Save notice").click()
    done(page, "Notice recorded")
    page.get_by_role("link", name="Record the keys returned and open the void").click()
    fill_date(page, "keys_returned_on", end + timedelta(days=1))
    page.get_by_role("button", name="Save and open the void").click()
    done(page, "void")
    void = Void.objects.get(previous_tenancy=tenancy)
    page.get_by_role("link", name=f"Go to void {void.ref}").click()
    expect(page.get_by_role("heading", name=tenancy.home.address, level=1)).to_be_visible()

    # The void inspection, and the works ordered through repairs.
    page.get_by_role("link", name="Record the void inspection").click()
    fill_date(page, "inspected_on", end + timedelta(days=2))
    page.get_by_label("Minor works").check()
    page.get_by_label("Works needed, one job a line").fill("Replace kitchen worktop")
    page.get_by_role("button", name="Save inspection").click()
    done(page, "Void inspection recorded")
    page.get_by_role("link", name="Order works through repairs").click()
    page.get_by_label("Replace kitchen worktop").check()
    page.get_by_role("button", name="Raise works order").click()
    done(page, "Works order")
    repair = Repair.objects.get(home=tenancy.home)
    complete_repair(repair=repair, actor=officer)
    step(page, void, "Record works complete")
    fill_date(page, "completed_on", today)
    page.get_by_role("button", name="Save").click()
    done(page, "Works recorded as complete")

    # The safety gates, then the Letting Standard.
    safety_check(page, void, "Gas safety record", today - timedelta(days=3), "GSR-77")
    safety_check(
        page,
        void,
        "Electrical installation condition report (EICR)",
        today - timedelta(days=400),
        "EICR-77",
    )
    safety_check(page, void, "Asbestos information", today - timedelta(days=3))
    safety_check(page, void, "Smoke alarms tested", today, every_storey=True)
    safety_check(page, void, "Carbon monoxide alarm tested", today)  # fmt: skip
    step(page, void, "Record the Letting Standard inspection")
    fill_date(page, "inspected_on", today)
    for radio in page.locator("input[type=radio][value=pass]").all():
        radio.check()
    page.get_by_role("button", name="Save inspection").click()
    done(page, "The Letting Standard has passed")

    # The shortlist, the offer with a viewing, and the answer.
    step(page, void, "Add an applicant from the shortlist")
    page.get_by_label("Applicant's full name").fill("Nadia Newcomer")
    page.get_by_label("Band", exact=True).fill("B")
    fill_date(page, "band_date", date(2024, 1, 15))
    page.get_by_label("Bidding number").fill("1234567")
    page.get_by_label("Email (optional)").fill("nadia@example.org")
    page.get_by_role("button", name="Add applicant").click()
    done(page, "Applicant added")
    step(page, void, "Offer the home with a viewing")
    page.get_by_label("1. Nadia Newcomer (band B, bid 1234567)").check()
    fill_date(page, "offered_on", today - timedelta(days=1))
    fill_date(page, "viewing_on", today)
    page.get_by_label("Why is this applicant offered the home?").fill("Top of the shortlist")
    page.get_by_role("button", name="Record offer").click()
    done(page, "Offer and accompanied viewing recorded")
    step(page, void, "Record the applicant's answer")
    page.get_by_label("1. Nadia Newcomer (band B, bid 1234567)").check()
    page.get_by_label("Accepted").check()
    fill_date(page, "decided_on", today)
    page.get_by_role("button", name="Save answer").click()
    done(page, "Answer recorded")

    # Sign-up: refused until the certificates are given, then the tenancy starts.
    step(page, void, "Sign up the new tenant")
    fill_date(page, "signed_on", today)
    page.get_by_label("Introductory").check()
    page.get_by_label("The relet standard was explained to the new tenant").check()
    page.get_by_role("button", name="Sign up and start the tenancy").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Give the new tenant copies of the gas and electrical certificates"
    )
    page.get_by_label("The relet standard was explained to the new tenant").check()
    page.get_by_label("Copies of the gas and electrical certificates were given").check()
    page.get_by_role("button", name="Sign up and start the tenancy").click()
    done(page, "Signed up")
    void.refresh_from_db()
    assert void.let_on == today
    account = RentAccount.objects.get(tenancy=void.new_tenancy)
    assert Transaction.objects.filter(account=account, kind="rent").exists()
    expect(page.get_by_text(f"Signed up on {today.day} {today:%B %Y}")).to_be_visible()
    page.goto("/staff/voids/")
    expect(page.get_by_text("No empty homes match.")).to_be_visible()

    # The measures move: one minor void let 10 days after the tenancy ended, viewing offered.
    measures = {m["id"]: m for m in report(today - timedelta(days=30), today)["measures"]}
    relet = measures["voids.average_relet_days"]
    assert (relet["numerator"], relet["denominator"]) == (10, 1)
    assert measures["lettings.viewing_offered"]["value"] == 100.0
    assert measures["lettings.letting_standard_met"]["value"] == 100.0
    assert len(axe.checked) >= 30
