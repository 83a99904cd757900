from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from hearth.core.models import Landlord
from hearth.involvement.models import Invitation, Response, Suggestion
from hearth.involvement.tests.factories import SurveyFactory


@pytest.fixture
def invitation(tenancy):
    Landlord.objects.create(name="Clapton Park TMO")
    survey = SurveyFactory(opens_on=date(2020, 1, 1), closes_on=date(2099, 12, 31))
    return Invitation.objects.create(
        survey=survey,
        tenancy=tenancy,
        person=tenancy.lead_tenant,
        channel="email",
        invited_on=date(2025, 6, 1),
        token="secret-token",
    )


def test_the_survey_says_what_it_is_for_and_how_long_it_takes(client, invitation):
    page = client.get(reverse("involvement_portal:survey", args=["secret-token"])).content.decode()
    assert "Regulator of Social Housing" in page
    assert "about 5 minutes" in page
    assert "Has Clapton Park TMO carried out a repair to your home in the last 12 months?" in page


def test_a_resident_without_a_repair_is_not_asked_about_repairs(client, invitation):
    client.post(
        reverse("involvement_portal:survey", args=["secret-token"]),
        {"had_repair": "no", "made_complaint": "no", "has_communal_areas": "yes"},
    )
    page = client.get(
        reverse("involvement_portal:survey-questions", args=["secret-token"])
    ).content.decode()
    assert (
        "Taking everything into account, how satisfied or dissatisfied are you with the service "
        "provided by Clapton Park TMO?" in page
    )
    assert "most recent repair" not in page  # TP03
    assert "approach to complaints" not in page  # TP09
    assert "communal areas clean and well maintained" in page  # TP10
    assert "treats me fairly and with respect" in page
    assert "Strongly agree" in page


def test_a_resident_answers_the_survey_by_its_link(client, invitation):
    client.post(
        reverse("involvement_portal:survey", args=["secret-token"]),
        {"had_repair": "yes", "made_complaint": "no", "has_communal_areas": "no"},
    )
    done = client.post(
        reverse("involvement_portal:survey-questions", args=["secret-token"]),
        {"TP01": "fairly_satisfied", "TP03": "very_dissatisfied", "TP08": "agree"},
    )
    assert done.status_code == 302
    response = Response.objects.get()
    assert (response.channel, response.had_repair, response.made_complaint) == (
        "email",
        True,
        False,
    )
    assert dict(response.answers.values_list("question", "answer")) == {
        "TP01": "fairly_satisfied",
        "TP03": "very_dissatisfied",
        "TP08": "agree",
    }
    again = client.get(reverse("involvement_portal:survey", args=["secret-token"]))
    assert "already answered" in again.content.decode()


def test_the_filter_questions_must_be_answered(client, invitation):
    page = client.post(reverse("involvement_portal:survey", args=["secret-token"]), {})
    assert page.status_code == 200
    assert "Select yes or no" in page.content.decode()


def test_a_made_up_survey_link_is_not_found(client, invitation):
    assert client.get(reverse("involvement_portal:survey", args=["guess"])).status_code == 404


def test_staff_enter_a_phone_interview(client, officer, invitation):
    client.force_login(officer)
    url = reverse("involvement:enter-response", args=["secret-token"])
    assert client.get(url).status_code == 200
    saved = client.post(
        url,
        {
            "channel": "phone",
            "answered_on_day": "3",
            "answered_on_month": "7",
            "answered_on_year": "2025",
            "had_repair": "no",
            "made_complaint": "no",
            "has_communal_areas": "no",
            "TP01": "dont_know",
            "TP02": "very_satisfied",
        },
    )
    # TP02 was answered although the tenant had no repair: refused, with the reason
    assert saved.status_code == 200
    assert "only asked when the answer above is yes" in saved.content.decode()
    client.post(
        url,
        {
            "channel": "phone",
            "answered_on_day": "3",
            "answered_on_month": "7",
            "answered_on_year": "2025",
            "had_repair": "no",
            "made_complaint": "no",
            "has_communal_areas": "no",
            "TP01": "dont_know",
        },
    )
    response = Response.objects.get()
    assert (response.channel, response.answered_on, response.entered_by) == (
        "phone",
        date(2025, 7, 3),
        officer,
    )


def test_a_resident_cannot_open_staff_survey_pages(client, resident, invitation):
    client.force_login(resident)
    url = reverse("involvement:enter-response", args=["secret-token"])
    assert client.get(url).status_code == 404


def test_anyone_can_make_a_suggestion_without_signing_in(client, db):
    page = client.post(reverse("involvement_portal:suggest"), {"text": "More bins please"})
    assert "Suggestion sent" in page.content.decode()
    found = Suggestion.objects.get()
    assert (found.text, found.person, found.source) == ("More bins please", None, "portal")


def test_a_signed_in_resident_chooses_whether_to_give_their_name(client, resident):
    client.force_login(resident)
    missing = client.post(reverse("involvement_portal:suggest"), {"text": "Fix the lift"})
    assert "Select whether you want to give your name" in missing.content.decode()
    client.post(
        reverse("involvement_portal:suggest"), {"text": "Fix the lift", "anonymous": "anonymous"}
    )
    client.post(reverse("involvement_portal:suggest"), {"text": "Paint", "anonymous": "named"})
    assert dict(Suggestion.objects.values_list("text", "person")) == {
        "Fix the lift": None,
        "Paint": resident.person_id,
    }


def test_you_said_we_did_shows_only_published_answers(client, officer):
    client.force_login(officer)
    client.post(
        reverse("involvement:suggestion-paper"),
        {
            "text": "Brighter lights on the stairs",
            "source": "paper",
            "received_on_day": "2",
            "received_on_month": "6",
            "received_on_year": "2025",
        },
    )
    client.post(
        reverse("involvement:suggestion-paper"),
        {
            "text": "Unpublished idea",
            "source": "paper",
            "received_on_day": "2",
            "received_on_month": "6",
            "received_on_year": "2025",
        },
    )
    client.post(
        reverse("involvement:suggestion", args=["S00001"]),
        {"answer": "Agreed", "what_we_did": "New LED lights fitted", "publish": "on"},
    )
    client.logout()
    page = client.get(reverse("involvement_portal:you-said-we-did")).content.decode()
    assert "Brighter lights on the stairs" in page
    assert "New LED lights fitted" in page
    assert "Unpublished idea" not in page
