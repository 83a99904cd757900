"""After the response: what we learned, outstanding actions, compensation paid, and the annual
self-assessment against the Code."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.complaints import services
from hearth.complaints.forms import ActionForm, DoneForm, LearningForm, SelfAssessmentForm
from hearth.complaints.models import (
    ComplaintAction,
    Remedy,
    RemedyKind,
    SelfAssessmentAnswer,
    financial_year_of,
)
from hearth.complaints.self_assessment import REQUIREMENTS
from hearth.complaints.views._common import action_page, complaint_for
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.permissions import Can


@staff_view(Can.HANDLE_COMPLAINTS)
def learning(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = complaint_for(request, ref)
    return action_page(
        request,
        complaint,
        form_class=LearningForm,
        title=_("What we learned"),
        submit=_("Save"),
        initial={
            "root_cause": complaint.root_cause,
            "lessons_learned": complaint.lessons_learned,
            "improvement": complaint.improvement,
        },
        perform=lambda form: services.record_learning(
            complaint=complaint, actor=actor_of(request.user), **form.cleaned_data
        ),
        success=_("Learning saved."),
    )


@staff_view(Can.HANDLE_COMPLAINTS)
def action_new(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = complaint_for(request, ref)
    return action_page(
        request,
        complaint,
        form_class=ActionForm,
        title=_("Add an outstanding action"),
        submit=_("Add the action"),
        initial={"owner": request.user.pk},
        perform=lambda form: services.add_action(
            complaint=complaint, actor=actor_of(request.user), **form.cleaned_data
        ),
        success=_("Action added."),
    )


@staff_view(Can.LOG_COMPLAINTS)
def action_done(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    complaint = complaint_for(request, ref)
    action = get_object_or_404(ComplaintAction, pk=pk, complaint=complaint)
    return action_page(
        request,
        complaint,
        form_class=DoneForm,
        title=_("Mark done: %(what)s") % {"what": action.description},
        submit=_("Mark as done"),
        perform=lambda form: services.complete_action(
            action=action, actor=actor_of(request.user), **form.cleaned_data
        ),
        success=_("Action done."),
    )


@staff_view(Can.HANDLE_COMPLAINTS)
def compensation_paid(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    complaint = complaint_for(request, ref)
    remedy = get_object_or_404(Remedy, pk=pk, complaint=complaint, kind=RemedyKind.COMPENSATION)
    if request.method != "POST":
        raise Http404("Not found")
    try:
        services.record_compensation_paid(remedy=remedy, actor=actor_of(request.user))
    except ValidationError as error:
        messages.success(request, " ".join(error.messages))
    else:
        messages.success(request, _("Compensation recorded as paid."))
    return redirect("complaints:detail", complaint.ref)


@staff_view(Can.MANAGE_COMPLAINTS)
def self_assessment(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The landlord's answers to the Code's self-assessment for a financial year (Code 8.2)."""
    year = year or financial_year_of(timezone.localdate())
    if not 2000 <= year <= 2100:
        raise Http404("Not found")
    found = {a.clause: a for a in SelfAssessmentAnswer.objects.filter(year=year)}
    if request.method == "POST":
        form = SelfAssessmentForm(request.POST, answers=found)
        if form.is_valid():
            try:
                services.save_self_assessment(
                    year=year, answers=form.answers(), actor=actor_of(request.user)
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Self-assessment saved."))
                return redirect("complaints:self-assessment", year)
    else:
        form = SelfAssessmentForm(answers=found)
    pairs = [(form[f"answer_{r.clause}"], form[f"evidence_{r.clause}"]) for r in REQUIREMENTS]
    return render(
        request,
        "complaints/staff/self_assessment.html",
        {"form": form, "pairs": pairs, "year": year, "answered": len(found)},
    )
