from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.involvement import services
from hearth.involvement.models import (
    Interest,
    QuestionnaireInvite,
    QuestionnaireResponse,
    SurveyPurpose,
)
from hearth.repairs import services as repair_services
from hearth.repairs.tests.factories import london, make_repair
from hearth.tenancies.tests.factories import ContactPreferenceFactory, PersonFactory, TenancyFactory


@pytest.fixture
def repair_survey(officer):
    survey = services.create_questionnaire(
        title="How was your repair?",
        intro="Two questions about the repair we just finished. It takes 1 minute.",
        purpose=SurveyPurpose.REPAIR_CLOSED,
        actor=officer,
    )
    services.add_question(
        questionnaire=survey,
        text="How satisfied are you with the repair?",
        kind="satisfaction",
        required=True,
        actor=officer,
    )
    services.add_question(
        questionnaire=survey,
        text="Did the operative tidy up?",
        kind="yes_no",
        actor=officer,
    )
    services.add_question(questionnaire=survey, text="Anything else?", kind="text", actor=officer)
    return survey


def test_a_choice_question_needs_at_least_two_options(officer, repair_survey):
    with pytest.raises(ValidationError):
        services.add_question(
            questionnaire=repair_survey, text="Pick", kind="choice", options="Only", actor=officer
        )


def test_the_repair_survey_is_sent_when_a_repair_is_completed_and_answered_by_its_link(
    client, officer, tenancy, repair_survey
):
    repair = make_repair(
        reported_at=london(2026, 11, 2, 9), tenancy=tenancy, reporter=tenancy.lead_tenant
    )
    repair_services.complete_repair(repair=repair, actor=officer)
    invite = QuestionnaireInvite.objects.get()
    assert (invite.case_type, invite.case_ref, invite.person) == (
        "repair",
        repair.ref,
        tenancy.lead_tenant,
    )
    assert tenancy.lead_tenant.messages.filter(purpose="survey_invitation").count() == 1

    url = reverse("involvement_portal:questionnaire", args=[invite.token])
    page = client.get(url).content.decode()
    assert "It takes 1 minute" in page and "Did the operative tidy up?" in page
    missing = client.post(url, {})
    assert "Answer this question" in missing.content.decode()
    questions = list(repair_survey.questions.all())
    client.post(
        url,
        {f"q{questions[0].pk}": "fairly_satisfied", f"q{questions[1].pk}": "yes"},
    )
    response = QuestionnaireResponse.objects.get()
    assert dict(response.answers.values_list("question__text", "value")) == {
        "How satisfied are you with the repair?": "fairly_satisfied",
        "Did the operative tidy up?": "yes",
    }
    assert "answered or has closed" in client.get(url).content.decode()


def test_no_survey_is_sent_when_none_is_active_for_that_kind_of_case(officer, tenancy):
    repair = make_repair(
        reported_at=london(2026, 11, 2, 9), tenancy=tenancy, reporter=tenancy.lead_tenant
    )
    repair_services.complete_repair(repair=repair, actor=officer)
    assert not QuestionnaireInvite.objects.exists()


def test_a_spot_check_records_findings_and_tracks_its_actions(client, officer):
    client.force_login(officer)
    client.post(
        reverse("involvement:spot-check-new"),
        {
            "service": "Block cleaning",
            "checked_on_day": "4",
            "checked_on_month": "11",
            "checked_on_year": "2026",
            "checked_by": "Residents' panel",
            "by_residents": "on",
            "rating": "needs_improvement",
            "findings": "Stairs not mopped on floors 3 and 4.",
        },
    )
    url = reverse("involvement:spot-check", args=["SC00001"])
    client.post(
        url,
        {
            "description": "Remind the cleaning contractor",
            "owner": "Estate officer",
            "due_on_day": "11",
            "due_on_month": "11",
            "due_on_year": "2026",
        },
    )
    page = client.get(url).content.decode()
    assert "Stairs not mopped" in page and "Remind the cleaning contractor" in page
    from hearth.involvement.models import FollowUpAction

    action = FollowUpAction.objects.get()
    client.post(reverse("involvement:action-done", args=[action.pk]))
    action.refresh_from_db()
    assert action.done_on is not None


def test_a_scrutiny_review_has_a_scope_a_report_and_an_action_plan(officer):
    review = services.start_review(
        title="How we handle damp",
        scope="Look at 20 damp cases from the last year.",
        started_on=date(2026, 6, 1),
        actor=officer,
    )
    services.report_review(
        review=review, report="Inspections were slow.", reported_on=date(2026, 9, 1), actor=officer
    )
    first = services.add_action(
        review=review,
        description="Inspect within 10 days",
        owner="Repairs",
        due_on=date(2026, 12, 1),
        actor=officer,
    )
    services.add_action(
        review=review,
        description="Tell residents the plan",
        owner="Comms",
        due_on=date(2026, 12, 1),
        actor=officer,
    )
    services.complete_action(action=first, done_on=date(2026, 10, 1), actor=officer)
    assert review.actions.filter(done_on__isnull=False).count() == 1
    with pytest.raises(ValidationError):
        services.complete_action(action=first, done_on=date(2026, 10, 2), actor=officer)


def test_diversity_data_is_kept_only_with_consent(resident):
    person = resident.person
    services.record_interest(
        person=person,
        ways=["panel", "surveys"],
        methods=["online", "language"],
        language="Turkish",
        diversity_consent=True,
        age_band="45-64",
        ethnicity="Turkish",
        disabled="no",
        actor=resident,
    )
    assert Interest.objects.get(person=person).age_band == "45-64"
    services.record_interest(
        person=person,
        ways=["panel"],
        methods=["online"],
        language="",
        diversity_consent=False,
        age_band="45-64",
        ethnicity="Turkish",
        actor=resident,
    )
    interest = Interest.objects.get(person=person)
    assert (interest.age_band, interest.ethnicity, interest.disabled) == ("", "", "")
    assert (interest.ways, interest.methods) == (["panel"], ["online"])


def test_a_resident_registers_their_interest(client, resident):
    client.force_login(resident)
    url = reverse("involvement_portal:register-interest")
    assert "Select at least one way" in client.post(url, {}).content.decode()
    client.post(url, {"ways": ["tra"], "methods": ["large_print"]})
    assert Interest.objects.get(person=resident.person).methods == ["large_print"]


def test_a_newsletter_is_emailed_to_residents_who_prefer_email_and_prints_as_pdf(
    client, officer, tenancy
):
    by_letter = PersonFactory(full_name="Lou Letter")
    ContactPreferenceFactory(person=by_letter, channel="letter")
    TenancyFactory(lead_tenant=by_letter)
    newsletter = services.save_newsletter(
        title="Winter news",
        issue_date=date(2026, 12, 1),
        news="The new community room opens in January.",
        events="Estate walkabout, 10 December at 2pm.",
        include_performance=True,
        include_you_said=True,
        actor=officer,
    )
    sent = services.send_newsletter(newsletter=newsletter, on=date(2026, 12, 1), actor=officer)
    assert sent == 1  # Rita prefers email; Lou prefers letters and gets the printed copy
    assert tenancy.lead_tenant.messages.filter(purpose="newsletter").count() == 1
    with pytest.raises(ValidationError):
        services.send_newsletter(newsletter=newsletter, on=date(2026, 12, 2), actor=officer)
    client.force_login(officer)
    pdf = client.get(reverse("involvement:newsletter-pdf", args=[newsletter.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    public = client.get(reverse("involvement_portal:newsletter", args=[newsletter.pk]))
    assert "community room" in public.content.decode()
