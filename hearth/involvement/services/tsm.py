"""Every write in involvement: the TSM survey (a round, its sample, each response) and the
suggestion box. One function per state change, each with a timeline event."""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor, tell_resident
from hearth.core.measures import homes_managed_at
from hearth.involvement import rules, tsm
from hearth.involvement.models import (
    Answer,
    Invitation,
    Response,
    Suggestion,
    SuggestionSource,
    SuggestionStatus,
    SurveyChannel,
    TsmSurvey,
)
from hearth.tenancies.models import MemberRole, Person, PreferredChannel, Tenancy, Tenure

_INVITE_CHANNEL: dict[str, str] = {
    PreferredChannel.EMAIL: SurveyChannel.EMAIL,
    PreferredChannel.SMS: SurveyChannel.TEXT,
    PreferredChannel.LETTER: SurveyChannel.LETTER,
}


@transaction.atomic
def create_survey(
    *,
    title: str,
    year_start: date,
    year_end: date,
    opens_on: date,
    closes_on: date,
    expected_response_rate: int,
    actor: Actor,
) -> TsmSurvey:
    if year_end < year_start or closes_on < opens_on:
        raise ValidationError(_("The end date must be on or after the start date."))
    survey = TsmSurvey.objects.create(
        title=title,
        year_start=year_start,
        year_end=year_end,
        opens_on=opens_on,
        closes_on=closes_on,
        expected_response_rate=expected_response_rate,
    )
    timeline.record(survey, verb="created", summary=_("Survey set up"), actor=actor)
    return survey


def eligible_tenancies(on: date) -> list[tuple[int, int]]:
    """(tenancy id, lead tenant id) for current social-rent tenancies on the day whose lead
    tenant has not been asked to take part in the last 12 months (leaseholders are not in the
    TSM perception survey)."""
    recent = dict(
        Invitation.objects.values("person_id")
        .annotate(last=Max("invited_on"))
        .values_list("person_id", "last")
    )
    rows = (
        Tenancy.objects.current_on(on)
        .exclude(tenure=Tenure.LEASEHOLD)
        .filter(members__role=MemberRole.LEAD_TENANT)
        .values_list("pk", "members__person_id")
        .order_by("pk")
    )
    return [
        (tenancy_id, person_id)
        for tenancy_id, person_id in rows
        if not rules.last_asked_too_recently(recent.get(person_id), on)
    ]


@transaction.atomic
def draw_sample(
    *, survey: TsmSurvey, on: date, actor: Actor, seed: int | None = None, send: bool = True
) -> list[Invitation]:
    """Ask enough households, chosen at random from current tenancies, for the margin of error
    the Regulator requires for the landlord's size (at the survey's expected response rate).
    Nobody asked in the last 12 months is asked again. Each is sent an invitation on their
    preferred channel (email, text or letter)."""
    homes = homes_managed_at(on)
    wanted = rules.invitations_needed(homes, survey.expected_response_rate)
    already = survey.invitations.count()
    pool = eligible_tenancies(on)
    chosen = random.Random(seed).sample(pool, min(len(pool), max(0, wanted - already)))
    people = Person.objects.in_bulk([person_id for _t, person_id in chosen])
    preferences: dict[int, str] = {
        person.pk: getattr(getattr(person, "contact_preference", None), "channel", "")
        for person in Person.objects.filter(pk__in=people).select_related("contact_preference")
    }
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                survey=survey,
                tenancy_id=tenancy_id,
                person_id=person_id,
                channel=_INVITE_CHANNEL.get(preferences.get(person_id) or "", SurveyChannel.LETTER),
                invited_on=on,
                token=secrets.token_urlsafe(24),
            )
            for tenancy_id, person_id in chosen
        ]
    )
    timeline.record(
        survey,
        verb="sample_drawn",
        summary=_("%(count)s households asked to take part") % {"count": len(invitations)},
        actor=actor,
        details={"homes": homes, "wanted": wanted},
    )
    if send:
        for invitation in invitations:
            invitation.person = people[invitation.person_id]
            tell_resident(
                case=survey,
                purpose="tsm_invitation",
                idempotency_key=f"tsm-invitation-{invitation.token}",
                actor=actor,
                contact=None,
                person=invitation.person,
                context={
                    "survey_url": reverse("involvement_portal:survey", args=[invitation.token]),
                    "minutes": tsm.MINUTES_TO_COMPLETE,
                    "closes_on": survey.closes_on,
                },
                record_not_sent=False,
            )
    return invitations


