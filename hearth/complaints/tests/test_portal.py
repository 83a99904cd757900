from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.complaints import services
from hearth.complaints.models import Channel, Complaint, Status
from hearth.core.models import Landlord
from hearth.core.requests import requests_for

TODAY = timezone.localdate()


def _walk(client, answers: dict[str, dict[str, str]]):
    """Answer each page of the complaint form in turn; the last response is returned."""
    response = None
    for step, data in answers.items():
        response = client.post(reverse("complaints_portal:new-step", args=[step]), data)
        assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_how_to_complain_is_public_with_every_channel_the_stages_and_the_ombudsman(client, db):
    Landlord.objects.create(
        name="Clapton Park", phone="020 7946 0000", email="hello@example.org", address="1 Road"
    )
    page = client.get(reverse("portal:how-to-complain")).content.decode()
    for words in ("By phone", "By email", "By letter", "5 working days", "10 working days", "20 working days",
                  "Housing Ombudsman", "0300 111 3000", "Stage 2", "someone else"):  # fmt: skip
        assert words.lower() in page.lower(), words
    assert reverse("complaints_portal:new") in page
    assert reverse("complaints_portal:leaflet") in page
    # The footer of every page links to it.
    assert reverse("portal:how-to-complain") in client.get(reverse("portal:home")).content.decode()


@pytest.mark.slow
def test_the_leaflet_is_a_printable_pdf(client, db):
    response = client.get(reverse("complaints_portal:leaflet"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_someone_not_signed_in_complains_one_question_at_a_time(client, db):
    assert client.get(reverse("complaints_portal:new")).status_code == 200
    # Skipping ahead goes back to the first unanswered question.
    skipped = client.get(reverse("complaints_portal:check"))
    assert skipped["Location"].endswith("/complaints/new/about/")
    missing = client.post(reverse("complaints_portal:new-step", args=["about"]), {})
    assert "Select what your complaint is about" in missing.content.decode()
    _walk(
        client,
        {
            "about": {"category": "estate_services"},
            "what-happened": {"description": "The bins have not been emptied for two weeks."},
            "what-you-want": {"desired_outcome": "Empty them."},
        },
    )
    no_way_to_reply = client.post(
        reverse("complaints_portal:new-step", args=["about-you"]), {"contact_name": "Pat Public"}
    )
    assert "Give an email address, phone number or postal address" in (
        no_way_to_reply.content.decode()
    )
    _walk(client, {"about-you": {"contact_name": "Pat Public", "contact_email": "pat@example.org"}})
    check = client.get(reverse("complaints_portal:check")).content.decode()
    assert "The bins have not been emptied" in check and "pat@example.org" in check
    sent = client.post(reverse("complaints_portal:check"))
    assert sent["Location"].endswith("/complaints/new/sent/")
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.contact_email, complaint.complainant) == (
        Channel.ONLINE,
        "pat@example.org",
        None,
    )
    assert complaint.ref in client.get(sent["Location"]).content.decode()


def test_a_signed_in_resident_complains_follows_it_and_escalates_with_one_button(
    client, resident, complaints_officer
):
    client.force_login(resident)
    _walk(
        client,
        {
            "about": {"category": "repairs"},
            "what-happened": {"description": "Nobody came to fix my window."},
            "what-you-want": {"desired_outcome": ""},
        },
    )
    assert client.post(reverse("complaints_portal:check")).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.complainant == resident.person and complaint.tenancy is not None
    assert [r.reference for r in requests_for(resident)] == [complaint.ref]

    services.acknowledge(complaint=complaint, actor=complaints_officer, definition="Window")
    services.respond(complaint=complaint, actor=complaints_officer, decision="not_upheld",
                     reasons="The window was fixed on 2 June.", remedy="None is due.",
                     outstanding_actions="None.", how_to_escalate="Ask for stage 2.")  # fmt: skip
    page = client.get(reverse("complaints_portal:detail", args=[complaint.ref])).content.decode()
    assert "The window was fixed on 2 June." in page and "Ask for stage 2" in page
    letter = client.get(reverse("complaints_portal:letter", args=[complaint.ref, 1]))
    assert letter.content.startswith(b"%PDF")
    response = client.post(reverse("complaints_portal:escalate", args=[complaint.ref]))
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.STAGE2_REQUESTED
    assert complaint.stage2_requested_on == TODAY


def test_a_resident_cannot_see_or_escalate_someone_elses_complaint(
    client, other_resident, resident, db
):
    complaint = services.make_complaint(
        actor=resident,
        tenancy=resident.person.memberships.get().tenancy,
        category="repairs",
        description="Mine",
        received_on=date(2025, 6, 2),
    )
    client.force_login(other_resident)
    assert client.get(reverse("complaints_portal:detail", args=[complaint.ref])).status_code == 404
    assert (
        client.post(reverse("complaints_portal:escalate", args=[complaint.ref])).status_code == 404
    )
    assert (
        client.get(reverse("complaints_portal:letter", args=[complaint.ref, 1])).status_code == 404
    )
    assert complaint.ref not in client.get(reverse("complaints_portal:list")).content.decode()


def test_a_resident_unhappy_with_a_request_is_offered_a_complaint_about_it(client, resident):
    client.force_login(resident)
    client.get(reverse("complaints_portal:new") + "?about=R-000123")
    _walk(
        client,
        {
            "about": {"category": "repairs"},
            "what-happened": {"description": "The repair was cancelled twice."},
            "what-you-want": {"desired_outcome": ""},
        },
    )
    assert "R-000123" in client.get(reverse("complaints_portal:check")).content.decode()
    client.post(reverse("complaints_portal:check"))
    assert Complaint.objects.get().about_case_ref == "R-000123"


def test_staff_on_the_resident_form_are_sent_to_the_staff_form(client, complaints_officer):
    client.force_login(complaints_officer)
    response = client.get(reverse("complaints_portal:new") + "?about=R-9")
    assert response["Location"] == reverse("complaints:new") + "?case_ref=R-9"


def test_my_requests_lists_open_complaints_with_their_promise(client, resident):
    services.make_complaint(
        actor=resident,
        tenancy=resident.person.memberships.get().tenancy,
        category="repairs",
        description="Leak",
        received_on=TODAY - timedelta(days=1),
    )
    client.force_login(resident)
    page = client.get(reverse("portal:your-requests")).content.decode()
    assert "within 5 working days" in page


def test_every_other_open_request_offers_a_complaint_about_it(client, resident, monkeypatch):
    from hearth.core import requests as portal_requests
    from hearth.core.requests import ResidentRequest

    def a_repair(user):  # type: ignore[no-untyped-def]
        yield ResidentRequest(
            title="Repair: leaking tap", reference="R-77", kind="Repair", opened_on=TODAY,
            promise="We will fix it", due=None, status="Booked",
        )  # fmt: skip

    monkeypatch.setitem(portal_requests._sources._items, "test.a_repair", a_repair)
    services.make_complaint(
        actor=resident,
        tenancy=resident.person.memberships.get().tenancy,
        category="repairs",
        description="Leak",
    )
    client.force_login(resident)
    page = client.get(reverse("portal:your-requests")).content.decode()
    assert page.count("Make a complaint") == 1
    assert reverse("complaints_portal:new") + "?about=R-77" in page
