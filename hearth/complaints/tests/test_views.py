from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.accounts.tests.otp import sign_in_verified
from hearth.complaints import services
from hearth.complaints.models import Complaint, SelfAssessmentAnswer, Status
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.core.models import Message

TODAY = timezone.localdate()


def _date(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


@pytest.fixture
def open_complaint(tenancy):
    return services.make_complaint(
        actor=None,
        tenancy=tenancy,
        category="repairs",
        description="The bath leaks into the flat below.",
        desired_outcome="Fix it.",
        received_on=TODAY - timedelta(days=2),
    )


def test_the_queue_lists_complaints_most_urgent_first_with_their_flags(
    client, complaints_officer, django_assert_max_num_queries
):
    late = ComplaintFactory(ref="CMP-LATE", received_on=TODAY - timedelta(days=30))
    fresh = ComplaintFactory(ref="CMP-NEW", received_on=TODAY)
    for n in range(20):
        ComplaintFactory(ref=f"CMP-X{n}", received_on=TODAY - timedelta(days=n % 7))
    client.force_login(complaints_officer)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("complaints:queue"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index(late.ref) < page.index(fresh.ref)
    assert "Overdue" in page
    overdue = client.get(reverse("complaints:queue") + "?due=overdue").content.decode()
    assert late.ref in overdue and fresh.ref not in overdue


def test_complaints_pages_are_not_there_for_residents_and_operatives(
    client, resident, operative, open_complaint
):
    for user in (resident, operative):
        client.force_login(user)
        assert client.get(reverse("complaints:queue")).status_code == 404
        assert (
            client.get(reverse("complaints:detail", args=[open_complaint.ref])).status_code == 404
        )


def test_an_officer_logs_a_phone_complaint_and_bad_input_is_shown_not_lost(
    client, complaints_officer, tenancy
):
    client.force_login(complaints_officer)
    bad = client.post(
        reverse("complaints:new"),
        {"channel": "phone", **_date("received_on", TODAY), "tenancy_ref": "NOPE",
         "category": "repairs", "description": "Boiler broken again"},
    )  # fmt: skip
    assert bad.status_code == 200
    assert "There is no tenancy NOPE" in bad.content.decode()
    assert "Boiler broken again" in bad.content.decode()
    good = client.post(
        reverse("complaints:new"),
        {"channel": "phone", **_date("received_on", TODAY), "tenancy_ref": tenancy.ref,
         "category": "repairs", "description": "Boiler broken again", "about_case_ref": "R-42"},
    )  # fmt: skip
    assert good.status_code == 302, good.context["form"].errors
    complaint = Complaint.objects.get()
    assert good["Location"].endswith(f"/{complaint.ref}/")
    assert complaint.complainant == tenancy.lead_tenant
    assert complaint.about_case_ref == "R-42"


def test_acknowledging_from_the_page_needs_a_definition_then_tells_the_resident(
    client, complaints_officer, open_complaint
):
    client.force_login(complaints_officer)
    url = reverse("complaints:acknowledge", args=[open_complaint.ref])
    page = client.get(url).content.decode()
    assert "The bath leaks into the flat below." in page  # offered as the starting definition
    empty = client.post(url, {"definition": "", **_date("on", TODAY)})
    assert "govuk-error-summary" in empty.content.decode()
    done = client.post(url, {"definition": "The leaking bath.", **_date("on", TODAY)})
    assert done.status_code == 302
    open_complaint.refresh_from_db()
    assert open_complaint.status == Status.STAGE1_OPEN
    assert Message.objects.filter(purpose="complaint_acknowledged").exists()


def test_the_response_page_will_not_send_an_incomplete_response_and_sends_a_letter(
    client, complaints_officer, open_complaint
):
    services.acknowledge(complaint=open_complaint, actor=complaints_officer, definition="Bath leak")
    client.force_login(complaints_officer)
    url = reverse("complaints:respond", args=[open_complaint.ref])
    assert "ask us to look at your complaint again" in client.get(url).content.decode()
    form = {"decision": "upheld", "reasons": "", "remedy": "An apology.", "apology": "on",
            "compensation": "40.5", "outstanding_actions": "Replace the bath seal",
            **_date("actions_due_on", TODAY + timedelta(days=7)),
            "how_to_escalate": "Ask for stage 2.", **_date("on", TODAY)}  # fmt: skip
    incomplete = client.post(url, form)
    assert incomplete.status_code == 200
    assert "govuk-error-summary" in incomplete.content.decode()
    sent = client.post(url, {**form, "reasons": "We were slow to send a plumber."})
    assert sent.status_code == 302
    open_complaint.refresh_from_db()
    assert open_complaint.status == Status.STAGE1_ANSWERED
    assert str(open_complaint.compensation) == "40.50"
    assert open_complaint.actions.get().description == "Replace the bath seal"
    letter = client.get(reverse("complaints:letter", args=[open_complaint.ref, 1]))
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")


def test_the_stage1_handler_cannot_be_given_stage2_from_the_page(
    client, complaints_officer, second_officer, open_complaint, resident
):
    services.acknowledge(complaint=open_complaint, actor=complaints_officer, definition="Bath")
    services.respond(complaint=open_complaint, actor=complaints_officer, decision="not_upheld",
                     reasons="r", remedy="none", outstanding_actions="None",
                     how_to_escalate="Ask")  # fmt: skip
    services.escalate(complaint=open_complaint, actor=resident)
    client.force_login(second_officer)
    url = reverse("complaints:assign", args=[open_complaint.ref, 2])
    refused = client.post(url, {"handler": complaints_officer.pk})
    assert refused.status_code == 200
    assert "someone other than the stage 1 handler" in refused.content.decode()
    assert client.post(url, {"handler": second_officer.pk}).status_code == 302


def test_a_complaint_page_shows_its_deadlines_actions_and_timeline(
    client, complaints_officer, open_complaint
):
    client.force_login(complaints_officer)
    page = client.get(reverse("complaints:detail", args=[open_complaint.ref])).content.decode()
    assert "Stage 1 acknowledgement" in page
    assert "Acknowledge" in page and "Do not take it on" in page
    assert "Complaint received" in page


def test_learning_performance_and_annual_report_pages(client, complaints_officer):
    ComplaintFactory(
        received_on=TODAY - timedelta(days=20), stage1_acknowledged_on=TODAY - timedelta(days=19),
        stage1_responded_on=TODAY - timedelta(days=10), outcome="upheld",
        root_cause="delay", lessons_learned="We were slow.", improvement="Weekly chase list.",
    )  # fmt: skip
    client.force_login(complaints_officer)
    learning = client.get(reverse("complaints:learning")).content.decode()
    assert "Weekly chase list." in learning and "Delay" in learning
    performance = client.get(reverse("complaints:performance")).content.decode()
    assert 'data-measure="CH02.stage1"' in performance
    bad_period = client.get(
        reverse("complaints:performance")
        + "?start_day=1&start_month=13&start_year=2025&end_day=31&end_month=3&end_year=2026"
    )
    assert bad_period.status_code == 200
    assert "The date must be a real date" in bad_period.content.decode()
    assert "govuk-error-summary" in bad_period.content.decode()
    backwards = client.get(
        reverse("complaints:performance")
        + "?start_day=1&start_month=4&start_year=2026&end_day=31&end_month=3&end_year=2026"
    ).content.decode()
    assert "The last day must be the same as or after the first day" in backwards
    chosen = client.get(
        reverse("complaints:performance")
        + "?start_day=1&start_month=4&start_year=2025&end_day=31&end_month=3&end_year=2026"
    ).content.decode()
    assert "1 April 2025 to 31 March 2026" in chosen
    assert client.get(reverse("complaints:annual-report")).status_code == 200


@pytest.mark.slow
def test_the_annual_report_pdf_is_a_pdf(client, complaints_officer):
    ComplaintFactory(received_on=TODAY - timedelta(days=3))
    client.force_login(complaints_officer)
    year = TODAY.year if TODAY.month >= 4 else TODAY.year - 1
    response = client.get(reverse("complaints:annual-report-pdf", args=[year]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_manager_records_the_self_assessment(client, manager, complaints_officer):
    client.force_login(complaints_officer)
    assert client.get(reverse("complaints:self-assessment")).status_code == 404
    sign_in_verified(client, manager)
    page = client.get(reverse("complaints:self-assessment"))
    assert page.status_code == 200
    form = {}
    for field in page.context["form"].fields:
        form[field] = "yes" if field.startswith("answer_") else "Evidence here"
    response = client.post(reverse("complaints:self-assessment"), form)
    assert response.status_code == 302
    assert SelfAssessmentAnswer.objects.filter(answer="yes").count() > 20


def test_my_work_shows_a_handlers_due_complaints_and_managers_see_overdue_ones(
    client, complaints_officer, second_officer, manager
):
    mine = ComplaintFactory(ref="CMP-MINE", received_on=TODAY - timedelta(days=14),
                            stage1_handler=complaints_officer)  # fmt: skip
    theirs = ComplaintFactory(ref="CMP-THEIRS", received_on=TODAY - timedelta(days=14),
                              stage1_handler=second_officer)  # fmt: skip
    client.force_login(complaints_officer)
    page = client.get(reverse("staff:my-work")).content.decode()
    assert mine.ref in page and theirs.ref not in page
    sign_in_verified(client, manager)
    page = client.get(reverse("staff:my-work")).content.decode()
    assert mine.ref in page and theirs.ref in page
