"""Managers' and administrators' repair pages: spend approvals, the schedule of rates, and
the priority times and spend limits."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.permissions import Can
from hearth.repairs import services
from hearth.repairs.forms import DecisionForm, RatesUploadForm, SettingsForm
from hearth.repairs.models import Rate, RepairSettings, SpendApproval, SpendDecision

ROLES = ("operative", "repairs_coordinator", "housing_officer")


@staff_view(Can.APPROVE_SPEND)
def approvals(request: HttpRequest) -> HttpResponse:
    waiting = list(
        SpendApproval.objects.filter(decision=SpendDecision.PENDING)
        .select_related("repair", "repair__home", "repair__block", "requested_by")
        .order_by("requested_at", "pk")[:200]
    )
    return render(request, "repairs/staff/approvals.html", {"waiting": waiting})


@staff_view(Can.APPROVE_SPEND)
def decide_approval(request: HttpRequest, pk: int) -> HttpResponse:
    approval = SpendApproval.objects.select_related("repair").filter(pk=pk).first()
    if approval is None:
        raise Http404("Not found")
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_spend_approval(
                approval=approval,
                actor=actor_of(request.user),
                approve=form.cleaned_data["decision"] == "yes",
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Decision recorded on the repair's timeline."))
            return redirect("repairs:approvals")
    lines = list(approval.lines.all())
    return render(
        request,
        "repairs/staff/approval.html",
        {"approval": approval, "repair": approval.repair, "form": form, "lines": lines},
    )


@staff_view(Can.LOG_REPAIRS)
def rates(request: HttpRequest) -> HttpResponse:
    """The schedule of rates; administrators and managers may upload a new one (CSV)."""
    from hearth.core.permissions import can

    may_upload = can(request.user, Can.MANAGE_SETTINGS) or can(request.user, Can.APPROVE_SPEND)
    form = RatesUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    problems: list[str] = []
    if request.method == "POST" and may_upload and form.is_valid():
        result = services.import_rates(
            data=form.cleaned_data["file"].read(), actor=actor_of(request.user)
        )
        if result.problems:
            problems = result.problems
            form.add_error("file", _("The file has problems, so no rates were changed"))
        else:
            messages.success(
                request,
                _("Schedule of rates loaded: %(c)s new, %(u)s changed.")
                % {"c": result.created, "u": result.updated},
            )
            return redirect("repairs:rates")
    return render(
        request,
        "repairs/staff/rates.html",
        {"rates": Rate.objects.all(), "form": form, "may_upload": may_upload, "problems": problems},
    )


@staff_view(Can.MANAGE_SETTINGS)
def repair_settings(request: HttpRequest) -> HttpResponse:
    current = RepairSettings.current()
    limits = current.spend_limits or {}
    initial = {
        "emergency_hours": current.emergency_hours,
        "urgent_days": current.urgent_days,
        "routine_days": current.routine_days,
        "planned_days": current.planned_days,
        "void_days": current.void_days,
        **{f"limit_{role}": Decimal(str(limits.get(role, "0"))) for role in ROLES},
    }
    form = SettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_repair_settings(
                actor=actor_of(request.user),
                emergency_hours=data["emergency_hours"],
                urgent_days=data["urgent_days"],
                routine_days=data["routine_days"],
                planned_days=data["planned_days"],
                void_days=data["void_days"],
                spend_limits={role: data[f"limit_{role}"] for role in ROLES},
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Repair settings saved. New repairs use them from now on."))
            return redirect("repairs:settings")
    return render(request, "repairs/staff/settings.html", {"form": form})
