"""Any survey (the questionnaire builder), transactional surveys sent when a case closes, and
spot checks of services with their follow-up actions."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.case_events import CaseClosed
from hearth.core.casework import Actor, tell_resident
from hearth.involvement.models import (
    QuestionKind,
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireInvite,
    QuestionnaireQuestion,
    QuestionnaireResponse,
    SpotCheck,
)
from hearth.involvement.tsm import SATISFACTION
from hearth.tenancies.models import Person


@transaction.atomic
def create_questionnaire(*, title: str, intro: str, purpose: str, actor: Actor) -> Questionnaire:
    if not title.strip():
        raise ValidationError({"title": _("Enter a title for the survey")})
    if not intro.strip():
        raise ValidationError({"intro": _("Say what the survey is for and how long it takes")})
    found = Questionnaire.objects.create(title=title.strip(), intro=intro.strip(), purpose=purpose)
    timeline.record(found, verb="created", summary=_("Survey created"), actor=actor)
    return found


@transaction.atomic
def add_question(
    *,
    questionnaire: Questionnaire,
    text: str,
    kind: str,
    options: str = "",
    required: bool = False,
    actor: Actor,
) -> QuestionnaireQuestion:
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Choose the type of question")})
    if not text.strip():
        raise ValidationError({"text": _("Enter the question")})
    lines = [line.strip() for line in options.splitlines() if line.strip()]
    if kind == QuestionKind.CHOICE and len(lines) < 2:
        raise ValidationError({"options": _("Enter at least 2 options, one on each line")})
    position = questionnaire.questions.count() + 1
    question = QuestionnaireQuestion.objects.create(
        questionnaire=questionnaire,
        position=position,
        text=text.strip(),
        kind=kind,
        options="\n".join(lines) if kind == QuestionKind.CHOICE else "",
        required=required,
    )
    timeline.record(questionnaire, verb="question_added", summary=_("Question added"), actor=actor)
    return question


def choices_for(question: QuestionnaireQuestion) -> list[tuple[str, str]]:
    if question.kind == QuestionKind.SATISFACTION:
        return [(code, str(label)) for code, label in SATISFACTION]
    if question.kind == QuestionKind.YES_NO:
        return [("yes", _("Yes")), ("no", _("No"))]
    if question.kind == QuestionKind.CHOICE:
        return [(option, option) for option in question.option_list()]
    return []


@transaction.atomic
def answer_questionnaire(
    *,
    questionnaire: Questionnaire,
    answers: Mapping[int, str],
    answered_on: date,
    channel: str,
    actor: Actor,
    invite: QuestionnaireInvite | None = None,
) -> QuestionnaireResponse:
    """Store one respondent's answers (question id -> answer) with the date and channel."""
    questions = {q.pk: q for q in questionnaire.questions.all()}
    errors: dict[str, str] = {}
    for question in questions.values():
        value = (answers.get(question.pk) or "").strip()
        allowed = [code for code, _label in choices_for(question)]
        if question.required and not value:
            errors[f"q{question.pk}"] = _("Answer this question")
        elif value and allowed and value not in allowed:
            errors[f"q{question.pk}"] = _("Choose one of the answers")
    if errors:
        raise ValidationError(errors)
    if invite is not None:
        invite = QuestionnaireInvite.objects.select_for_update().get(pk=invite.pk)
        if QuestionnaireResponse.objects.filter(invite=invite).exists():
            raise ValidationError(_("This survey has already been answered. Thank you."))
    response = QuestionnaireResponse.objects.create(
        questionnaire=questionnaire, invite=invite, answered_on=answered_on, channel=channel
    )
    QuestionnaireAnswer.objects.bulk_create(
        [
            QuestionnaireAnswer(response=response, question_id=pk, value=value.strip())
            for pk, value in answers.items()
            if pk in questions and value and value.strip()
        ]
    )
    timeline.record(response, verb="answered", summary=_("Survey answered"), actor=actor)
    return response


def invite_after_closure(event: CaseClosed) -> QuestionnaireInvite | None:
    """When a repair, complaint or ASB case closes, send the active survey for that kind of
    case (if there is one) to the resident, once per case. Registered with core's case events
    in InvolvementConfig.ready()."""
    questionnaire = (
        Questionnaire.objects.filter(purpose=event.case_type, active=True).order_by("-pk").first()
    )
    if questionnaire is None or event.person_id is None:
        return None
    person = Person.objects.filter(pk=event.person_id).first()
    if person is None:
        return None
    invite, created = QuestionnaireInvite.objects.get_or_create(
        questionnaire=questionnaire,
        case_type=event.case_type,
        case_ref=event.case_ref,
        defaults={"person": person, "token": secrets.token_urlsafe(24), "sent_on": event.closed_on},
    )
    if not created:
        return invite
    tell_resident(
        case=questionnaire,
        purpose="survey_invitation",
        idempotency_key=f"survey-{questionnaire.pk}-{event.case_type}-{event.case_ref}",
        actor=event.actor,
        contact=None,
        person=person,
        context={
            "questionnaire": questionnaire,
            "survey_url": reverse("involvement_portal:questionnaire", args=[invite.token]),
            "case_ref": event.case_ref,
        },
        record_not_sent=False,
    )
    timeline.record(
        questionnaire,
        verb="sent",
        summary=_("Sent after %(case)s closed") % {"case": event.case_ref},
        actor=event.actor,
    )
    return invite


def _next_ref() -> str:
    last = SpotCheck.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return f"SC{last + 1:05d}"


@transaction.atomic
def record_spot_check(
    *,
    service: str,
    checked_on: date,
    checked_by: str,
    by_residents: bool,
    rating: str,
    findings: str,
    actor: Actor,
    block_id: int | None = None,
) -> SpotCheck:
    """A spot check of a service (charter: "check that we meet these standards by spot checks
    and regular inspections"), by staff or by residents, with what they found."""
    if not findings.strip():
        raise ValidationError({"findings": _("Enter what the check found")})
    check = SpotCheck.objects.create(
        ref=_next_ref(),
        service=service.strip(),
        checked_on=checked_on,
        checked_by=checked_by.strip(),
        by_residents=by_residents,
        rating=rating,
        findings=findings.strip(),
        block_id=block_id,
    )
    timeline.record(check, verb="recorded", summary=_("Spot check recorded"), actor=actor)
    return check
