from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hearth.core.timeline import events_for
from hearth.involvement import services
from hearth.involvement.models import Invitation, Response
from hearth.involvement.tests.factories import SurveyFactory
from hearth.tenancies.tests.factories import (
    ContactPreferenceFactory,
    PersonFactory,
    TenancyFactory,
)

ALL_YES = {"had_repair": True, "made_complaint": True, "has_communal_areas": True}
ALL_NO = {"had_repair": False, "made_complaint": False, "has_communal_areas": False}


@pytest.fixture
def households(db):
    people = [PersonFactory(full_name=name) for name in ("Ann Ash", "Bo Birch", "Cy Cedar")]
    ContactPreferenceFactory(person=people[0], channel="email")
    ContactPreferenceFactory(person=people[1], channel="sms")
    ContactPreferenceFactory(person=people[2], channel="letter")
    return [TenancyFactory(lead_tenant=person) for person in people]


def test_the_sample_is_drawn_from_current_tenancies_on_each_persons_channel(households, officer):
    ended = TenancyFactory(end_date=date(2026, 1, 31))
    survey = SurveyFactory(opens_on=date(2026, 4, 1), closes_on=date(2026, 6, 30))
    invited = services.draw_sample(survey=survey, on=date(2026, 4, 30), actor=officer, seed=1)
    # 3 homes managed (the ended tenancy's home too: 4): far fewer than the sample needs, so
    # every current household is asked; the ended tenancy is not.
    assert {i.tenancy_id for i in invited} == {t.pk for t in households}
    assert ended.pk not in {i.tenancy_id for i in invited}
    channels = {i.person.full_name: i.channel for i in invited}
    assert channels == {"Ann Ash": "email", "Bo Birch": "text", "Cy Cedar": "letter"}
    assert events_for(survey).filter(verb="sample_drawn").count() == 1


def test_nobody_is_asked_twice_in_12_months(households, officer):
    earlier = SurveyFactory(title="Tracker", opens_on=date(2025, 5, 1))
    Invitation.objects.create(
        survey=earlier,
        tenancy=households[0],
        person=households[0].lead_tenant,
        channel="email",
        invited_on=date(2025, 5, 1),
        token="earlier",
    )
    survey = SurveyFactory(opens_on=date(2026, 4, 1), closes_on=date(2026, 6, 30))
    invited = services.draw_sample(survey=survey, on=date(2026, 4, 30), actor=officer, send=False)
    assert households[0].pk not in {i.tenancy_id for i in invited}
    a_day_later = SurveyFactory(opens_on=date(2026, 5, 1), closes_on=date(2026, 6, 30))
    again = services.draw_sample(survey=a_day_later, on=date(2026, 5, 1), actor=officer, send=False)
    assert households[0].pk in {i.tenancy_id for i in again}


def test_a_response_is_stored_per_respondent_with_its_date_and_channel(households, officer):
    survey = SurveyFactory()
    response = services.record_response(
        survey=survey,
        tenancy=households[0],
        answered_on=date(2025, 7, 1),
        channel="phone",
        filters=ALL_YES,
        answers={"TP01": "very_satisfied", "TP02": "fairly_dissatisfied", "TP05": ""},
        actor=officer,
    )
    assert (response.answered_on, response.channel, response.entered_by) == (
        date(2025, 7, 1),
        "phone",
        officer,
    )
    assert dict(response.answers.values_list("question", "answer")) == {
        "TP01": "very_satisfied",
        "TP02": "fairly_dissatisfied",
    }
    assert events_for(response).filter(verb="answered").exists()


def test_a_question_the_filters_rule_out_cannot_be_answered(households, officer):
    with pytest.raises(ValidationError) as refused:
        services.record_response(
            survey=SurveyFactory(),
            tenancy=households[0],
            answered_on=date(2025, 7, 1),
            channel="phone",
            filters=ALL_NO,
            answers={"TP01": "very_satisfied", "TP03": "very_satisfied", "TP10": "neither"},
            actor=officer,
        )
    assert set(refused.value.error_dict) == {"TP03", "TP10"}
    assert not Response.objects.exists()


def test_an_answer_must_be_on_the_questions_scale(households, officer):
    with pytest.raises(ValidationError) as refused:
        services.record_response(
            survey=SurveyFactory(),
            tenancy=households[0],
            answered_on=date(2025, 7, 1),
            channel="phone",
            filters=ALL_YES,
            answers={"TP08": "very_satisfied"},  # TP08 is on the agree scale
            actor=officer,
        )
    assert set(refused.value.error_dict) == {"TP08"}


def test_an_invitation_can_be_answered_only_once(households, officer):
    survey = SurveyFactory()
    invitation = Invitation.objects.create(
        survey=survey,
        tenancy=households[0],
        person=households[0].lead_tenant,
        channel="email",
        invited_on=date(2025, 6, 1),
        token="once",
    )
    kwargs: dict = dict(  # noqa: C408
        survey=survey,
        invitation=invitation,
        answered_on=date(2025, 6, 2),
        channel="email",
        filters=ALL_NO,
        answers={"TP01": "very_satisfied"},
        actor=None,
    )
    services.record_response(**kwargs)
    with pytest.raises(ValidationError):
        services.record_response(**kwargs)


def test_a_named_suggestion_gets_our_answer_and_a_published_one_shows_what_we_did(
    households, officer
):
    person = households[0].lead_tenant
    found = services.make_suggestion(
        text="Put a bench by the bins", source="portal", person=person, actor=None
    )
    assert found.ref == "S00001"
    with pytest.raises(ValidationError):
        services.answer_suggestion(
            suggestion=found, answer="Yes", what_we_did="", publish=True, actor=officer
        )
    services.answer_suggestion(
        suggestion=found,
        answer="Good idea, we will.",
        what_we_did="We put a bench by the bins in May.",
        publish=True,
        actor=officer,
    )
    found.refresh_from_db()
    assert (found.status, found.published) == ("answered", True)
    assert person.messages.filter(purpose="suggestion_answered").exists()
