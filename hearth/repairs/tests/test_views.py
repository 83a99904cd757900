"""Staff pages: the queue (filters, bulk assign, a bounded number of queries), a repair's page
and its changes, an operative's jobs today, approvals, the schedule of rates and settings."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hearth.accounts.tests.otp import sign_in_verified
from hearth.contacts.models import Contact
from hearth.core import calendar
from hearth.repairs import services
from hearth.repairs.models import CatalogueItem, Rate, Repair, RepairSettings
from hearth.repairs.tests.factories import london, make_repair, make_visit
from hearth.tenancies.models import CautionaryAlert, SensitiveAccessLog, SupportNeed


def _repair(tenancy, actor, code="K01", **kwargs):  # type: ignore[no-untyped-def]
    return services.raise_repair(
        actor=actor, home=tenancy.home, tenancy=tenancy, reporter=tenancy.lead_tenant,
        description=kwargs.pop("description", "Sink blocked"), channel="phone",
        catalogue_item=CatalogueItem.objects.get(code=code), **kwargs,
    )  # fmt: skip


def test_the_queue_lists_open_repairs_soonest_due_first_in_a_fixed_number_of_queries(
    client, coordinator
):
    client.force_login(coordinator)
    for n in range(3):
        make_repair(reported_at=london(2025, 6, 2 + n, 9), priority="urgent")
    url = reverse("repairs:queue")
    client.get(url)  # warm caches (landlord, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(12):
        repair = make_repair(reported_at=london(2025, 6, 2, 9), priority="routine")
        make_visit(repair, london(2025, 6, 3, 9), "further_work")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    refs = [row["repair"].ref for row in response.context["rows"]]
    dues = [row["repair"].due_on for row in response.context["rows"]]
    assert dues == sorted(dues) and len(refs) == 15


def test_the_queue_filters_by_priority_and_flags_repairs_whose_resident_needs_an_update(
    client, coordinator
):
    client.force_login(coordinator)
    waiting = make_repair(reported_at=london(2025, 6, 2, 9), priority="urgent")
    make_visit(waiting, london(2025, 6, 3, 9), "further_work")
    make_repair(reported_at=london(2025, 6, 2, 9), priority="planned")
    rows = client.get(reverse("repairs:queue"), {"flag": "needs_update"}).context["rows"]
    assert [r["repair"].ref for r in rows] == [waiting.ref]
    rows = client.get(reverse("repairs:queue"), {"priority": "planned"}).context["rows"]
    assert [r["repair"].priority for r in rows] == ["planned"]


def test_a_coordinator_assigns_several_repairs_at_once(client, coordinator, operative):
    client.force_login(coordinator)
    first = make_repair(reported_at=london(2025, 6, 2, 9))
    second = make_repair(reported_at=london(2025, 6, 2, 9))
    response = client.post(
        reverse("repairs:queue"),
        {"repairs": [first.ref, second.ref], "assign-operative": operative.pk},
    )
    assert response.status_code == 302
    assert set(Repair.objects.values_list("operative", flat=True)) == {operative.pk}
    nothing_ticked = client.post(reverse("repairs:queue"), {"assign-operative": operative.pk})
    assert "Tick at least one repair" in nothing_ticked.content.decode()


def test_an_officer_logs_a_repair_taken_by_phone_and_is_taken_to_book_it(client, officer, tenancy):
    client.force_login(officer)
    response = client.post(reverse("repairs:new"), {
        "home_ref": tenancy.home.ref, "channel": "phone", "catalogue_item": CatalogueItem.objects.get(code="K01").pk,
        "description": "Sink will not drain", "priority": "", "trade": "",
    })  # fmt: skip
    repair = Repair.objects.get()
    assert response.url == reverse("repairs:book", args=[repair.ref])
    assert (repair.channel, repair.tenancy, repair.raised_by) == ("phone", tenancy, officer)
    bad = client.post(
        reverse("repairs:new"), {"home_ref": "NOPE", "channel": "phone", "description": "x"}
    )
    assert "There is no home with that reference" in bad.content.decode()


def test_the_repair_page_shows_alerts_first_and_logs_who_saw_support_needs(
    client, coordinator, tenancy
):
    client.force_login(coordinator)
    repair = _repair(tenancy, coordinator)
    CautionaryAlert.objects.create(home=tenancy.home, category="Dangerous dog",
                                   reason="Shut the dog away", review_on=timezone.localdate())  # fmt: skip
    SupportNeed.objects.create(
        person=tenancy.lead_tenant, kind="hearing", description="Deaf: text only"
    )
    body = client.get(reverse("repairs:repair", args=[repair.ref])).content.decode()
    assert body.index("Dangerous dog") < body.index("Clocks")
    assert "Deaf: text only" in body
    assert SensitiveAccessLog.objects.filter(user=coordinator, person=tenancy.lead_tenant).exists()


def test_the_operatives_jobs_today_show_the_alert_first_with_its_reason_and_review_date(
    client, operative, plumber, tenancy, coordinator
):
    repair = _repair(tenancy, coordinator)
    day = timezone.localdate()
    services.book_appointment(repair=repair, day=calendar.next_working_day(day), slot="am",
                              actor=coordinator, operative=operative)  # fmt: skip
    CautionaryAlert.objects.create(person=tenancy.lead_tenant, category="Verbal abuse",
                                   reason="Visit in pairs", review_on=day + timedelta(days=30))  # fmt: skip
    SupportNeed.objects.create(
        person=tenancy.lead_tenant, kind="mobility", description="Uses a wheelchair"
    )
    client.force_login(operative)
    body = client.get(
        reverse("repairs:jobs"), {"day": calendar.next_working_day(day).isoformat()}
    ).content.decode()
    assert "Verbal abuse" in body and "Visit in pairs" in body
    assert (day + timedelta(days=30)).strftime("%-d %B %Y") in body
    assert body.index("Verbal abuse") < body.index(tenancy.home.address)
    assert "Uses a wheelchair" in body
    assert SensitiveAccessLog.objects.filter(user=operative).exists()


def test_an_operative_records_further_work_and_the_resident_is_updated_and_logged(
    client, operative, tenancy, coordinator
):
    repair = _repair(tenancy, coordinator)
    client.force_login(operative)
    response = client.post(reverse("repairs:visit", args=[repair.ref]), {
        "outcome": "further_work", "further_work": "Needs a new trap", "further_trade": "plumber",
        "materials": "40mm trap",
    })  # fmt: skip
    assert response.status_code == 302
    assert Contact.objects.filter(case_ref=repair.ref, purpose="progress_update").exists()
    missing = client.post(reverse("repairs:visit", args=[repair.ref]), {"outcome": "further_work"})
    assert "Say what further work is needed" in missing.content.decode()


def test_a_resident_elsewhere_cannot_see_staff_pages(client, resident, tenancy, coordinator):
    repair = _repair(tenancy, coordinator)
    client.force_login(resident)
    assert client.get(reverse("repairs:repair", args=[repair.ref])).status_code == 404
    assert client.get(reverse("repairs:queue")).status_code == 404


def test_a_manager_approves_spend_from_the_approvals_page(client, operative, manager):
    repair = make_repair(reported_at=london(2025, 6, 2, 9))
    rate = Rate.objects.create(code="RF1", description="Roof repair", unit_price=Decimal("400"))
    line = services.add_cost_line(repair=repair, actor=operative, rate=rate, quantity=Decimal("1"))
    sign_in_verified(client, manager)
    assert repair.ref in client.get(reverse("repairs:approvals")).content.decode()
    client.post(
        reverse("repairs:approval", args=[line.approval_id]), {"decision": "yes", "note": "OK"}
    )
    repair.refresh_from_db()
    assert repair.approved_spend == Decimal("400.00")


def test_an_administrator_uploads_a_schedule_of_rates(client, admin_user):
    sign_in_verified(client, admin_user)
    data = b"code,description,unit,unit_price,trade\nPL9,Clear trap,each,55.00,plumber\n"
    client.post(reverse("repairs:rates"), {"file": SimpleUploadedFile("rates.csv", data)})
    assert Rate.objects.get(code="PL9").unit_price == Decimal("55.00")
    bad = client.post(
        reverse("repairs:rates"), {"file": SimpleUploadedFile("r.csv", b"code,price\n")}
    )
    assert "Unknown columns" in bad.content.decode()


def test_an_administrator_changes_the_priority_times(client, admin_user):
    sign_in_verified(client, admin_user)
    client.post(reverse("repairs:settings"), {
        "emergency_hours": 24, "urgent_days": 3, "routine_days": 20, "planned_days": 60,
        "void_days": 8,
        "limit_operative": "250", "limit_repairs_coordinator": "1000", "limit_housing_officer": "500",
    })  # fmt: skip
    assert RepairSettings.current().urgent_days == 3
    assert RepairSettings.current().void_days == 8


@pytest.mark.parametrize("name", ["priority", "assign", "book", "visit", "update", "cost",
                                  "recharge", "cancel", "satisfaction"])  # fmt: skip
def test_every_change_page_opens_for_a_coordinator(client, coordinator, tenancy, name):
    repair = _repair(tenancy, coordinator)
    client.force_login(coordinator)
    assert client.get(reverse(f"repairs:{name}", args=[repair.ref])).status_code in (200, 302)


def test_a_cost_can_be_put_against_a_visit_and_the_repair_page_shows_each_visits_cost(
    client, coordinator, tenancy
):
    repair = _repair(tenancy, coordinator)
    visit = services.record_visit(
        repair=repair, actor=coordinator, outcome="no_access", card_left=True
    )
    rate = Rate.objects.create(code="CALL", description="Call-out", unit_price=Decimal("45.00"))
    client.force_login(coordinator)
    client.post(reverse("repairs:cost", args=[repair.ref]),
                {"visit": visit.pk, "rate": rate.pk, "quantity": "1"})  # fmt: skip
    assert repair.cost_lines.get().visit == visit
    page = client.get(reverse("repairs:repair", args=[repair.ref]))
    [row] = page.context["visits"]
    assert row["cost"] == Decimal("45.00")
    assert "£45.00" in page.content.decode()


def test_an_operative_sees_support_needs_only_of_people_at_the_homes_of_their_own_jobs(
    client, operative, plumber, tenancy, other_tenancy, coordinator
):
    """Defect 2 of issue #10: an operative once saw anyone's support needs on their page."""
    repair = _repair(tenancy, coordinator)
    day = calendar.next_working_day(timezone.localdate())
    services.book_appointment(repair=repair, day=day, slot="am", actor=coordinator,
                              operative=operative)  # fmt: skip
    SupportNeed.objects.create(person=tenancy.lead_tenant, kind="mobility",
                               description="Uses a wheelchair")  # fmt: skip
    SupportNeed.objects.create(person=other_tenancy.lead_tenant, kind="hearing",
                               description="Deaf: text only")  # fmt: skip
    client.force_login(operative)
    at_work = client.get(reverse("staff:person", args=[tenancy.lead_tenant.pk]))
    elsewhere = client.get(reverse("staff:person", args=[other_tenancy.lead_tenant.pk]))
    their_tenancy = client.get(reverse("staff:tenancy", args=[other_tenancy.pk]))
    assert "Uses a wheelchair" in at_work.content.decode()
    assert elsewhere.status_code == 200
    assert "Deaf: text only" not in elsewhere.content.decode()
    assert "Support needs" not in elsewhere.content.decode()
    assert "Deaf: text only" not in their_tenancy.content.decode()
    assert list(SensitiveAccessLog.objects.values_list("person_id", flat=True)) == [
        tenancy.lead_tenant.pk
    ]


def test_an_operative_stops_seeing_a_households_needs_once_their_repair_is_done(
    operative, plumber, tenancy, coordinator
):
    from hearth.tenancies.services import show_support_needs

    repair = _repair(tenancy, coordinator)
    services.assign_repair(repair=repair, operative=operative, actor=coordinator)
    SupportNeed.objects.create(person=tenancy.lead_tenant, kind="mobility",
                               description="Uses a wheelchair")  # fmt: skip
    shown = show_support_needs(user=operative, people=[tenancy.lead_tenant], where="test")
    assert shown is not None and [n.description for n in shown[tenancy.lead_tenant.pk]] == [
        "Uses a wheelchair"
    ]
    Repair.objects.filter(pk=repair.pk).update(status="completed")
    assert show_support_needs(user=operative, people=[tenancy.lead_tenant], where="test") == {}
