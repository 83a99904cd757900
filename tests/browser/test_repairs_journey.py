"""A repair from report to fix in a real browser, every page checked with axe: a resident
reports a blocked sink and books a slot; the coordinator assigns it; the operative finds it in
their jobs and records further work; the resident sees the update on their repair; the second
visit completes it; the repairs measures move."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from hearth.accounts.tests.factories import PASSWORD
from hearth.repairs.models import Appointment, Repair

pytestmark = pytest.mark.browser


@pytest.fixture
def cleo(db):  # type: ignore[no-untyped-def]
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    return UserFactory(username="cleo", first_name="Cleo", last_name="Coordinator",
                       role=Role.REPAIRS_COORDINATOR)  # fmt: skip


@pytest.fixture
def plumber(operative):  # type: ignore[no-untyped-def]
    from hearth.repairs.tests.factories import OperativeFactory

    return OperativeFactory(user=operative, trade="plumber", am_capacity=2, pm_capacity=2)


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def counts(page, measure_id: str) -> str:  # type: ignore[no-untyped-def]
    page.goto("/staff/repairs/performance/")
    return page.locator(f'tr[data-measure="{measure_id}"] td[data-counts]').inner_text().strip()


def record_visit(page, ref: str, outcome: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/staff/repairs/{ref}/visit/")
    page.get_by_label(outcome, exact=True).check()
    if outcome == "Further work needed":
        page.get_by_label("Further work: what is needed?").fill("The waste trap is cracked.")
        page.get_by_label("Further work: which trade?").select_option("plumber")
        page.get_by_label("Further work: materials").fill("40mm bottle trap")
    page.get_by_role("button", name="Save visit").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Visit recorded")


def test_a_resident_reports_a_repair_and_it_is_fixed_on_the_second_visit(
    page, new_watcher, live_server, resident, cleo, operative, plumber
):
    coordinator = new_watcher(live_server.url).page
    sign_in(coordinator, "cleo")
    for measure in ("RP02.non_emergency", "repairs.first_visit_fix", "repairs.progress_updates"):
        assert counts(coordinator, measure) == "0 / 0"

    # The resident reports a blocked sink, one question a page, and books the first slot.
    sign_in(page, "rita")
    page.get_by_role("link", name="Your repairs").first.click()
    page.get_by_role("button", name="Report a repair").click()
    page.get_by_label("No, none of these").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("In my home").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Kitchen").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Blocked kitchen sink").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Tell us about the problem").fill("The sink has not drained since Sunday.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add photos of the problem")
    page.get_by_role("button", name="Continue").click()
    page.locator('input[name="slot"]').first.check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Check your answers"))
    page.get_by_role("button", name="Send report").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Repair reported")
    repair = Repair.objects.get()
    appointment = Appointment.objects.get(repair=repair)
    assert repair.reporter == resident.person

    # The coordinator assigns it to the operative from the queue.
    coordinator.goto("/staff/repairs/")
    coordinator.get_by_label(f"Select {repair.ref}").check()
    coordinator.get_by_label("Assign the ticked repairs to").select_option(str(operative.pk))
    coordinator.get_by_role("button", name="Assign", exact=True).click()
    expect(coordinator.locator(".govuk-notification-banner")).to_contain_text(
        "1 repair assigned to Otto Operative"
    )
    appointment.refresh_from_db()
    assert appointment.operative == operative

    # The operative finds the job on the day of the appointment and records further work.
    crew = new_watcher(live_server.url).page
    sign_in(crew, "operative")
    crew.goto(f"/staff/repairs/jobs/?day={appointment.date.isoformat()}")
    expect(crew.get_by_role("heading", level=2, name=re.compile(repair.ref))).to_be_visible()
    record_visit(crew, repair.ref, "Further work needed")

    # The resident sees what happens next on their repair.
    page.goto(f"/repairs/{repair.ref}/")
    expect(page.locator("#main-content")).to_contain_text("Further work needed")
    expect(page.locator("#main-content")).to_contain_text("The waste trap is cracked.")

    # The second visit completes it, and the measures move.
    record_visit(crew, repair.ref, "Completed")
    repair.refresh_from_db()
    assert repair.status == "completed"
    assert counts(coordinator, "RP02.non_emergency") == "1 / 1"
    assert counts(coordinator, "repairs.first_visit_fix") == "0 / 1"
    assert counts(coordinator, "repairs.progress_updates") == "1 / 1"
    assert counts(coordinator, "repairs.appointments_offered") == "1 / 1"

    # The coordinator's view of the repair: its clocks, appointments, visits and timeline.
    coordinator.goto(f"/staff/repairs/{repair.ref}/")
    expect(coordinator.get_by_role("heading", level=2, name="Clocks")).to_be_visible()
    expect(coordinator.locator("#main-content")).to_contain_text("Further work needed")
    coordinator.goto("/staff/repairs/new/")
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Log a repair")

    # The resident is asked the one satisfaction question, and answers it.
    page.goto(f"/repairs/{repair.ref}/")
    page.get_by_role("link", name="Tell us how satisfied you are").click()
    page.get_by_label("Very satisfied").check()
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Thank you")
