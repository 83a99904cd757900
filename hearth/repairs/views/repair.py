"""A repair as staff see it, and the pages that change it. Each change page collects what one
service needs, and the service does the rest (timeline, messages, contact log)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import calendar, formats
from hearth.core.access import staff_view
from hearth.core.action_page import action_page
from hearth.core.casework import actor_of
from hearth.core.permissions import Can, can
from hearth.core.queries import messages_about
from hearth.core.timeline import events_for
from hearth.repairs import people, queries, services, slots
from hearth.repairs.forms import (
    AssignForm,
    CancelAppointmentForm,
    CancelRepairForm,
    CostForm,
    DampStepForm,
    PriorityForm,
    RechargeDecisionForm,
    RechargeForm,
    SatisfactionForm,
    SlotForm,
    UpdateForm,
    VisitForm,
)
from hearth.repairs.models import RepairPhoto, RepairSettings, ReportChannel, Status
from hearth.repairs.services.appointments import needed_trade
from hearth.repairs.services.costs import committed_cost


@staff_view(Can.LOG_REPAIRS)
def repair(request: HttpRequest, ref: str) -> HttpResponse:
    record = queries.get_repair_for_staff(ref)
    household = people.household(record)
    cost_lines = list(record.cost_lines.select_related("approval", "visit"))
    visit_costs: dict[int, Decimal] = {}
    for line in cost_lines:
        if line.visit_id and line.is_committed:
            visit_costs[line.visit_id] = visit_costs.get(line.visit_id, Decimal("0")) + line.total
    return render(
        request,
        "repairs/staff/repair.html",
        {
            "repair": record,
            "alerts": people.alerts_for([record], household),
            "household": household,
            "support_needs": people.support_needs(request.user, household, request.path),
            "state": queries.repair_state(record),
            "clocks": queries.clocks(record),
            "compensation": queries.compensation_owed(record),
            "appointments": list(record.appointments.select_related("operative")),
            "late_appointment": record.appointments.filter(
                outcome="pending", date__gt=record.due_on
            ).first(),
            "visits": [
                {"visit": v, "cost": visit_costs.get(v.pk)}
                for v in record.visits.select_related("operative", "follow_on").prefetch_related(
                    "photos"
                )
            ],
            "cost_lines": cost_lines,
            "cost": committed_cost(record),
            "approvals": list(record.spend_approvals.select_related("requested_by", "decided_by")),
            "recharge": getattr(record, "recharge", None),
            "satisfaction": getattr(record, "satisfaction", None),
            "photos": list(record.photos.all()),
            "events": events_for(record),
            "messages_sent": messages_about(record)[:20],
            "can_manage": can(request.user, Can.MANAGE_REPAIRS),
            "can_visit": can(request.user, Can.RECORD_VISITS),
            "can_approve": can(request.user, Can.APPROVE_SPEND),
            "is_open": record.status == Status.OPEN,
        },
    )


def _action(
    request: HttpRequest,
    ref: str,
    form_class: Callable[..., forms.Form],
    perform: Callable[[Any, forms.Form], Any],
    *,
    title: str,
    submit: str,
    done: str,
    form_kwargs: dict[str, Any] | None = None,
    intro: str = "",
    multipart: bool = False,
    open_only: bool = True,
) -> HttpResponse:
    """One change to a repair, on the one staff action page: show the form, and on a valid
    POST call the service. (`multipart` is kept for the callers; the page works it out.)"""
    record = queries.get_repair_for_staff(ref)
    if open_only and record.status != Status.OPEN:
        messages.success(request, _("This repair is no longer open."))
        return redirect(record)
    return action_page(
        request,
        form_class=form_class,
        run=lambda form: perform(record, form),
        title=title,
        submit=submit,
        success=done,
        caption=f"{record.ref}: {record.summary}",
        back_url=record.get_absolute_url(),
        back_label=_("Back to the repair"),
        intro=intro,
        form_kwargs=form_kwargs,
        extra={"repair": record},
        case=record,
    )


@staff_view(Can.MANAGE_REPAIRS)
def change_priority(request: HttpRequest, ref: str) -> HttpResponse:
    return _action(
        request, ref, PriorityForm,
        lambda r, f: services.change_priority(repair=r, priority=f.cleaned_data["priority"],
                                              reason=f.cleaned_data["reason"], actor=actor_of(request.user)),
        title=_("Change the priority"), submit=_("Change priority"),
        done=_("Priority changed; the due date has been worked out again."),
    )  # fmt: skip


@staff_view(Can.MANAGE_REPAIRS)
def assign(request: HttpRequest, ref: str) -> HttpResponse:
    return _action(
        request, ref, AssignForm,
        lambda r, f: services.assign_repair(repair=r, operative=f.chosen(), actor=actor_of(request.user)),  # type: ignore[attr-defined]
        title=_("Assign to an operative"), submit=_("Assign"), done=_("Repair assigned."),
    )  # fmt: skip


def offers_for(record: Any) -> list[slots.SlotOffer]:
    """The slots with a place left, from the next working day to the booking horizon."""
    today = timezone.localdate()
    horizon = calendar.add_working_days(today, RepairSettings.current().booking_days)
    return slots.availability(
        trade=needed_trade(record), start=calendar.next_working_day(today), end=horizon
    )


@staff_view(Can.LOG_REPAIRS)
def book(request: HttpRequest, ref: str) -> HttpResponse:
    """Offer the resident the slots with places left (on the phone) and book the one chosen.
    With ?appointment=REF it moves that appointment instead."""
    record = queries.get_repair_for_staff(ref)
    moving = None
    if request.GET.get("appointment"):
        moving = record.appointments.filter(
            ref=request.GET["appointment"], outcome="pending"
        ).first()
        if moving is None:
            raise Http404("Not found")

    def perform(r: Any, f: forms.Form) -> Any:
        day, slot = f.chosen()  # type: ignore[attr-defined]
        reason = f.cleaned_data.get("late_reason") or ""
        if moving is not None:
            return services.reschedule_appointment(appointment=moving, day=day, slot=slot, late_reason=reason,
                                                   actor=actor_of(request.user), by_resident=True)  # fmt: skip
        return services.book_appointment(repair=r, day=day, slot=slot, late_reason=reason,
                                         actor=actor_of(request.user))  # fmt: skip

    offers = offers_for(record)
    return _action(
        request, ref, SlotForm, perform, form_kwargs={"offers": offers, "due_on": record.due_on},
        title=_("Move the appointment") if moving else _("Book an appointment"),
        submit=_("Book this time"),
        done=_("Appointment booked. The resident has been sent a confirmation."),
        intro="" if offers else _("There are no places left in the next few weeks for this trade."),
    )  # fmt: skip


@staff_view(Can.LOG_REPAIRS)
def cancel_appointment(request: HttpRequest, ref: str, appointment_ref: str) -> HttpResponse:
    record = queries.get_repair_for_staff(ref)
    appointment = record.appointments.filter(ref=appointment_ref).first()
    if appointment is None:
        raise Http404("Not found")
    return _action(
        request, ref, CancelAppointmentForm,
        lambda r, f: services.cancel_appointment(
            appointment=appointment, actor=actor_of(request.user),
            by_resident=f.cleaned_data["by"] == "resident", reason=f.cleaned_data["reason"]),
        title=_("Cancel the appointment on %(when)s") % {"when": appointment},
        submit=_("Cancel appointment"), done=_("Appointment cancelled. The resident has been told."),
    )  # fmt: skip


@staff_view(Can.RECORD_VISITS)
def record_visit(request: HttpRequest, ref: str) -> HttpResponse:
    @transaction.atomic
    def perform(r: Any, f: forms.Form) -> Any:
        data = f.cleaned_data
        actor = actor_of(request.user)
        photo = services.accept_photo(upload=data["photo"], actor=actor) if data["photo"] else None
        return services.record_visit(
            repair=r, actor=actor, outcome=data["outcome"], visited_at=f.visited_at(),  # type: ignore[attr-defined]
            notes=data["notes"], further_work=data["further_work"] or "",
            further_trade=data["further_trade"] or "", materials=data["materials"] or "",
            card_left=bool(data["card_left"]), phoned=bool(data["phoned"]), photo=photo,
        )  # fmt: skip

    record = queries.get_repair_for_staff(ref)
    if record.status != Status.OPEN:
        messages.success(request, _("This repair is no longer open."))
        return redirect(record)
    return action_page(
        request, form_class=VisitForm, run=lambda form: perform(record, form),
        title=_("Record a visit"), submit=_("Save visit"),
        success=_("Visit recorded. The resident has been told what happens next."),
        caption=f"{record.ref}: {record.summary}", back_url=record.get_absolute_url(),
        back_label=_("Back to the repair"), extra={"repair": record},
        template="repairs/staff/visit.html",
    )  # fmt: skip


@staff_view(Can.LOG_REPAIRS)
def update_resident(request: HttpRequest, ref: str) -> HttpResponse:
    def perform(r: Any, f: forms.Form) -> Any:
        data = f.cleaned_data
        if data["how"] == "message":
            return services.send_progress_update(
                repair=r, actor=actor_of(request.user), update=data["update"]
            )
        return services.record_repair_contact(repair=r, actor=actor_of(request.user), notes=data["update"],
                                              channel="phone" if data["how"] == "phone" else "in_person")  # fmt: skip

    return _action(
        request, ref, UpdateForm, perform, title=_("Update the resident"), submit=_("Save"),
        done=_("Update recorded."), open_only=False,
    )  # fmt: skip


@staff_view(Can.RECORD_VISITS)
def add_cost(request: HttpRequest, ref: str) -> HttpResponse:
    visits = list(queries.get_repair_for_staff(ref).visits.order_by("-visited_at"))

    def perform(r: Any, f: forms.Form) -> Any:
        data = f.cleaned_data
        visit = next((v for v in visits if str(v.pk) == data["visit"]), None)
        line = services.add_cost_line(repair=r, actor=actor_of(request.user), rate=data["rate"],
                                      quantity=data["quantity"], description=data["description"],
                                      unit_price=data["unit_price"], visit=visit)  # fmt: skip
        if line.approval_id:
            messages.success(
                request,
                _("This takes the repair over your spend limit, so a manager must approve it."),
            )
        return line

    return _action(
        request, ref, CostForm, perform, title=_("Add a cost"), submit=_("Add cost"),
        done=_("Cost added."), open_only=False, form_kwargs={"visits": visits},
    )  # fmt: skip


@staff_view(Can.MANAGE_REPAIRS)
def recharge(request: HttpRequest, ref: str) -> HttpResponse:
    record = queries.get_repair_for_staff(ref)
    existing = getattr(record, "recharge", None)
    if existing is not None:
        return _action(
            request, ref, RechargeDecisionForm,
            lambda r, f: services.decide_recharge(recharge=existing, actor=actor_of(request.user),
                                                  charge=f.cleaned_data["decision"] == "charge"),
            title=_("Charge or waive %(a)s") % {"a": formats.money(existing.amount)}, submit=_("Save decision"),
            done=_("Recharge decided."), open_only=False, intro=existing.reason,
        )  # fmt: skip
    return _action(
        request, ref, RechargeForm,
        lambda r, f: services.raise_recharge(repair=r, actor=actor_of(request.user),
                                             amount=f.cleaned_data["amount"], reason=f.cleaned_data["reason"]),
        title=_("Recharge the resident"), submit=_("Propose recharge"), done=_("Recharge proposed."),
        open_only=False,
    )  # fmt: skip


@staff_view(Can.MANAGE_REPAIRS)
def cancel_repair(request: HttpRequest, ref: str) -> HttpResponse:
    return _action(
        request, ref, CancelRepairForm,
        lambda r, f: services.cancel_repair(repair=r, actor=actor_of(request.user), reason=f.cleaned_data["reason"],
                                            by_resident=f.cleaned_data["by_resident"]),
        title=_("Cancel the repair"), submit=_("Cancel repair"), done=_("Repair cancelled."),
        intro=_("Cancelled repairs are left out of every repair measure."),
    )  # fmt: skip


@staff_view(Can.LOG_REPAIRS)
def damp_step(request: HttpRequest, ref: str) -> HttpResponse:
    def perform(r: Any, f: forms.Form) -> Any:
        data = f.cleaned_data
        significant = {"yes": True, "no": False}.get(data.get("significant") or "")
        if data["step"] == services.DampStep.INVESTIGATED and significant is None:
            raise ValidationError({"significant": _("Say whether there is a significant hazard")})
        return services.record_damp_mould_step(repair=r, actor=actor_of(request.user), step=data["step"],
                                               on=data["on"], significant_hazard=significant)  # fmt: skip

    return _action(
        request, ref, DampStepForm, perform, title=_("Damp and mould: record a step"),
        submit=_("Save"), done=_("Saved. The Awaab's Law clocks have moved on."), open_only=False,
    )  # fmt: skip


@staff_view(Can.LOG_REPAIRS)
def satisfaction(request: HttpRequest, ref: str) -> HttpResponse:
    return _action(
        request, ref, SatisfactionForm,
        lambda r, f: services.record_satisfaction(repair=r, actor=actor_of(request.user), answer=f.cleaned_data["answer"],
                                                  comment=f.cleaned_data["comment"], channel=ReportChannel.PHONE),
        title=_("Record the resident's satisfaction"), submit=_("Save answer"),
        done=_("Answer saved."), open_only=False,
    )  # fmt: skip


@staff_view(Can.RECORD_VISITS)
def on_the_way(request: HttpRequest, ref: str, appointment_ref: str) -> HttpResponse:
    record = queries.get_repair_for_staff(ref)
    appointment = record.appointments.filter(ref=appointment_ref, outcome="pending").first()
    if appointment is None:
        raise Http404("Not found")
    if request.method == "POST":
        services.tell_resident_on_the_way(appointment=appointment, actor=actor_of(request.user))
        messages.success(request, _("The resident has been told you are on your way."))
    back = str(request.POST.get("next", ""))
    return redirect(back) if back.startswith("/staff/") else redirect(record)


@staff_view(Can.LOG_REPAIRS)
def photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = RepairPhoto.objects.filter(pk=pk, repair__isnull=False).first()
    if found is None:
        raise Http404("Not found")
    return FileResponse(found.image.open("rb"), content_type=found.content_type)