def _check_answers(filters: Mapping[str, bool], answers: Mapping[str, str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for code, answer in answers.items():
        question = tsm.BY_CODE.get(code)
        if question is None:
            errors[code] = _("There is no question %(code)s") % {"code": code}
        elif answer and answer not in question.valid_answers():
            errors[code] = _("Choose one of the answers")
        elif answer and not rules.question_is_asked(code, filters):
            errors[code] = _("This question is only asked when the answer above is yes")
    return errors


@transaction.atomic
def record_response(
    *,
    survey: TsmSurvey,
    answered_on: date,
    channel: str,
    filters: Mapping[str, bool],
    answers: Mapping[str, str],
    actor: Actor,
    invitation: Invitation | None = None,
    tenancy: Tenancy | None = None,
) -> Response:
    """Store one respondent's answers with the date and channel. Answers to questions the
    filter questions rule out are refused; a question left blank is simply not answered."""
    errors = _check_answers(filters, answers)
    if errors:
        raise ValidationError(errors)
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if Response.objects.filter(invitation=invitation).exists():
            raise ValidationError(_("This survey has already been answered. Thank you."))
        tenancy = invitation.tenancy
    if channel not in SurveyChannel.values:
        raise ValidationError({"channel": _("Choose how the survey was answered")})
    response = Response.objects.create(
        survey=survey,
        invitation=invitation,
        tenancy=tenancy,
        answered_on=answered_on,
        channel=channel,
        had_repair=bool(filters.get(tsm.REPAIR)),
        made_complaint=bool(filters.get(tsm.COMPLAINT)),
        has_communal_areas=bool(filters.get(tsm.COMMUNAL)),
        entered_by=actor if actor is not None and not actor.is_resident else None,
    )
    Answer.objects.bulk_create(
        [
            Answer(response=response, question=code, answer=answer)
            for code, answer in answers.items()
            if answer
        ]
    )
    timeline.record(
        response,
        verb="answered",
        summary=_("Survey answered (%(channel)s)") % {"channel": response.get_channel_display()},
        actor=actor,
    )
    return response


# The suggestion box.


def _next_suggestion_ref() -> str:
    last = Suggestion.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return f"S{last + 1:05d}"


@transaction.atomic
def make_suggestion(
    *,
    text: str,
    source: str,
    actor: Actor,
    person: Person | None = None,
    received_on: date | None = None,
) -> Suggestion:
    """A suggestion from the portal (signed in or anonymous) or from the paper box."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Enter your suggestion")})
    if source not in SuggestionSource.values:
        raise ValidationError({"source": _("Choose where the suggestion came from")})
    suggestion = Suggestion.objects.create(
        ref=_next_suggestion_ref(),
        text=text,
        source=source,
        person=person,
        received_on=received_on or timezone.localdate(),
    )
    timeline.record(
        suggestion,
        verb="received",
        summary=_("Suggestion received"),
        actor=actor,
        visible_to_resident=True,
    )
    return suggestion


@transaction.atomic
def answer_suggestion(
    *,
    suggestion: Suggestion,
    answer: str,
    what_we_did: str,
    publish: bool,
    actor: Actor,
) -> Suggestion:
    """Staff answer a suggestion; when published, it appears on "You said, we did"."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not answer.strip():
        raise ValidationError({"answer": _("Enter your answer to the suggestion")})
    if publish and not what_we_did.strip():
        raise ValidationError(
            {"what_we_did": _("Say what we did before publishing the suggestion")}
        )
    suggestion.answer = answer.strip()
    suggestion.what_we_did = what_we_did.strip()
    suggestion.published = publish
    suggestion.status = SuggestionStatus.ANSWERED
    suggestion.answered_on = timezone.localdate()
    suggestion.save()
    timeline.record(
        suggestion,
        verb="answered",
        summary=_("Suggestion answered") + (_(" and published") if publish else ""),
        actor=actor,
        visible_to_resident=True,
    )
    if suggestion.person is not None:
        tell_resident(
            case=suggestion,
            purpose="suggestion_answered",
            idempotency_key=f"suggestion-answered-{suggestion.pk}-{suggestion.answered_on}",
            actor=actor,
            contact=None,
            person=suggestion.person,
            context={"suggestion": suggestion},
            record_not_sent=False,
        )
    return suggestion
