"""What involvement holds about a person, for their subject access export
(`hearth.core.subject_access`): their register of interest (the ways they want to take part,
their preferred methods and their diversity answers), the suggestions they signed, the
tenant satisfaction surveys they were asked to answer and their answers, and the other
questionnaires they answered."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hearth.core.subject_access import Part, source
from hearth.involvement.models import (
    Answer,
    Interest,
    Invitation,
    QuestionnaireAnswer,
    QuestionnaireInvite,
    QuestionnaireResponse,
    Response,
    Suggestion,
)


@source(covers=[Interest, Suggestion, Invitation, Response, QuestionnaireInvite])
def involvement(person: Any) -> Iterable[Part]:
    interest = Interest.objects.filter(person=person).first()
    yield Part(
        "involvement_register", "Their register of interest in getting involved",
        ["registered on", "ways to take part", "preferred methods", "language",
         "diversity answers given", "age band", "ethnicity", "disabled"],
        [] if interest is None else [[
            interest.registered_on, ", ".join(interest.ways), ", ".join(interest.methods),
            interest.language, interest.diversity_consent, interest.age_band,
            interest.ethnicity, interest.disabled,
        ]],
    )  # fmt: skip
    yield Part(
        "suggestions", "Suggestions they signed",
        ["reference", "received on", "how", "what they suggested", "status", "our answer",
         "what we did", "answered on"],
        [[s.ref, s.received_on, s.get_source_display(), s.text, s.get_status_display(),
          s.answer, s.what_we_did, s.answered_on]
         for s in Suggestion.objects.filter(person=person).order_by("received_on", "pk")],
    )  # fmt: skip
    invitations = list(
        Invitation.objects.filter(person=person).select_related("survey", "tenancy")
        .order_by("invited_on", "pk")
    )  # fmt: skip
    yield Part(
        "survey_invitations", "Tenant satisfaction surveys they were asked to answer",
        ["survey", "tenancy reference", "invited on", "how"],
        [[i.survey.title, i.tenancy.ref, i.invited_on, i.get_channel_display()]
         for i in invitations],
    )  # fmt: skip
    answers = Answer.objects.filter(response__invitation__in=invitations).select_related(
        "response__survey"
    )
    yield Part(
        "survey_answers", "Their answers to tenant satisfaction surveys",
        ["survey", "answered on", "question", "answer"],
        [[a.response.survey.title, a.response.answered_on, a.question, a.answer]
         for a in answers.order_by("response__answered_on", "response_id", "question")],
    )  # fmt: skip
    invites = QuestionnaireInvite.objects.filter(person=person)
    responses = QuestionnaireResponse.objects.filter(invite__in=invites)
    yield Part(
        "questionnaire_answers", "Their answers to other questionnaires",
        ["questionnaire", "about", "answered on", "question", "answer"],
        [[a.response.questionnaire.title, _about(a.response.invite),
          a.response.answered_on, a.question.text, a.value]
         for a in QuestionnaireAnswer.objects.filter(response__in=responses)
         .select_related("response__questionnaire", "response__invite", "question")
         .order_by("response__answered_on", "response_id", "pk")],
    )  # fmt: skip


def _about(invite: QuestionnaireInvite | None) -> str:
    return f"{invite.case_type} {invite.case_ref}".strip() if invite else ""
