# ruff: noqa: RUF001 - Turkish text has the dotless i
"""Publishing and involvement in a real browser, every page checked with axe: the public
performance page, a suggestion and "You said, we did", the TSM survey answered in Turkish, and a
newsletter."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from hearth.involvement import services
from hearth.involvement.models import Invitation, Response, Suggestion
from hearth.involvement.tests.factories import SurveyFactory

pytestmark = pytest.mark.browser


def test_the_public_performance_page_and_you_said_we_did(page, tenancy, officer):
    page.goto("/performance/")
    expect(page.get_by_role("heading", name="How we are doing", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="What residents say")).to_be_visible()
    page.goto("/involvement/suggestions/new/")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("link", name="Enter your suggestion")).to_be_visible()
    page.get_by_label("Your suggestion").fill("A bench by the bins, please.")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", name="Suggestion sent")).to_be_visible()
    services.answer_suggestion(
        suggestion=Suggestion.objects.get(),
        answer="Agreed",
        what_we_did="Two benches put in by the bin store.",
        publish=True,
        actor=officer,
    )
    page.goto("/involvement/you-said-we-did/")
    expect(page.get_by_text("Two benches put in by the bin store.")).to_be_visible()


def test_a_resident_answers_the_satisfaction_survey_in_turkish(page, tenancy):
    survey = SurveyFactory(opens_on=date(2020, 1, 1), closes_on=date(2099, 12, 31))
    Invitation.objects.create(
        survey=survey,
        tenancy=tenancy,
        person=tenancy.lead_tenant,
        channel="email",
        invited_on=date(2026, 6, 1),
        token="browser-token",
    )
    page.goto("/involvement/survey/browser-token/")
    page.get_by_role("button", name="Türkçe").click()
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    page.get_by_role("group", name="son 12 ayda evinizde").get_by_label("Evet").check()
    page.get_by_role("group", name="şikâyette bulundunuz mu").get_by_label("Hayır").check()
    page.get_by_role("group", name="ortak alanları").get_by_label("Evet").check()
    page.get_by_role("button", name="Devam").click()
    page.get_by_role("group", name="Her şeyi göz önüne aldığınızda").get_by_label(
        "Oldukça memnunum"
    ).check()
    page.get_by_role("button", name="Cevaplarınızı gönderin").click()
    expect(page.get_by_role("heading", name="Cevaplarınız için teşekkürler")).to_be_visible()
    assert Response.objects.get().answers.get(question="TP01").answer == "fairly_satisfied"


def test_a_sent_newsletter_reads_well(page, officer, tenancy):
    newsletter = services.save_newsletter(
        title="Winter news",
        issue_date=date(2026, 12, 1),
        news="The community room opens in January.",
        events="Estate walkabout on 10 December at 2pm.",
        include_performance=True,
        include_you_said=True,
        actor=officer,
    )
    services.send_newsletter(newsletter=newsletter, on=date(2026, 12, 1), actor=officer)
    page.goto(f"/involvement/newsletters/{newsletter.pk}/")
    expect(page.get_by_role("heading", name="Winter news")).to_be_visible()
    expect(page.get_by_text("The community room opens in January.")).to_be_visible()
