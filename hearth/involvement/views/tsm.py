"""Staff pages: TSM survey rounds (sample, results, answers entered from phone, face-to-face or
paper) and the suggestion box."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.measures import Period, homes_managed_at, report
from hearth.core.models import Landlord
from hearth.core.paging import paginate
from hearth.core.timeline import events_for
from hearth.involvement import queries, rules, services, tsm
from hearth.involvement.forms import (
    AnswersForm,
    AnswerSuggestionForm,
    FiltersForm,
    PaperSuggestionForm,
    SampleForm,
    StaffEntryForm,
    SurveyForm,
)
from hearth.involvement.models import Invitation, Response, Suggestion, SuggestionStatus, TsmSurvey
from hearth.involvement.permissions import CanInvolve


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def home(request: HttpRequest) -> HttpResponse:
    waiting = Suggestion.objects.filter(status=SuggestionStatus.NEW).count()
    return render(
        request,
        "involvement/staff/home.html",
        {"surveys": queries.surveys()[:10], "waiting": waiting},
    )


@staff_view(CanInvolve.RUN_SURVEYS)
def survey_new(request: HttpRequest) -> HttpResponseBase:
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(**form.cleaned_data, actor=actor_of(request.user))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("involvement:survey", pk=survey.pk)
    return render(request, "involvement/staff/survey_new.html", {"form": form})


@staff_view(CanInvolve.RUN_SURVEYS)
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(queries.surveys(), pk=pk)
    period = Period(found.year_start, found.year_end)
    measures = report(period.start, period.end, only=list(queries.SURVEY_MEASURES))
    weighted = queries.weighted_results(period)
    for row in measures["measures"]:
        row["weighted"] = weighted[row["id"]].value
    homes = homes_managed_at(min(found.closes_on, timezone.localdate()))
    answered: int = found.answered  # type: ignore[attr-defined]
    margin = rules.margin_of_error_achieved(answered, homes)
    return render(
        request,
        "involvement/staff/survey.html",
        {
            "survey": found,
            "report": measures,
            "participation": queries.participation(period),
            "homes": homes,
            "needed": rules.responses_needed(homes),
            "required_margin": rules.required_margin_of_error(homes) * 100,
            "margin": None if margin is None else round(margin * 100, 1),
            "invitations": paginate(
                request, found.invitations.select_related("person", "tenancy", "response"), 25
            ),
            "sample_form": SampleForm(initial={"on": timezone.localdate()}),
        },
    )


@staff_view(CanInvolve.RUN_SURVEYS)
def draw_sample(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = get_object_or_404(TsmSurvey, pk=pk)
    form = SampleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        invitations = services.draw_sample(
            survey=found, on=form.cleaned_data["on"], actor=actor_of(request.user)
        )
        messages.success(
            request, _("%(count)s households asked to take part") % {"count": len(invitations)}
        )
        return redirect("involvement:survey", pk=found.pk)
    return render(request, "involvement/staff/sample.html", {"survey": found, "form": form})


@staff_view(CanInvolve.RUN_SURVEYS)
def enter_response(request: HttpRequest, token: str) -> HttpResponseBase:
    """Answers given by phone, face to face, or on a paper form, typed in by staff."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("survey", "person", "tenancy"), token=token
    )
    if hasattr(invitation, "response"):
        return redirect("involvement:response", pk=invitation.response.pk)
    landlord = Landlord.current().name
    data = request.POST if request.method == "POST" else None
    entry = StaffEntryForm(data, initial={"answered_on": timezone.localdate()})
    filters = FiltersForm(data, landlord=landlord)
    answers = AnswersForm(
        data,
        landlord=landlord,
        filters=dict.fromkeys(tsm.FILTER_QUESTIONS, True),
        allow_dont_know=True,
    )
    if request.method == "POST" and entry.is_valid() & filters.is_valid() & answers.is_valid():
        try:
            response = services.record_response(
                survey=invitation.survey,
                invitation=invitation,
                answered_on=entry.cleaned_data["answered_on"],
                channel=entry.cleaned_data["channel"],
                filters=filters.filters(),
                answers=answers.answers(),
                actor=actor_of(request.user),
            )
        except ValidationError as error:
            apply_service_errors(answers, error)
        else:
            messages.success(request, _("Answers saved"))
            return redirect("involvement:response", pk=response.pk)
    return render(
        request,
        "involvement/staff/enter_response.html",
        {
            "invitation": invitation,
            "entry": entry,
            "filters": filters,
            "answers": answers,
            "forms": [entry, filters, answers],
        },
    )


@staff_view(CanInvolve.RUN_SURVEYS)
def response(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        Response.objects.select_related("survey", "tenancy", "entered_by"), pk=pk
    )
    landlord = Landlord.current().name
    rows = [
        (tsm.BY_CODE[a.question].text(landlord), tsm.ANSWER_LABELS.get(a.answer, a.answer))
        for a in found.answers.all()
    ]
    return render(
        request,
        "involvement/staff/response.html",
        {"response": found, "rows": rows, "events": events_for(found)},
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def suggestions(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", SuggestionStatus.NEW)
    rows = Suggestion.objects.all()
    if status in SuggestionStatus.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "involvement/staff/suggestions.html",
        {"page": paginate(request, rows, 25), "status": status},
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def suggestion_paper(request: HttpRequest) -> HttpResponseBase:
    form = PaperSuggestionForm(
        request.POST if request.method == "POST" else None,
        initial={"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        found = services.make_suggestion(
            text=form.cleaned_data["text"],
            source=form.cleaned_data["source"],
            received_on=form.cleaned_data["received_on"],
            actor=actor_of(request.user),
        )
        messages.success(request, _("Suggestion %(ref)s saved") % {"ref": found.ref})
        return redirect("involvement:suggestion", ref=found.ref)
    return render(request, "involvement/staff/suggestion_paper.html", {"form": form})


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def suggestion(request: HttpRequest, ref: str) -> HttpResponseBase:
    found = get_object_or_404(Suggestion.objects.select_related("person"), ref=ref)
    form = AnswerSuggestionForm(
        request.POST if request.method == "POST" else None,
        initial={
            "answer": found.answer,
            "what_we_did": found.what_we_did,
            "publish": found.published,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_suggestion(
                suggestion=found, **form.cleaned_data, actor=actor_of(request.user)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Answer saved"))
            return redirect("involvement:suggestion", ref=found.ref)
    return render(
        request,
        "involvement/staff/suggestion.html",
        {"suggestion": found, "form": form, "events": events_for(found)},
    )
