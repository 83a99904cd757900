"""Recording a check (with its certificate), a check's page, downloading its certificate,
copies for the tenant, remedial actions and the check frequencies."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.action_page import action_page
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.paging import paginate
from hearth.core.permissions import can
from hearth.core.timeline import events_for
from hearth.estates.models import Block, Home
from hearth.safety import queries, services
from hearth.safety.forms import (
    CheckForm,
    CompleteActionForm,
    CopyForm,
    FrequencyForm,
    HazardPhaseForm,
    MitigationForm,
)
from hearth.safety.models import ActionStatus, CheckType, RemedialAction, RiskLevel, SafetyCheck
from hearth.safety.permissions import SafetyCan


@staff_view(SafetyCan.MANAGE_SAFETY)
def record_check(request: HttpRequest, code: str) -> HttpResponse:
    check_type = queries.get_check_type(code)
    place: Home | Block
    if check_type.applies_to == "home":
        place = get_object_or_404(Home, pk=request.GET.get("home") or 0)
        back = reverse("safety:home", args=[place.pk])
    else:
        place = get_object_or_404(Block, pk=request.GET.get("block") or 0)
        back = reverse("safety:block", args=[place.pk])
    posted = request.method == "POST"
    form = CheckForm(request.POST if posted else None, request.FILES if posted else None,
                     kind=check_type.kind)  # fmt: skip
    if posted and form.is_valid():
        data = form.cleaned_data
        findings = [
            services.FindingInput(data["finding"], line.strip(), data["risk_level"])
            for line in data["defects"].splitlines()
            if line.strip()
        ]
        try:
            check = services.record_check(
                actor=actor_of(request.user), check_type=check_type,
                home=place if isinstance(place, Home) else None,
                block=place if isinstance(place, Block) else None,
                done_on=data["done_on"], outcome=data["outcome"], contractor=data["contractor"],
                engineer=data["engineer"], asset_ref=data.get("asset_ref", ""),
                certificate=data["certificate"] or None, certificate_ref=data["certificate_ref"],
                next_due_on=data["next_due_on"], risk=data.get("risk", ""), notes=data["notes"],
                findings=findings,
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error, rename={"findings": "defects"})
        else:
            messages.success(request, _("Check recorded. Next due %(due)s.") % {
                "due": f"{check.next_due_on:%-d %B %Y}"})  # fmt: skip
            return redirect("safety:check", ref=check.ref)
    return render(
        request,
        "safety/staff/record_check.html",
        {"form": form, "check_type": check_type, "place": place, "back": back},
    )


def _check(ref: str) -> SafetyCheck:
    return get_object_or_404(
        SafetyCheck.objects.select_related("home", "block", "recorded_by"), ref=ref
    )


@staff_view(SafetyCan.VIEW_SAFETY)
def check(request: HttpRequest, ref: str) -> HttpResponse:
    record = _check(ref)
    return render(
        request,
        "safety/staff/check.html",
        {
            "check": record,
            "actions": record.actions.all(),
            "copies": record.copies.select_related("tenancy"),
            "attempts": record.attempts.all(),
            "events": events_for(record),
            "can_manage": can(request.user, SafetyCan.MANAGE_SAFETY),
            "today": timezone.localdate(),
        },
    )


@staff_view(SafetyCan.VIEW_SAFETY)
def certificate(request: HttpRequest, ref: str) -> FileResponse:
    record = _check(ref)
    if not record.certificate:
        raise Http404("Not found")
    return FileResponse(
        record.certificate.open("rb"), content_type="application/pdf", as_attachment=True,
        filename=f"{record.ref}.pdf",
    )  # fmt: skip


@staff_view(SafetyCan.MANAGE_SAFETY)
def give_copy(request: HttpRequest, ref: str) -> HttpResponse:
    record = _check(ref)
    return action_page(
        request, form_class=CopyForm, initial={"occasion": "after_check"},
        run=lambda form: services.give_record_copy(
            actor=actor_of(request.user), check=record, occasion=form.cleaned_data["occasion"],
            handed_over_on=form.cleaned_data["handed_over_on"]),
        back_url=reverse("safety:check", args=[ref]), title=_("Give the tenant a copy"),
        caption=f"{record.ref}: {record.get_kind_display()}", submit=_("Record the copy"),
        success=_("Copy recorded."),
        intro=_("The tenant must have a copy within 28 days of the check, and a new tenant before they move in."),
    )  # fmt: skip


@staff_view(SafetyCan.VIEW_SAFETY)
def actions(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = queries.open_actions()
    risk = request.GET.get("risk", "")
    if risk in RiskLevel.values:
        rows = rows.filter(risk=risk)
    if request.GET.get("overdue"):
        rows = rows.filter(due_on__lt=today)
    return render(
        request,
        "safety/staff/actions.html",
        {"page": paginate(request, rows, 50), "today": today, "risk": risk,
         "risks": RiskLevel.choices, "overdue": bool(request.GET.get("overdue"))},
    )  # fmt: skip


def _action(ref: str) -> RemedialAction:
    return get_object_or_404(
        RemedialAction.objects.select_related(
            "safety_check", "safety_check__home", "safety_check__block"
        ),
        ref=ref,
    )


@staff_view(SafetyCan.VIEW_SAFETY)
def action(request: HttpRequest, ref: str) -> HttpResponse:
    record = _action(ref)
    today = timezone.localdate()
    return render(
        request,
        "safety/staff/action.html",
        {
            "action": record,
            "overdue": record.status == ActionStatus.OPEN and record.due_on < today,
            "events": events_for(record),
            "can_manage": can(request.user, SafetyCan.MANAGE_SAFETY),
        },
    )


@staff_view(SafetyCan.MANAGE_SAFETY)
def mitigate(request: HttpRequest, ref: str) -> HttpResponse:
    record = _action(ref)
    return action_page(
        request, form_class=MitigationForm,
        run=lambda form: services.record_mitigation(actor=actor_of(request.user), action=record,
                                                    mitigation=form.cleaned_data["mitigation"]),
        back_url=reverse("safety:action", args=[ref]), title=_("Record an interim mitigation"),
        caption=f"{record.ref}: {record.description[:80]}", submit=_("Save"), success=_("Mitigation recorded."),
    )  # fmt: skip


@staff_view(SafetyCan.MANAGE_SAFETY)
def complete(request: HttpRequest, ref: str) -> HttpResponse:
    record = _action(ref)
    return action_page(
        request, form_class=CompleteActionForm,
        run=lambda form: services.complete_action(
            actor=actor_of(request.user), action=record, completed_on=form.cleaned_data["completed_on"],
            mitigation=form.cleaned_data["mitigation"]),
        back_url=reverse("safety:action", args=[ref]), title=_("The work is done"),
        caption=f"{record.ref}: {record.description[:80]}", submit=_("Close the action"),
        success=_("Action closed."),
    )  # fmt: skip


@staff_view(SafetyCan.MANAGE_SAFETY)
def frequencies(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "safety/staff/frequencies.html",
        {
            "types": CheckType.objects.all(),
            "hazards": queries.awaab_hazards().order_by("phase", "code"),
        },
    )


@staff_view(SafetyCan.MANAGE_SAFETY)
def frequency(request: HttpRequest, code: str) -> HttpResponse:
    check_type = queries.get_check_type(code)

    def perform(form: FrequencyForm) -> Any:
        return services.set_frequency(actor=actor_of(request.user), check_type=check_type,
                                      frequency_months=form.cleaned_data["frequency_months"])  # fmt: skip

    return action_page(
        request, form_class=FrequencyForm, run=perform, back_url=reverse("safety:frequencies"),
        initial={"frequency_months": check_type.frequency_months},
        title=_("How often: %(name)s") % {"name": check_type.name}, caption=_("Check frequencies"),
        submit=_("Save"), success=_("Frequency saved. It applies to checks recorded from now on."),
    )  # fmt: skip


@staff_view(SafetyCan.MANAGE_SAFETY)
def hazard_phase(request: HttpRequest, phase: int) -> HttpResponse:
    hazards = list(queries.awaab_hazards().filter(phase=phase))
    if not hazards:
        raise Http404("Not found")
    return action_page(
        request, form_class=HazardPhaseForm, initial={"in_force_from": hazards[0].in_force_from},
        run=lambda form: services.set_hazard_phase_start(
            actor=actor_of(request.user), phase=phase, in_force_from=form.cleaned_data["in_force_from"]),
        back_url=reverse("safety:frequencies"),
        title=_("When Awaab's Law phase %(n)s comes in") % {"n": phase},
        caption=_("Awaab's Law hazards"), submit=_("Save"),
        intro=[", ".join(h.name for h in hazards),
               _("Repairs about these hazards reported on or after this day get the statutory clocks. "
                 "Confirm the date the government set before relying on it.")],
        success=_("Saved. Repairs reported from that day get the clocks."),
    )  # fmt: skip
