"""Building safety in a real browser, every page checked with axe: the compliance team records a
gas check with its certificate and an unsatisfactory EICR whose remedial action runs on a
28-day clock; the tenant sees and downloads their certificate; the dashboard drills down to the
overdue homes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from hearth.accounts.tests.factories import PASSWORD
from hearth.estates.tests.factories import HomeFactory
from hearth.safety.models import SafetyCheck

pytestmark = pytest.mark.browser
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


def fill_date(page, field: str, day) -> None:  # type: ignore[no-untyped-def]
    page.locator(f"#id_{field}_day").fill(str(day.day))
    page.locator(f"#id_{field}_month").fill(str(day.month))
    page.locator(f"#id_{field}_year").fill(str(day.year))


def test_checks_are_recorded_the_tenant_sees_their_certificate_and_overdue_homes_are_found(  # type: ignore[no-untyped-def]
    page, new_watcher, live_server, resident, tenancy, cleo
):
    home = tenancy.home
    HomeFactory(block=home.block, address="Flat 99, Overdue House")
    today = timezone.localdate()
    watcher = new_watcher(live_server.url)
    staff = watcher.page
    sign_in(staff, "cleo")

    # A gas check, with its certificate, from the home's safety page.
    staff.goto(f"/staff/safety/homes/{home.pk}/")
    watcher.settle()  # axe finishes with each page asserted below before the test leaves it
    staff.get_by_role("link", name="Record a check (Gas safety check)").click()
    fill_date(staff, "done_on", today)
    staff.get_by_label("Satisfactory", exact=True).check()
    staff.get_by_label("Contractor").fill("Gasway Heating Ltd")
    staff.get_by_label("Certificate (PDF, up to 10MB)").set_input_files(
        {"name": "cp12.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    staff.get_by_role("button", name="Save check").click()
    expect(staff.locator(".govuk-notification-banner")).to_contain_text("Check recorded")
    expect(staff.get_by_role("link", name="Download the certificate (PDF)")).to_be_visible()
    watcher.settle()

    # An unsatisfactory EICR: its remedial action is due 28 days after the inspection.
    staff.goto(f"/staff/safety/homes/{home.pk}/")
    staff.get_by_role("link", name="Record a check (Electrical installation (EICR))").click()
    fill_date(staff, "done_on", today)
    staff.get_by_label("Unsatisfactory", exact=True).check()
    staff.get_by_label("What the check found").select_option("eicr_c2")
    staff.get_by_label("Work needed, one item a line").fill("No RCD protection for sockets")
    staff.get_by_role("button", name="Save check").click()
    due = date_format(today + timedelta(days=28), "j F Y")
    expect(staff.locator("#actions")).to_contain_text(due)
    expect(staff.locator("#actions")).to_contain_text("No RCD protection for sockets")

    # The tenant sees their certificate and can download it.
    # The tenant finds their certificate from the card on their account page.
    sign_in(page, "rita")
    page.goto("/")
    page.get_by_role("link", name="Your home's safety").click()
    link = page.get_by_role("link", name=f"Gas safety, {date_format(today, 'j F Y')} (PDF)")
    expect(link).to_be_visible()
    download = page.request.get(link.get_attribute("href"))
    assert download.status == 200 and download.body() == PDF

    # The dashboard drills down to the homes overdue for gas.
    staff.goto("/staff/safety/")
    watcher.settle()
    gas_row = staff.locator("#compliance tr", has_text="Gas safety check")
    gas_row.locator("td").nth(2).get_by_role("link").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Overdue")
    expect(staff.locator("#drilldown")).to_contain_text("Flat 99, Overdue House")
    expect(staff.locator("#drilldown")).not_to_contain_text(home.address)
    assert SafetyCheck.objects.filter(home=home).count() == 2

    # The Awaab's Law phase dates are the landlord's to change.
    staff.goto("/staff/safety/frequencies/")
    staff.get_by_role("link", name="Change when phase 2 comes in").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("When Awaab's Law phase 2 comes in")

    # Every staff page the journey opened was checked with axe too, and none failed.
    paths = watcher.checked_paths()
    assert f"/staff/safety/homes/{home.pk}/" in paths and "/staff/safety/" in paths
    assert any(path.startswith("/staff/safety/checks/") for path in paths), paths
    assert not watcher.violations and not watcher.console_errors, watcher.report()
