"""The resident's pages: the reporting flow, emergency stops, their repair and its
appointments, and nobody else's repair."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from hearth.core import calendar
from hearth.core.models import Message
from hearth.repairs import services
from hearth.repairs.models import Appointment, CatalogueItem, Repair, RepairPhoto


@pytest.fixture
def signed_in(client, resident):  # type: ignore[no-untyped-def]
    client.force_login(resident)
    return client


def _post(client, name, data, **kwargs):  # type: ignore[no-untyped-def]
    return client.post(reverse(f"repairs_portal:{name}"), data, **kwargs)


def _jpeg() -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 33.0, 12.0)}
    Image.new("RGB", (30, 20), (0, 90, 200)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_resident_reports_a_blocked_sink_with_a_photo_and_books_a_slot(
    signed_in, resident, plumber
):
    assert _post(signed_in, "report", {"emergency": "none"}).url == reverse(
        "repairs_portal:report-where"
    )
    assert _post(signed_in, "report-where", {"where": "home"}).status_code == 302
    assert _post(signed_in, "report-area", {"area": "kitchen"}).status_code == 302
    response = _post(signed_in, "report-problem", {"problem": "K01"})
    assert response.url == reverse("repairs_portal:report-details")
    _post(
        signed_in,
        "report-details",
        {"description": "Water sits in the sink", "location": "Kitchen"},
    )
    upload = SimpleUploadedFile("sink.jpg", _jpeg(), content_type="image/jpeg")
    assert _post(signed_in, "report-photos", {"photo": upload}).status_code == 302
    page = signed_in.get(reverse("repairs_portal:report-appointment"))
    assert page.status_code == 200
    offer = page.context["form"].fields["slot"].choices[0][0]
    assert _post(signed_in, "report-appointment", {"slot": offer}).url == reverse(
        "repairs_portal:report-check"
    )
    assert signed_in.get(reverse("repairs_portal:report-check")).status_code == 200
    done = _post(signed_in, "report-check", {})
    repair = Repair.objects.get()
    assert done.url == reverse("repairs_portal:report-done", args=[repair.ref])
    assert (repair.channel, repair.catalogue_item.code, repair.reporter) == (
        "portal",
        "K01",
        resident.person,
    )
    assert repair.photos.count() == 1
    assert Appointment.objects.get(repair=repair).outcome == "pending"
    assert set(Message.objects.values_list("purpose", flat=True)) == {
        "repair_reported",
        "repair_appointment_booked",
    }
    assert signed_in.get(reverse("repairs_portal:repair", args=[repair.ref])).status_code == 200


@pytest.mark.parametrize(("kind", "number"), [("gas", "0800 111 999"), ("no_power", "105")])
def test_an_emergency_we_must_not_take_online_stops_the_flow_with_the_right_number(
    signed_in, kind, number
):
    response = _post(signed_in, "report", {"emergency": kind}, follow=True)
    assert number in response.content.decode()
    assert not Repair.objects.exists()


def test_choosing_a_gas_smell_from_the_catalogue_also_stops_the_flow(signed_in):
    _post(signed_in, "report", {"emergency": "none"})
    _post(signed_in, "report-where", {"where": "home"})
    _post(signed_in, "report-area", {"area": "heating"})
    response = _post(signed_in, "report-problem", {"problem": "H04"}, follow=True)
    assert "National Gas Emergency Service" in response.content.decode()


def test_a_repair_that_is_the_residents_responsibility_is_explained_with_a_rechargeable_option(
    signed_in,
):
    _post(signed_in, "report", {"emergency": "none"})
    _post(signed_in, "report-where", {"where": "home"})
    _post(signed_in, "report-area", {"area": "doors_windows"})
    response = _post(signed_in, "report-problem", {"problem": "D04"}, follow=True)
    assert "usually your responsibility" in response.content.decode()
    assert _post(signed_in, "report-responsibility", {"choice": "recharge"}).url == reverse(
        "repairs_portal:report-details"
    )
    assert signed_in.session["repair_report"]["rechargeable"] is True


def test_an_unanswered_question_shows_an_error_summary_and_loses_nothing(signed_in):
    _post(signed_in, "report", {"emergency": "none"})
    _post(signed_in, "report-where", {"where": "home"})
    _post(signed_in, "report-area", {"area": "kitchen"})
    _post(signed_in, "report-problem", {"problem": "other"})
    response = _post(signed_in, "report-details", {"description": "", "location": "Back bedroom"})
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body
    assert "Tell us about the problem" in body and "Back bedroom" in body


def test_a_file_that_is_not_a_photo_is_refused_with_a_message(signed_in):
    _post(signed_in, "report", {"emergency": "none"})
    _post(signed_in, "report-where", {"where": "home"})
    _post(signed_in, "report-area", {"area": "kitchen"})
    _post(signed_in, "report-problem", {"problem": "K01"})
    _post(signed_in, "report-details", {"description": "Blocked"})
    bad = SimpleUploadedFile("notes.txt", b"not a photo", content_type="text/plain")
    response = _post(signed_in, "report-photos", {"photo": bad})
    assert "must be a JPG, PNG or WebP" in response.content.decode()
    assert not RepairPhoto.objects.exists()


def _repair(tenancy, actor):  # type: ignore[no-untyped-def]
    return services.raise_repair(
        actor=actor, home=tenancy.home, tenancy=tenancy, reporter=tenancy.lead_tenant,
        description="Sink blocked", channel="phone", catalogue_item=CatalogueItem.objects.get(code="K01"),
    )  # fmt: skip


def test_another_residents_repair_is_not_found(signed_in, other_tenancy, officer):
    theirs = _repair(other_tenancy, officer)
    for url in (
        reverse("repairs_portal:repair", args=[theirs.ref]),
        reverse("repairs_portal:book", args=[theirs.ref]),
        reverse("repairs_portal:feedback", args=[theirs.ref]),
    ):
        assert signed_in.get(url).status_code == 404


def test_a_resident_moves_and_cancels_their_appointment(signed_in, tenancy, officer, plumber):
    repair = _repair(tenancy, officer)
    day = calendar.add_working_days(timezone.localdate(), 1)
    booked = services.book_appointment(repair=repair, day=day, slot="am", actor=officer)
    change = reverse("repairs_portal:change-appointment", args=[repair.ref, booked.ref])
    page = signed_in.get(change)
    new_slot = next(v for v, _l in page.context["form"].fields["slot"].choices if v != f"{day}:am")
    assert signed_in.post(change, {"slot": new_slot}).status_code == 302
    booked.refresh_from_db()
    assert booked.outcome == "cancelled_by_resident"
    moved = Appointment.objects.get(repair=repair, outcome="pending")
    signed_in.post(reverse("repairs_portal:cancel-appointment", args=[repair.ref, moved.ref]))
    moved.refresh_from_db()
    assert moved.outcome == "cancelled_by_resident"


def test_the_calendar_link_gives_an_ics_for_the_appointment(client, tenancy, officer, plumber):
    repair = _repair(tenancy, officer)
    day = calendar.add_working_days(timezone.localdate(), 1)
    booked = services.book_appointment(repair=repair, day=day, slot="pm", actor=officer)
    from hearth.repairs.ics import calendar_token

    response = client.get(
        reverse("repairs_portal:appointment-calendar", args=[calendar_token(booked)])
    )
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and f"{day:%Y%m%d}T120000" in body
    assert (
        client.get(reverse("repairs_portal:appointment-calendar", args=["forged"])).status_code
        == 404
    )


def test_a_resident_answers_the_satisfaction_question_once_the_repair_is_done(
    signed_in, tenancy, officer
):
    repair = _repair(tenancy, officer)
    services.complete_repair(repair=repair, actor=officer)
    url = reverse("repairs_portal:feedback", args=[repair.ref])
    assert "govuk-error-summary" in signed_in.post(url, {}).content.decode()
    signed_in.post(url, {"answer": "very_satisfied", "comment": "Quick and tidy"})
    assert Repair.objects.get(pk=repair.pk).satisfaction.answer == "very_satisfied"


def test_open_repairs_appear_in_your_requests(signed_in, tenancy, officer):
    repair = _repair(tenancy, officer)
    body = signed_in.get(reverse("portal:your-requests")).content.decode()
    assert repair.ref in body
