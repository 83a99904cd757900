"""Operatives on a phone (issue #15, item 5), in a 390px-wide browser: they land on their jobs
today; staff tables scroll inside their own region instead of widening the page; the visit form
shows only the chosen outcome's fields, and a no-access visit needs evidence."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.accounts.tests.factories import PASSWORD
from hearth.repairs.tests.factories import make_repair

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def cleo(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="cleo", first_name="Cleo", last_name="Coordinator",
                       role=Role.REPAIRS_COORDINATOR)  # fmt: skip


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def page_width(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_an_operative_on_a_phone_lands_on_jobs_and_every_table_fits(
    page, live_server, operative, cleo, tenancy
):
    overdue = timezone.now() - timedelta(days=40)
    for n in range(3):
        make_repair(reported_at=overdue, operative=operative, home=tenancy.home,
                    description=f"Bathroom extractor fan number {n} rattles and trips the lights")  # fmt: skip
    page.set_viewport_size(PHONE)
    sign_in(page, "operative")
    assert page.url.endswith("/staff/repairs/jobs/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("jobs")

    page.goto("/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    region = page.get_by_role("region", name="Work due today or overdue")
    expect(region.locator("table")).to_be_visible()
    assert page_width(page) <= PHONE["width"]

    page.context.clear_cookies()
    sign_in(page, "cleo")
    page.goto("/staff/repairs/")
    region = page.get_by_role("region", name="Open repairs, soonest due first")
    expect(region).to_have_attribute("tabindex", "0")  # it overflows: keyboard can scroll it
    assert page_width(page) <= PHONE["width"]


def test_the_visit_form_on_a_phone_shows_only_the_chosen_outcomes_fields(
    page, live_server, operative, tenancy
):
    repair = make_repair(reported_at=timezone.now() - timedelta(days=1), operative=operative,
                         home=tenancy.home, tenancy=tenancy, reporter=tenancy.lead_tenant)  # fmt: skip
    page.set_viewport_size(PHONE)
    sign_in(page, "operative")
    page.goto(f"/staff/repairs/{repair.ref}/visit/")
    card = page.get_by_label("No access: I left a card")
    further = page.get_by_label("Further work: what is needed?")
    expect(card).to_be_hidden()
    expect(further).to_be_hidden()
    page.get_by_label("No access", exact=True).check()
    expect(card).to_be_visible()
    expect(further).to_be_hidden()
    page.get_by_role("button", name="Save visit").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Say how you tried to reach the resident"
    )
    page.get_by_label("No access: I left a card").check()
    page.get_by_role("button", name="Save visit").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Visit recorded")
    assert repair.visits.get().card_left
    assert page_width(page) <= PHONE["width"]
