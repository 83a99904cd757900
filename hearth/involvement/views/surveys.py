"""Staff pages: the questionnaire builder (any survey, transactional surveys) and spot checks
with their follow-up actions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.paging import paginate
from hearth.core.timeline import events_for
from hearth.involvement import services
from hearth.involvement.forms import ActionForm, QuestionForm, QuestionnaireForm, SpotCheckForm
from hearth.involvement.models import (
    FollowUpAction,
    QuestionKind,
    Questionnaire,
    QuestionnaireAnswer,
    SpotCheck,
)
from hearth.involvement.permissions import CanInvolve


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@staff_view(CanInvolve.RUN_SURVEYS)
def questionnaires(request: HttpRequest) -> HttpResponse:
    from django.db.models import Count

    rows = Questionnaire.objects.annotate(
        sent=Count("invites", distinct=True), answered=Count("responses", distinct=True)
    )
    return render(request, "involvement/staff/questionnaires.html", {"rows": rows})


@staff_view(CanInvolve.RUN_SURVEYS)
def questionnaire_new(request: HttpRequest) -> HttpResponseBase:
    form = QuestionnaireForm(_post(request))
    if request.method == "POST" and form.is_valid():
        found = services.create_questionnaire(**form.cleaned_data, actor=actor_of(request.user))
        return redirect("involvement:questionnaire", pk=found.pk)
    return render(
        request,
        "involvement/staff/form.html",
        {
            "form": form,
            "heading": _("Create a survey"),
            "back": reverse("involvement:questionnaires"),
        },
    )


@staff_view(CanInvolve.RUN_SURVEYS)
def questionnaire(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = get_object_or_404(Questionnaire, pk=pk)
    form = QuestionForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_question(
                questionnaire=found, **form.cleaned_data, actor=actor_of(request.user)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Question added"))
            return redirect("involvement:questionnaire", pk=found.pk)
    questions = list(found.questions.all())
    counts: dict[int, Counter[str]] = {q.pk: Counter() for q in questions}
    for question_id, value in (
        QuestionnaireAnswer.objects.filter(question__questionnaire=found)
        .exclude(question__kind=QuestionKind.TEXT)
        .values_list("question_id", "value")
    ):
        counts[question_id][value] += 1
    answered = found.responses.count()
    sent = found.invites.count()
    return render(
        request,
        "involvement/staff/questionnaire.html",
        {
            "questionnaire": found,
            "questions": [(q, sorted(counts[q.pk].items())) for q in questions],
            "form": form,
            "answered": answered,
            "sent": sent,
            "response_rate": round(answered * 100 / sent, 1) if sent else None,
        },
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def spot_checks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "involvement/staff/spot_checks.html",
        {"page": paginate(request, SpotCheck.objects.select_related("block"), 25)},
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def spot_check_new(request: HttpRequest) -> HttpResponseBase:
    form = SpotCheckForm(_post(request), initial={"checked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        block = data.pop("block")
        check = services.record_spot_check(
            **data, block_id=block.pk if block else None, actor=actor_of(request.user)
        )
        return redirect("involvement:spot-check", ref=check.ref)
    return render(
        request,
        "involvement/staff/form.html",
        {
            "form": form,
            "heading": _("Record a spot check"),
            "back": reverse("involvement:spot-checks"),
        },
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def spot_check(request: HttpRequest, ref: str) -> HttpResponseBase:
    check = get_object_or_404(SpotCheck.objects.select_related("block"), ref=ref)
    form = ActionForm(_post(request))
    if request.method == "POST" and form.is_valid():
        services.add_action(spot_check=check, **form.cleaned_data, actor=actor_of(request.user))
        messages.success(request, _("Action added"))
        return redirect("involvement:spot-check", ref=check.ref)
    return render(
        request,
        "involvement/staff/spot_check.html",
        {
            "check": check,
            "actions": check.actions.all(),
            "form": form,
            "events": events_for(check),
        },
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def action_done(request: HttpRequest, pk: int) -> HttpResponseBase:
    action = get_object_or_404(FollowUpAction.objects.select_related("spot_check", "review"), pk=pk)
    if request.method == "POST":
        try:
            services.complete_action(
                action=action, done_on=timezone.localdate(), actor=actor_of(request.user)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Action marked as done"))
    if action.spot_check is not None:
        return redirect("involvement:spot-check", ref=action.spot_check.ref)
    assert action.review is not None
    return redirect("involvement:review", pk=action.review.pk)
