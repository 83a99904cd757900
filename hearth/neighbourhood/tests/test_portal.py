"""The resident's pages: their block, the QR forms without signing in, their own reports and
cases (and a 404 for anyone else's)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from hearth.neighbourhood import services
from hearth.neighbourhood.models import CleaningConcern, FlyTipReport
from hearth.neighbourhood.tests.factories import FlyTipReportFactory, InspectionFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_a_resident_sees_the_next_inspection_of_their_block_and_can_add_it_to_their_calendar(client, resident, tenancy):  # fmt: skip
    block = tenancy.home.block
    inspection = InspectionFactory(block=block, scheduled_on=TODAY + timedelta(days=9), published_on=TODAY)  # fmt: skip
    InspectionFactory(block=block, scheduled_on=TODAY + timedelta(days=40))  # not published yet
    client.force_login(resident)
    page = client.get(reverse("neighbourhood_portal:block", args=[block.ref])).content.decode()
    assert inspection.scheduled_on.strftime("%-d %B %Y") in page
    feed = client.get(reverse("neighbourhood_portal:calendar", args=[block.ref]))
    assert feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [inspection.scheduled_on]
    joined = client.post(reverse("neighbourhood_portal:join", args=[block.ref, inspection.ref]))
    assert joined.status_code == 302 and inspection.signups.filter(person=resident.person).exists()


def test_anyone_can_report_a_cleaning_concern_from_the_poster_without_signing_in(client):
    block = InspectionFactory().block
    url = reverse("neighbourhood_portal:qr-cleaning", args=[block.ref])
    empty = client.post(url, {"description": ""})
    assert "Tell us what was not cleaned properly" in empty.content.decode()
    bad = client.post(url, {"description": "Sticky floor", "email": "not-an-email"})
    assert "Enter an email address in the correct format" in bad.content.decode()
    sent = client.post(
        url, {"description": "Sticky floor in the lift", "email": "visitor@example.org"}
    )
    concern = CleaningConcern.objects.get()
    assert concern.ref in sent.content.decode()
    assert (concern.channel, concern.reporter_email, concern.block) == (
        "qr",
        "visitor@example.org",
        block,
    )


def test_a_second_fly_tipping_report_in_the_block_today_is_asked_if_it_is_the_same(client, resident, tenancy):  # fmt: skip
    block = tenancy.home.block
    first = services.report_flytipping(block=block, location="By the bins", channel="phone", actor=None)  # fmt: skip
    client.force_login(resident)
    url = reverse("neighbourhood_portal:qr-flytipping", args=[block.ref])
    page = client.get(url).content.decode()
    assert "Is this the same fly-tipping?" in page and "By the bins" in page
    client.post(url, {"location": "Bin store", "same": first.ref})
    second = FlyTipReport.objects.exclude(pk=first.pk).get()
    assert second.duplicate_of == first and second.reporter == resident.person


def test_a_resident_gets_a_404_for_anyone_elses_records(client, resident, other_resident):
    mine = FlyTipReportFactory(reporter=resident.person)
    case = services.open_asb_case(category="Noise", description="Music", channel="portal", actor=None, complainant=other_resident.person)  # fmt: skip
    theirs = FlyTipReportFactory(reporter=other_resident.person)
    client.force_login(resident)
    assert (
        client.get(reverse("neighbourhood_portal:flytipping", args=[mine.ref])).status_code == 200
    )
    assert (
        client.get(reverse("neighbourhood_portal:flytipping", args=[theirs.ref])).status_code == 404
    )
    assert (
        client.post(reverse("neighbourhood_portal:flytipping", args=[theirs.ref])).status_code
        == 404
    )
    for name in ("asb", "asb-diary", "asb-evidence"):
        assert (
            client.get(reverse(f"neighbourhood_portal:{name}", args=[case.ref])).status_code == 404
        )
    assert client.get(reverse("neighbourhood_portal:asb", args=["ASB-NOPE"])).status_code == 404


def test_the_complainant_never_sees_the_perpetrators_details(client, resident, officer):
    case = services.open_asb_case(category="Harassment", description="Threats", channel="portal", actor=None, complainant=resident.person)  # fmt: skip
    services.add_party(case=case, role="perpetrator", name="Pat Perpetrator", description="Flat 9", actor=officer)  # fmt: skip
    services.record_incident(case=case, occurred_at=timezone.now() - timedelta(hours=1), description="Seen Pat Perpetrator shouting", actor=officer)  # fmt: skip
    client.force_login(resident)
    page = client.get(reverse("neighbourhood_portal:asb", args=[case.ref])).content.decode()
    assert case.ref in page
    assert "Pat Perpetrator" not in page and "Flat 9" not in page


def test_a_complainant_reports_asb_keeps_a_diary_and_uploads_evidence(client, resident, tenancy):
    client.force_login(resident)
    made = client.post(reverse("neighbourhood_portal:asb-new"), {"category": "Noise", "description": "Loud music at 3am"})  # fmt: skip
    assert made.status_code == 302
    ref = made["Location"].rstrip("/").split("/")[-1]
    day = TODAY - timedelta(days=1)
    diary = client.post(reverse("neighbourhood_portal:asb-diary", args=[ref]), {
        "on_day": day.day, "on_month": day.month, "on_year": day.year, "at": "11:30pm",
        "description": "Music again until 2am"})  # fmt: skip
    assert diary.status_code == 302
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("noise.mp3", b"ID3data", content_type="audio/mpeg")
    evidence = client.post(
        reverse("neighbourhood_portal:asb-evidence", args=[ref]), {"file": upload}
    )
    assert evidence.status_code == 302
    page = client.get(reverse("neighbourhood_portal:asb", args=[ref])).content.decode()
    assert "Music again until 2am" in page and "Sound recording" in page


def test_a_resident_books_a_place_at_an_event_and_suggests_an_improvement(
    client, resident, officer
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    event = services.announce_event(title="Fun day", description="Games", place="Hall", places=5, actor=officer,
                                    starts_at=datetime.combine(TODAY + timedelta(days=10), datetime.min.time(), tzinfo=ZoneInfo("Europe/London")))  # fmt: skip
    client.force_login(resident)
    assert "Fun day" in client.get(reverse("neighbourhood_portal:events")).content.decode()
    booked = client.post(reverse("neighbourhood_portal:event", args=[event.pk]), {"kind": "booking", "places": "2"})  # fmt: skip
    assert booked.status_code == 302 and services.places_taken(event) == 2
    client.post(reverse("neighbourhood_portal:improvement-new"), {"title": "Benches", "description": "By the play area"})  # fmt: skip
    assert "Benches" in client.get(reverse("neighbourhood_portal:events")).content.decode()


def test_the_residents_portal_home_links_to_their_blocks_page(client, resident, tenancy):
    block = tenancy.home.block
    client.force_login(resident)
    page = client.get(reverse("portal:home")).content.decode()
    url = reverse("neighbourhood_portal:block", args=[block.ref])
    assert f'href="{url}">Your block: {block.name}' in page
    assert "Inspections, the cleaning schedule, and how to report a problem." in page
