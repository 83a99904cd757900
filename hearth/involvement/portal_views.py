"""Resident pages: the TSM survey (from the link in the invitation, no sign-in needed), the
suggestion box (signed in or anonymous), "You said, we did" and ways to get involved.

The survey link and the anonymous suggestion form are public. No shared rate limiter exists in
core yet (`hearth/core/ratelimits.py`); the survey link is a 32-character secret that can be
answered once, and the suggestion form only adds a row for staff to read.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core.access import resident_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.models import Landlord
from hearth.involvement import newsletter_content, queries, services, tsm
from hearth.involvement.forms import (
    AnonymousChoiceForm,
    AnswersForm,
    FiltersForm,
    InterestForm,
    QuestionnaireAnswersForm,
    SuggestionForm,
)
from hearth.involvement.models import (
    Interest,
    Invitation,
    Newsletter,
    QuestionnaireInvite,
    SuggestionSource,
    SurveyChannel,
)


def _open_invitation(token: str) -> Invitation:
    invitation = get_object_or_404(Invitation.objects.select_related("survey"), token=token)
    today = timezone.localdate()
    if not (invitation.survey.opens_on <= today <= invitation.survey.closes_on):
        raise Http404("This survey is closed")
    return invitation


def _answered(invitation: Invitation) -> bool:
    return hasattr(invitation, "response")


def survey_start(request: HttpRequest, token: str) -> HttpResponseBase:
    """What the survey is for, how long it takes, and the three filter questions."""
    invitation = _open_invitation(token)
    if _answered(invitation):
        return render(request, "involvement/portal/survey_done.html", {"already": True})
    landlord = Landlord.current().name
    key = f"tsm-{token}"
    form = FiltersForm(
        request.POST if request.method == "POST" else None,
        landlord=landlord,
        initial=request.session.get(key),
    )
    if request.method == "POST" and form.is_valid():
        request.session[key] = {k: "yes" if v else "no" for k, v in form.filters().items()}
        return redirect("involvement_portal:survey-questions", token=token)
    return render(
        request,
        "involvement/portal/survey_start.html",
        {
            "form": form,
            "minutes": tsm.MINUTES_TO_COMPLETE,
            "survey": invitation.survey,
            "landlord_name": landlord,
        },
    )


def survey_questions(request: HttpRequest, token: str) -> HttpResponseBase:
    invitation = _open_invitation(token)
    if _answered(invitation):
        return render(request, "involvement/portal/survey_done.html", {"already": True})
    stored = request.session.get(f"tsm-{token}")
    if not stored:
        return redirect("involvement_portal:survey", token=token)
    filters = {name: value == "yes" for name, value in stored.items()}
    landlord = Landlord.current().name
    form = AnswersForm(
        request.POST if request.method == "POST" else None, landlord=landlord, filters=filters
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_response(
                survey=invitation.survey,
                invitation=invitation,
                answered_on=timezone.localdate(),
                channel=invitation.channel,
                filters=filters,
                answers=form.answers(),
                actor=actor_of(request.user),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            request.session.pop(f"tsm-{token}", None)
            return redirect("involvement_portal:survey-done", token=token)
    return render(
        request,
        "involvement/portal/survey_questions.html",
        {"form": form, "token": token, "survey": invitation.survey},
    )


def survey_done(request: HttpRequest, token: str) -> HttpResponse:
    get_object_or_404(Invitation, token=token)
    return render(request, "involvement/portal/survey_done.html", {"already": False})


@resident_view
def your_survey(request: HttpRequest) -> HttpResponseBase:
    """A signed-in resident who has been asked goes straight to their survey."""
    invitation = queries.open_invitation(
        getattr(request.user, "person_id", None), timezone.localdate()
    )
    if invitation is not None:
        return redirect("involvement_portal:survey", token=invitation.token)
    return render(request, "involvement/portal/no_survey.html")


def suggest(request: HttpRequest) -> HttpResponseBase:
    """Anyone may make a suggestion; a signed-in resident chooses whether to give their name."""
    user = request.user
    signed_in = bool(getattr(user, "is_resident", False) and getattr(user, "person_id", None))
    form = SuggestionForm(request.POST if request.method == "POST" else None)
    choice = (
        AnonymousChoiceForm(request.POST if request.method == "POST" else None)
        if signed_in
        else None
    )
    if request.method == "POST" and form.is_valid() and (choice is None or choice.is_valid()):
        named = choice is not None and choice.cleaned_data["anonymous"] == "named"
        found = services.make_suggestion(
            text=form.cleaned_data["text"],
            source=SuggestionSource.PORTAL,
            person=user.person if named else None,  # type: ignore[union-attr]
            actor=actor_of(user) if named else None,
        )
        return render(
            request,
            "involvement/portal/suggestion_sent.html",
            {"suggestion": found, "named": named},
        )
    return render(
        request,
        "involvement/portal/suggest.html",
        {"form": form, "choice": choice, "forms": [f for f in (form, choice) if f is not None]},
    )


def you_said_we_did(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "involvement/portal/you_said_we_did.html",
        {"suggestions": queries.published_suggestions()[:50]},
    )


@resident_view
def your_suggestions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "involvement/portal/your_suggestions.html",
        {"suggestions": queries.suggestions_for(getattr(request.user, "person_id", None))},
    )


def get_involved(request: HttpRequest) -> HttpResponse:
    return render(request, "involvement/portal/get_involved.html")


def questionnaire(request: HttpRequest, token: str) -> HttpResponseBase:
    """A built survey, from the link sent when a case closed (no sign-in needed)."""
    invite = get_object_or_404(
        QuestionnaireInvite.objects.select_related("questionnaire"), token=token
    )
    found = invite.questionnaire
    if hasattr(invite, "response") or not found.active:
        return render(
            request,
            "involvement/portal/done.html",
            {"heading": _("Thank you"), "lead": _("This survey has been answered or has closed.")},
        )
    form = QuestionnaireAnswersForm(
        request.POST if request.method == "POST" else None, questions=list(found.questions.all())
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_questionnaire(
                questionnaire=found,
                invite=invite,
                answers=form.answers(),
                answered_on=timezone.localdate(),
                channel=SurveyChannel.EMAIL,
                actor=actor_of(request.user),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return render(
                request,
                "involvement/portal/done.html",
                {"heading": _("Thank you for your answers")},
            )
    return render(
        request,
        "involvement/portal/form.html",
        {
            "form": form,
            "heading": found.title,
            "lead": found.intro,
            "button": _("Send your answers"),
        },
    )


@resident_view
def register_interest(request: HttpRequest) -> HttpResponseBase:
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404("No person record")
    existing = Interest.objects.filter(person=person).first()
    initial = (
        {
            "ways": existing.ways,
            "methods": existing.methods,
            "language": existing.language,
            "diversity_consent": existing.diversity_consent,
            "age_band": existing.age_band,
            "ethnicity": existing.ethnicity,
            "disabled": existing.disabled,
        }
        if existing
        else None
    )
    form = InterestForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_interest(
                person=person, **form.cleaned_data, actor=actor_of(request.user)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return render(
                request,
                "involvement/portal/done.html",
                {
                    "heading": _("Thank you for registering your interest"),
                    "lead": _("We will get in touch in the way you chose."),
                },
            )
    return render(
        request,
        "involvement/portal/form.html",
        {
            "form": form,
            "heading": _("Register your interest in getting involved"),
            "lead": _(
                "Tell us how you would like to take part. The questions about you are optional: "
                "we keep your answers only if you agree, to check we involve everyone."
            ),
            "button": _("Save"),
        },
    )


def newsletters(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "involvement/portal/newsletters.html",
        {"rows": Newsletter.objects.filter(sent_on__isnull=False)},
    )


def newsletter(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Newsletter, pk=pk, sent_on__isnull=False)
    return render(
        request,
        "involvement/portal/newsletter.html",
        {"newsletter": found, **newsletter_content.context(found)},
    )
