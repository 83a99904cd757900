"""Repairs on "my work", the resident's requests, the sweeps, and the Awaab's Law clocks in
the queue."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hearth.core.models import Message
from hearth.core.sweeps import registered, run_sweep
from hearth.repairs import services, work
from hearth.repairs.models import CatalogueItem, Rate, Repair
from hearth.repairs.tests.factories import london, make_appointment, make_repair, make_visit


def test_my_work_shows_an_operative_their_overdue_repairs(operative):
    mine = make_repair(reported_at=london(2025, 6, 2, 9), priority="urgent", operative=operative)
    make_repair(reported_at=london(2025, 6, 2, 9), priority="urgent")  # someone else's
    items = list(work.repairs_due(operative, until=timezone.localdate()))
    assert [i.url for i in items] == [mine.get_absolute_url()]
    assert items[0].state == "overdue"


def test_my_work_shows_coordinators_residents_waiting_for_an_update_and_managers_approvals(
    coordinator, manager, operative
):
    waiting = make_repair(reported_at=london(2025, 6, 2, 9), operative=operative)
    make_visit(waiting, london(2025, 6, 3, 9), "further_work")
    titles = [i.title for i in work.repairs_due(coordinator, until=timezone.localdate())]
    assert any("Update the resident" in t and waiting.ref in t for t in titles)
    rate = Rate.objects.create(code="X1", description="Big job", unit_price=Decimal("900"))
    services.add_cost_line(repair=waiting, actor=operative, rate=rate, quantity=Decimal("1"))
    titles = [i.title for i in work.repairs_due(manager, until=timezone.localdate())]
    assert any("Approve spend of £900.00" in t for t in titles)


def test_my_work_lists_repairs_escalated_after_no_access_in_a_fixed_number_of_queries(officer):
    def escalated() -> None:
        repair = make_repair(reported_at=london(2025, 6, 2, 9), owner=officer)
        repair.no_access_escalated_at = london(2025, 6, 9, 9)
        repair.save(update_fields=["no_access_escalated_at"])

    def items() -> tuple[list[str], int]:
        with CaptureQueriesContext(connection) as queries:
            found = [i.detail for i in work.repairs_due(officer, until=timezone.localdate())
                     if i.title.startswith("Reach the resident")]  # fmt: skip
        return found, len(queries.captured_queries)

    escalated()
    one, few = items()
    for _ in range(4):
        escalated()
    five, many = items()
    assert len(one) == 1 and len(five) == 5
    # Each item says where the repair is (its home's address), read with the repair.
    addresses = Repair.objects.filter(owner=officer).values_list("home__address", flat=True)
    assert sorted(five) == sorted(addresses)
    assert many == few


def test_a_residents_open_repairs_are_their_requests_with_the_next_appointment(
    resident, tenancy, officer
):
    repair = services.raise_repair(actor=officer, home=tenancy.home, tenancy=tenancy,
                                   reporter=tenancy.lead_tenant, description="Leak", channel="phone")  # fmt: skip
    make_appointment(repair, timezone.localdate() + timedelta(days=3), "pm")
    [request] = list(work.resident_repairs(resident))
    assert request.reference == repair.ref and "Appointment booked" in request.status


def test_the_repairs_sweeps_are_registered_and_mark_missed_appointments(tenancy, officer):
    assert {"repairs.appointment_reminders", "repairs.missed_appointments"} <= set(registered())
    repair = make_repair(reported_at=london(2025, 6, 2, 9), home=tenancy.home, tenancy=tenancy)
    stale = make_appointment(repair, timezone.localdate() - timedelta(days=2))
    run = run_sweep("repairs.missed_appointments", force=True)
    assert run is not None and run.result == {"missed": 1}
    stale.refresh_from_db()
    assert stale.outcome == "missed"


def test_the_queue_shows_the_next_awaab_clock_on_a_damp_and_mould_report(
    client, coordinator, tenancy
):
    repair = services.raise_repair(
        actor=coordinator, home=tenancy.home, tenancy=tenancy, description="Black mould",
        channel="phone", catalogue_item=CatalogueItem.objects.get(code="M01"),
    )  # fmt: skip
    client.force_login(coordinator)
    response = client.get(reverse("repairs:queue"), {"flag": "damp"})
    [row] = response.context["rows"]
    assert row["repair"] == repair
    assert row["awaab"].due == repair.damp_mould.investigation_due_on
    assert "Awaab&#x27;s Law: investigate" in response.content.decode()


def test_reminders_go_the_day_before_through_the_sweep(tenancy, officer, plumber):
    from hearth.core import calendar

    repair = services.raise_repair(actor=officer, home=tenancy.home, tenancy=tenancy,
                                   reporter=tenancy.lead_tenant, description="Leak", channel="phone",
                                   catalogue_item=CatalogueItem.objects.get(code="K03"))  # fmt: skip
    day = calendar.add_working_days(timezone.localdate(), 2)
    services.book_appointment(
        repair=repair,
        day=day,
        slot="am",
        actor=officer,
        late_reason="The resident is away until then",
    )
    zone = timezone.get_default_timezone()
    evening = timezone.datetime(day.year, day.month, day.day, 19, tzinfo=zone) - timedelta(days=1)
    run_sweep("repairs.appointment_reminders", now=evening, force=True)
    message = Message.objects.get(purpose="repair_appointment_reminder")
    assert "/repairs/calendar/" in message.body
