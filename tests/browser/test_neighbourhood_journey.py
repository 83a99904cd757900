"""Neighbourhood journeys in a real browser, every page checked with axe: a resident finds the
next inspection of their block and its calendar feed; someone scans the cleaning poster and
reports a concern without signing in, and an officer answers it; fly-tipping reported through
Open311 is removed and the reporter told; an ASB case is opened, updated and closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def esme(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="esme", first_name="Esme", last_name="Estates", role=Role.ESTATE_OFFICER)  # fmt: skip


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_resident_sees_the_next_inspection_and_adds_it_to_their_calendar(page, live_server, resident, tenancy):  # fmt: skip
    from hearth.neighbourhood.tests.factories import InspectionFactory

    block = tenancy.home.block
    when = timezone.localdate() + timedelta(days=9)
    InspectionFactory(block=block, scheduled_on=when, published_on=timezone.localdate())
    sign_in(page, "rita")
    page.goto("/neighbourhood/")
    page.get_by_role("link", name=block.name, exact=True).click()
    expect(page.get_by_role("heading", level=2, name="Next estate inspection")).to_be_visible()
    expect(page.locator("main")).to_contain_text(when.strftime("%-d %B %Y"))
    link = page.get_by_role("link", name="Add all inspections of this block to your calendar")
    feed = page.request.get(live_server.url + link.get_attribute("href"))
    assert feed.headers["content-type"].startswith("text/calendar")
    assert when.strftime("%Y%m%d") in feed.text()
    page.get_by_role("button", name="Join the inspection walkabout").click()
    expect(page.locator("main")).to_contain_text("You are signed up to join this inspection.")


def test_the_poster_qr_form_needs_no_sign_in_and_an_officer_answers(page, new_watcher, live_server, esme):  # fmt: skip
    from hearth.estates.tests.factories import BlockFactory

    block = BlockFactory(name="Nye Bevan House")
    page.goto(f"/neighbourhood/blocks/{block.ref}/report-cleaning/")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Tell us what was not cleaned properly"
    )
    page.get_by_label("What was not cleaned properly?").fill(
        "The stairs have not been mopped for a week"
    )
    page.get_by_label("Email address").fill("neighbour@example.org")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Cleaning concern sent")
    ref = page.locator(".govuk-panel strong").inner_text().strip()

    officer = new_watcher(live_server.url)
    sign_in(officer.page, "esme")
    officer.page.goto("/staff/estates/")
    officer.page.get_by_role("link", name=ref).click()
    officer.page.get_by_role("link", name="Answer the resident").click()
    officer.page.get_by_label("Your answer to the resident").fill(
        "Our cleaner mopped them today. Sorry."
    )
    officer.page.get_by_role("button", name="Send the answer").click()
    expect(officer.page.locator(".govuk-notification-banner")).to_contain_text("Answer sent")
    officer.check()


def test_fly_tipping_reported_through_open311_is_removed_and_the_reporter_told(page, live_server, esme):  # fmt: skip
    from hearth.accounts.models import ApiToken
    from hearth.core.models import Message
    from hearth.estates.tests.factories import BlockFactory

    block = BlockFactory(name="Nye Bevan House")
    _token, key = ApiToken.issue(user=esme, name="FixMyStreet")
    created = page.request.post(live_server.url + "/neighbourhood/open311/v2/requests.json", form={
        "api_key": key, "service_code": "flytipping", "attribute[block]": block.ref,
        "address_string": "Behind the garages", "description": "A sofa", "email": "fms@example.org"})  # fmt: skip
    assert created.status == 201
    ref = created.json()[0]["service_request_id"]
    sign_in(page, "esme")
    page.goto("/staff/estates/")
    page.get_by_role("link", name=ref).click()
    page.get_by_role("link", name="Record that it was removed").click()
    page.get_by_role("button", name="Record and tell the reporter").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("the reporter has been told")
    status = page.request.get(
        live_server.url + f"/neighbourhood/open311/v2/requests/{ref}.json"
    ).json()
    assert status[0]["status"] == "closed"
    assert Message.objects.filter(
        purpose="flytipping_removed", to_address="fms@example.org"
    ).exists()


def test_an_asb_case_is_opened_updated_monthly_and_closed(page, live_server, officer):
    sign_in(page, "officer")
    page.goto("/staff/estates/asb/")
    page.get_by_role("link", name="Record an ASB report").click()
    page.get_by_label("Complainant's name").fill("Rita Resident")
    page.get_by_label("Complainant's email address").fill("rita@example.org")
    page.get_by_label("Kind of behaviour").fill("Harassment")
    page.get_by_label("What happened").fill("Shouting and banging on my door at night")
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ASB case")
    page.get_by_role("link", name="Assess the risk").click()
    page.get_by_label("Medium").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Update the complainant").click()
    page.get_by_label("Update for the complainant").fill("We have written to your neighbour.")
    page.get_by_role("button", name="Send the update").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Update sent")
    page.get_by_role("link", name="Close the case").click()
    page.get_by_label("Why the case is closing").fill("The behaviour stopped after our letter")
    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_role("button", name="Close the case").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Case closed")
    expect(page.locator("main")).to_contain_text("The behaviour stopped after our letter")
