"""A complaint from start to finish in a real browser, every page checked with axe: a resident
complains in the portal; an officer acknowledges and responds; the resident escalates with one
button; a second officer answers at stage 2; the complaints measures move."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from hearth.accounts.tests.factories import PASSWORD
from hearth.complaints.models import Complaint, Status

pytestmark = pytest.mark.browser


@pytest.fixture
def cara(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="cara", first_name="Cara", last_name="Complaints",
                       role=Role.COMPLAINTS_OFFICER)  # fmt: skip


@pytest.fixture
def sol(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="sol", first_name="Sol", last_name="Second",
                       role=Role.COMPLAINTS_OFFICER)  # fmt: skip


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def counts(page, measure_id: str) -> str:  # type: ignore[no-untyped-def]
    page.goto("/staff/complaints/performance/")
    return page.locator(f'tr[data-measure="{measure_id}"] td[data-counts]').inner_text().strip()


def respond(page, decision: str, reasons: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label(decision, exact=True).check()
    page.get_by_label("The reasons for the decision").fill(reasons)
    page.get_by_label("Putting things right").fill("We apologise for the delay.")
    page.get_by_label("Outstanding actions", exact=True).fill("None")
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Response sent")


@pytest.mark.heavy(seconds=15)
def test_a_complaint_goes_through_both_stages_and_the_measures_move(
    page, axe, new_watcher, live_server, resident, cara, sol
):
    # Before: nothing counted this year.
    officer = new_watcher(live_server.url)
    sign_in(officer.page, "cara")
    assert counts(officer.page, "CH01.stage1").startswith("0 /")
    assert counts(officer.page, "CH02.stage1") == "0 / 0"

    # The resident finds how to complain from the footer and complains, one question a page.
    sign_in(page, "rita")
    page.get_by_role("link", name="How to complain").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How to complain")
    # Let axe finish with this page before leaving it: a click straight after its load can
    # navigate away while the check runs, and the page would go unchecked.
    axe.settle()
    page.get_by_role("button", name="Make a complaint online").click()
    page.get_by_label("Repairs").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What happened?").fill("My kitchen tap has leaked for six weeks.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What would you like us to do to put it right?").fill("Fix the tap.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Check your complaint"))
    page.get_by_role("button", name="Send complaint").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Complaint sent")
    ref = page.locator("#complaint-ref").inner_text().strip()
    assert Complaint.objects.get(ref=ref).complainant == resident.person

    # The officer finds it at the top of the complaints queue, acknowledges it and responds.
    officer.page.goto("/staff/")
    officer.page.get_by_role("link", name="Complaints", exact=True).click()
    officer.page.get_by_role("link", name=ref).click()
    officer.page.get_by_role("button", name="Acknowledge", exact=True).click()
    expect(officer.page.get_by_label(re.compile("What we understand"))).to_contain_text("tap")
    officer.page.get_by_role("button", name="Send the acknowledgement").click()
    expect(officer.page.locator(".govuk-notification-banner")).to_contain_text("acknowledged")
    officer.page.get_by_role("button", name="Respond", exact=True).click()
    respond(officer.page, "Not upheld", "The plumber fixed the tap on the first visit.")

    # The resident reads the response and escalates with one button, giving no reasons.
    page.goto(f"/complaints/{ref}/")
    expect(page.get_by_text("The plumber fixed the tap on the first visit.")).to_be_visible()
    page.get_by_role("button", name="Ask for stage 2").click()
    page.get_by_role("button", name="Ask for stage 2").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have asked for stage 2")
    expect(page.locator("#complaint-status")).to_have_text("Stage 2: to acknowledge")

    # The stage 1 officer cannot take stage 2; a second officer does and gives the final response.
    officer.page.goto(f"/staff/complaints/{ref}/stage-2/handler/")
    officer.page.get_by_label("Who handles this stage?").select_option(
        label="Cara Complaints (Complaints officer)"
    )
    officer.page.get_by_role("button", name="Save").click()
    expect(officer.page.locator(".govuk-error-summary")).to_contain_text("stage 1 handler")

    second = new_watcher(live_server.url)
    sign_in(second.page, "sol")
    second.page.goto(f"/staff/complaints/{ref}/")
    second.page.get_by_role("button", name="Acknowledge", exact=True).click()
    second.page.get_by_label(re.compile("What we understand")).fill("You say the tap still leaks.")
    second.page.get_by_role("button", name="Send the acknowledgement").click()
    second.page.get_by_role("button", name="Send the final response").click()
    expect(second.page.get_by_label("How to escalate")).to_contain_text("Housing Ombudsman")
    respond(second.page, "Partly upheld", "The tap was fixed, but we did not call you back.")

    complaint = Complaint.objects.get(ref=ref)
    assert complaint.status == Status.CLOSED
    assert complaint.stage1_handler == cara and complaint.stage2_handler == sol

    # The measures moved: one complaint at each stage, both answered on time.
    assert counts(officer.page, "CH01.stage1").startswith("1 /")
    assert counts(officer.page, "CH01.stage2").startswith("1 /")
    assert counts(officer.page, "CH02.stage1") == "1 / 1"
    assert counts(officer.page, "CH02.stage2") == "1 / 1"
    assert counts(officer.page, "complaints.acknowledged_on_time") in ("0 / 0", "1 / 1")

    for watcher in (officer, second):
        watcher.settle()
        assert not watcher.violations and not watcher.console_errors, watcher.report()
    assert "/how-to-complain/" in axe.checked_paths()
