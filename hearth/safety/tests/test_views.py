"""The staff pages: the dashboard and its drill-down and exports, a home's and a block's page,
recording a check with its certificate, remedial actions, the next 90 days, and who may see
what."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hearth.accounts.tests.otp import sign_in_verified
from hearth.core.work import work_for
from hearth.estates.tests.factories import BlockFactory, EstateFactory, HomeFactory
from hearth.safety import services
from hearth.safety.models import CheckType, RemedialAction, SafetyCheck
from hearth.safety.tests.factories import SafetyCheckFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _date(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def test_recording_a_gas_check_with_its_certificate_from_the_home_page(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory(address="Flat 4, Ambergate House")
    client.force_login(coordinator)
    page = client.get(reverse("safety:home", args=[home.pk]))
    assert "Flat 4, Ambergate House" in page.content.decode()
    url = reverse("safety:record", args=["gas"]) + f"?home={home.pk}"
    assert url in page.content.decode().replace("&amp;", "&")

    response = client.post(url, {
        **_date("done_on", date(2026, 2, 3)), "outcome": "satisfactory",
        "contractor": "Gasway Ltd", "engineer": "Sam Fitter 123456", "certificate_ref": "CP12-99",
        "certificate": SimpleUploadedFile("cp12.pdf", PDF, content_type="application/pdf"),
    })  # fmt: skip

    check = SafetyCheck.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("safety:check", args=[check.ref])
    assert check.next_due_on == date(2027, 2, 3)
    download = client.get(reverse("safety:certificate", args=[check.ref]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_bad_certificate_shows_an_error_for_the_field(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("safety:record", args=["gas"]) + f"?home={home.pk}",
        {**_date("done_on", date(2026, 2, 3)), "outcome": "satisfactory",
         "certificate": SimpleUploadedFile("cp12.pdf", b"not a pdf at all")},
    )  # fmt: skip

    assert response.status_code == 200
    assert "The selected file must be a PDF" in response.content.decode()
    assert not SafetyCheck.objects.exists()


def test_an_unsatisfactory_eicr_form_creates_actions_on_a_28_day_clock(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory()
    client.force_login(coordinator)
    client.post(
        reverse("safety:record", args=["electrical"]) + f"?home={home.pk}",
        {**_date("done_on", date(2026, 3, 2)), "outcome": "unsatisfactory",
         "finding": "eicr_c2", "risk_level": "low",
         "defects": "No RCD on sockets\nBonding missing to gas pipe"},
    )  # fmt: skip

    actions = RemedialAction.objects.order_by("description")
    assert [(a.description, a.due_on) for a in actions] == [
        ("Bonding missing to gas pipe", date(2026, 3, 30)),
        ("No RCD on sockets", date(2026, 3, 30)),
    ]
    page = client.get(reverse("safety:action", args=[actions[0].ref]))
    assert "30 March 2026" in page.content.decode()


def test_the_dashboard_drills_down_to_the_overdue_homes_filtered_by_block(client, manager) -> None:  # type: ignore[no-untyped-def]
    estate = EstateFactory(name="Clapton Park")
    block = BlockFactory(estate=estate, name="Ambergate House")
    today = timezone.localdate()
    ok = HomeFactory(block=block, address="Flat 1, Ambergate House")
    SafetyCheckFactory(home=ok, done_on=today - timedelta(days=10),
                       next_due_on=today + timedelta(days=355))  # fmt: skip
    HomeFactory(block=block, address="Flat 2, Ambergate House")
    HomeFactory(address="Flat 9, Elsewhere")
    sign_in_verified(client, manager)

    dashboard = client.get(reverse("safety:dashboard"), {"block": block.pk})
    assert dashboard.status_code == 200
    gas_row = next(r for r in dashboard.context["rows"] if r.check_type.code == "gas")
    assert (gas_row.in_scope, gas_row.in_date, gas_row.overdue) == (2, 1, 1)

    overdue = client.get(reverse("safety:drilldown", args=["gas"]),
                         {"state": "overdue", "block": block.pk})  # fmt: skip
    text = overdue.content.decode()
    assert "Flat 2, Ambergate House" in text
    assert "Flat 1, Ambergate House" not in text and "Flat 9" not in text

    as_csv = client.get(reverse("safety:drilldown", args=["gas"]),
                        {"state": "overdue", "block": block.pk, "export": "csv"})  # fmt: skip
    assert as_csv.streaming  # a few hundred rows at a time, however big the register
    lines = b"".join(as_csv.streaming_content).decode().splitlines()
    assert lines[0] == "Reference,Address or block,Estate,Block,Next due,State"
    assert len(lines) == 2 and "Flat 2, Ambergate House" in lines[1]

    as_excel = client.get(reverse("safety:drilldown", args=["gas"]),
                          {"state": "in_date", "export": "xlsx"})  # fmt: skip
    sheet = load_workbook(io.BytesIO(as_excel.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "Flat 1, Ambergate House"


def test_upcoming_checks_export_a_calendar_for_contractors(client, manager) -> None:  # type: ignore[no-untyped-def]
    block = BlockFactory(name="Bakewell Court")
    due = timezone.localdate() + timedelta(days=20)
    SafetyCheckFactory(
        kind="water", block=block, done_on=due - timedelta(days=700), next_due_on=due
    )
    sign_in_verified(client, manager)

    page = client.get(reverse("safety:upcoming"))
    assert "Bakewell Court" in page.content.decode()
    ics = client.get(reverse("safety:upcoming"), {"format": "ics"})
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert "SUMMARY:Water safety (legionella) due: Bakewell Court" in body
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in body


def test_a_block_page_shows_one_lift_of_two_in_date(client, officer) -> None:  # type: ignore[no-untyped-def]
    block = BlockFactory(lifts=2, has_lift=True)
    today = timezone.localdate()
    SafetyCheckFactory(kind="lift", block=block, asset_ref="L1", done_on=today,
                       next_due_on=today + timedelta(days=180))  # fmt: skip
    client.force_login(officer)

    text = client.get(reverse("safety:block", args=[block.pk])).content.decode()
    assert "(1 of 2 lifts in date)" in text


def test_officers_see_but_cannot_record_checks_and_residents_get_a_404(
    client, officer, resident
) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory()
    client.force_login(officer)
    assert client.get(reverse("safety:dashboard")).status_code == 200
    assert client.get(reverse("safety:record", args=["gas"]), {"home": home.pk}).status_code == 404
    client.force_login(resident)
    assert client.get(reverse("safety:dashboard")).status_code == 404
    assert client.get(reverse("safety:home", args=[home.pk])).status_code == 404


def test_overdue_checks_and_actions_are_on_my_work_and_legal_access_reaches_officers(  # type: ignore[no-untyped-def]
    coordinator,
    officer,
    income_officer,
) -> None:
    home = HomeFactory(address="Flat 7, Bakewell Court", gas_supply=True)
    check = services.record_check(
        actor=coordinator, check_type=CheckType.objects.get(code="gas"), home=home,
        done_on=date(2025, 1, 10), outcome="unsatisfactory",
        findings=[services.FindingInput("gas_ar", "Cooker not secured")],
    )  # fmt: skip
    items = work_for(coordinator)
    titles = [i.title for i in items]
    assert "Gas safety check: Flat 7, Bakewell Court" in titles
    action = check.actions.get()
    assert any(
        i.title.startswith(action.ref) and i.detail == "Record an interim mitigation" for i in items
    )
    assert not [i for i in work_for(officer) if i.case_type == "Safety check"]

    from hearth.safety.models import LegalAccess

    LegalAccess.objects.create(ref="LA-1", home=home, kind="gas", opened_on=date(2026, 1, 5),
                               reason="Three ways tried")  # fmt: skip
    for person in (officer, income_officer):
        assert [i.case_type for i in work_for(person) if i.case_type == "Safety access"] == [
            "Safety access"
        ]


def test_a_gas_record_with_no_copy_for_the_tenant_is_on_my_work_until_one_is_given(  # type: ignore[no-untyped-def]
    coordinator,
    tenancy,
) -> None:
    done = timezone.localdate() - timedelta(days=25)
    check = services.record_check(actor=coordinator, check_type=CheckType.objects.get(code="gas"),
                                  home=tenancy.home, done_on=done, outcome="satisfactory")  # fmt: skip
    owed = [i for i in work_for(coordinator) if i.case_type == "Safety record copy"]
    assert [(i.url, i.due) for i in owed] == [
        (reverse("safety:check", args=[check.ref]), done + timedelta(days=28))
    ]

    services.give_record_copy(actor=coordinator, check=check)
    assert not [i for i in work_for(coordinator) if i.case_type == "Safety record copy"]


def test_the_dashboard_links_each_risk_with_open_actions_to_its_list(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    home = HomeFactory()
    client.force_login(coordinator)
    client.post(
        reverse("safety:record", args=["electrical"]) + f"?home={home.pk}",
        {**_date("done_on", date(2026, 3, 2)), "outcome": "unsatisfactory",
         "finding": "eicr_c2", "risk_level": "high", "defects": "No RCD on sockets"},
    )  # fmt: skip

    text = client.get(reverse("safety:dashboard")).content.decode()
    # The row with an open action keeps its level: a named link, not an empty "?risk=".
    assert f'{reverse("safety:actions")}?risk=high">High</a>' in text
    assert '?risk="' not in text


def test_a_manager_sets_the_day_awaabs_law_phase_2_comes_in(client, manager) -> None:  # type: ignore[no-untyped-def]
    from hearth.safety.models import AwaabHazard

    sign_in_verified(client, manager)
    page = client.get(reverse("safety:frequencies")).content.decode()
    assert "Excess cold" in page and "27 October 2026" in page

    response = client.post(
        reverse("safety:hazard-phase", args=[2]), _date("in_force_from", date(2026, 12, 1))
    )

    assert response.status_code == 302
    days = set(AwaabHazard.objects.filter(phase=2).values_list("in_force_from", flat=True))
    assert days == {date(2026, 12, 1)}
    assert AwaabHazard.objects.get(code="damp_mould").in_force_from == date(2025, 10, 27)


def test_a_legal_access_referral_shows_on_the_tenancy_page_and_the_rent_account(  # type: ignore[no-untyped-def]
    client, coordinator, income_officer, tenancy
) -> None:
    from hearth.rents.services.accounts import account_for

    account_for(tenancy)
    for when, channel in ((date(2026, 1, 5), "letter"), (date(2026, 1, 9), "phone"),
                          (date(2026, 1, 14), "visit")):  # fmt: skip
        services.record_access_attempt(
            actor=coordinator, home=tenancy.home, kind="gas", channel=channel, outcome="no_answer",
            attempted_at=timezone.make_aware(timezone.datetime(when.year, when.month, when.day, 10)),
        )  # fmt: skip
    services.escalate_to_legal_access(
        actor=coordinator, home=tenancy.home, kind="gas", reason="Three ways tried, no reply"
    )
    sign_in_verified(client, income_officer)

    for url in (reverse("staff:tenancy", args=[tenancy.pk]),
                reverse("rents:account", args=[tenancy.pk])):  # fmt: skip
        text = client.get(url).content.decode()
        assert "Referred for legal access for the gas safety check" in text, url
        assert "Three ways tried, no reply" in text
        assert reverse("safety:home", args=[tenancy.home_id]) in text
