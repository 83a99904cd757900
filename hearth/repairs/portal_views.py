"""Residents' repair pages: report a repair (a guided flow, one question per page, that stops
and gives the right number for an emergency we must not take online), see their repairs and
each one's timeline, book, move or cancel an appointment, and say how satisfied they are.

The reporting flow keeps its answers in the session until the resident checks them and sends
the report; photos are checked and stripped of location data as they are uploaded.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hearth.core import calendar
from hearth.core.access import resident_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.notifications import latest_to_resident, will_send
from hearth.core.timeline import events_for
from hearth.repairs import queries, rules, services, slots
from hearth.repairs.forms import SatisfactionForm, SlotForm, set_choices
from hearth.repairs.ics import appointment_from_token, appointment_ics
from hearth.repairs.models import (
    Area,
    CatalogueItem,
    EmergencyStop,
    Priority,
    RepairPhoto,
    RepairSettings,
    ReportChannel,
    Status,
)
from hearth.repairs.portal_forms import (
    SOMETHING_ELSE,
    AreaForm,
    DetailsForm,
    EmergencyForm,
    FixedForm,
    HeatingForm,
    PhotoForm,
    ProblemForm,
    ResponsibilityForm,
    WhereForm,
)
from hearth.repairs.services.photos import MAX_PHOTOS
from hearth.repairs.services.reporting import decide_priority
from hearth.tenancies.queries import current_tenancies_for_resident

KEY = "repair_report"
NOT_SUITABLE = "none"
# Residents are offered a time after the due date only when none is left before it (_offers),
# so that is the reason a late booking made online gives. Only stored when the time is late.
NO_EARLIER_TIME = _lazy("there was no appointment left before then")


def _answers(request: HttpRequest) -> dict[str, Any]:
    return dict(request.session.get(KEY) or {})


def _save(request: HttpRequest, **values: Any) -> None:
    answers = _answers(request)
    answers.update(values)
    request.session[KEY] = answers


def _tenancy(request: HttpRequest) -> Any:
    return current_tenancies_for_resident(request.user).first()


def _item(answers: dict[str, Any]) -> CatalogueItem | None:
    code = answers.get("problem")
    if not code or code == SOMETHING_ELSE:
        return None
    return CatalogueItem.objects.filter(code=code, active=True).first()


def _page(
    request: HttpRequest, template: str, form: Any, back: str, **context: Any
) -> HttpResponse:
    return render(request, f"repairs/portal/{template}", {"form": form, "back": back, **context})


@resident_view
def your_repairs(request: HttpRequest) -> HttpResponse:
    repairs = list(queries.repairs_for_resident(request.user).order_by("-reported_at")[:50])
    return render(
        request,
        "repairs/portal/your_repairs.html",
        {
            "open": [r for r in repairs if r.status == Status.OPEN],
            "closed": [r for r in repairs if r.status != Status.OPEN],
        },
    )


@resident_view
def report_start(request: HttpRequest) -> HttpResponse:
    """First, anything we must not take online."""
    if _tenancy(request) is None:
        return render(request, "repairs/portal/no_tenancy.html")
    if request.method == "GET" and "restart" in request.GET:
        request.session.pop(KEY, None)
    form = EmergencyForm(
        request.POST if request.method == "POST" else None,
        initial={"emergency": _answers(request).get("emergency")},
    )
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["emergency"]
        if choice != "none":
            return redirect("repairs_portal:emergency", kind=choice)
        _save(request, emergency="none")
        return redirect("repairs_portal:report-where")
    return _page(request, "emergency_question.html", form, "repairs_portal:list")


def emergency(request: HttpRequest, kind: str) -> HttpResponse:
    """Stop: call now. Public, so the numbers are there for anyone who lands here."""
    if kind not in EmergencyStop.values:
        raise Http404("Not found")
    return render(request, "repairs/portal/emergency.html", {"kind": kind})


@resident_view
def report_where(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if answers.get("emergency") != "none":
        return redirect("repairs_portal:report")
    form = WhereForm(
        request.POST if request.method == "POST" else None, initial={"where": answers.get("where")}
    )
    if request.method == "POST" and form.is_valid():
        where = form.cleaned_data["where"]
        _save(
            request, where=where, area=Area.COMMUNAL if where == "communal" else answers.get("area")
        )
        return redirect(
            "repairs_portal:report-problem" if where == "communal" else "repairs_portal:report-area"
        )
    return _page(request, "question.html", form, "repairs_portal:report")


@resident_view
def report_area(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if not answers.get("where"):
        return redirect("repairs_portal:report-where")
    form = AreaForm(
        request.POST if request.method == "POST" else None, initial={"area": answers.get("area")}
    )
    if request.method == "POST" and form.is_valid():
        _save(request, area=form.cleaned_data["area"], problem=None)
        return redirect("repairs_portal:report-problem")
    return _page(request, "question.html", form, "repairs_portal:report-where")


@resident_view
def report_problem(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if not answers.get("area"):
        return redirect("repairs_portal:report-where")
    items = list(CatalogueItem.objects.filter(area=answers["area"], active=True))
    form = ProblemForm(
        request.POST if request.method == "POST" else None,
        items=items,
        initial={"problem": answers.get("problem")},
    )
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["problem"]
        _save(request, problem=code, rechargeable=False, no_heating=None, at_risk=False,
              household=None, lost=None)  # fmt: skip
        item = _item({"problem": code})
        if item is not None and item.emergency_stop:
            return redirect("repairs_portal:emergency", kind=item.emergency_stop)
        if item is not None and item.resident_responsibility:
            return redirect("repairs_portal:report-responsibility")
        if _asks_about_heating(_answers(request)):
            return redirect("repairs_portal:report-heating")
        return redirect("repairs_portal:report-details")
    back = (
        "repairs_portal:report-where"
        if answers["area"] == Area.COMMUNAL
        else "repairs_portal:report-area"
    )
    return _page(request, "question.html", form, back)


def _asks_about_heating(answers: dict[str, Any]) -> bool:
    """Heating and hot water: a loss-of-heating repair, or "Something else" with them."""
    if answers.get("area") != Area.HEATING:
        return False
    item = _item(answers)
    return answers.get("problem") == SOMETHING_ELSE or bool(item and item.seasonal_heating)


@resident_view
def report_heating(request: HttpRequest) -> HttpResponse:
    """The questions that decide how soon we come: is the heating or hot water out, and does
    anyone at risk from the cold live there. Never "we will contact you"."""
    answers = _answers(request)
    if not _asks_about_heating(answers):
        return redirect("repairs_portal:report-problem")
    form = HeatingForm(
        request.POST if request.method == "POST" else None,
        ask_lost=answers.get("problem") == SOMETHING_ELSE,
        initial={"lost": answers.get("lost"), "household": answers.get("household")},
    )
    if request.method == "POST" and form.is_valid():
        _save(request, **form.answers())
        return redirect("repairs_portal:report-details")
    return _page(request, "heating.html", form, "repairs_portal:report-problem")


@resident_view
def report_responsibility(request: HttpRequest) -> HttpResponse:
    """A repair the tenancy agreement makes the resident's: explained, with the option of
    asking us to do it as a rechargeable repair."""
    answers = _answers(request)
    item = _item(answers)
    if item is None or not item.resident_responsibility:
        return redirect("repairs_portal:report-problem")
    form = ResponsibilityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["choice"] == "myself":
            request.session.pop(KEY, None)
            return render(request, "repairs/portal/do_it_yourself.html", {"item": item})
        _save(request, rechargeable=True)
        return redirect("repairs_portal:report-details")
    return _page(request, "responsibility.html", form, "repairs_portal:report-problem", item=item)


@resident_view
def report_details(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if not answers.get("problem"):
        return redirect("repairs_portal:report-problem")
    form = DetailsForm(
        request.POST if request.method == "POST" else None,
        needs_description=answers["problem"] == SOMETHING_ELSE,
        initial={k: answers.get(k, "") for k in ("description", "location", "access_notes")},
    )
    if request.method == "POST" and form.is_valid():
        _save(request, **form.cleaned_data)
        return redirect("repairs_portal:report-photos")
    back = (
        "repairs_portal:report-heating"
        if _asks_about_heating(answers)
        else "repairs_portal:report-problem"
    )
    return _page(request, "details.html", form, back)


@resident_view
def report_photos(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if "description" not in answers:
        return redirect("repairs_portal:report-details")
    photo_ids: list[int] = list(answers.get("photos") or [])
    form = PhotoForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and "remove" in request.POST:
        gone = str(request.POST["remove"])
        photo_ids = [p for p in photo_ids if str(p) != gone]
        RepairPhoto.objects.filter(
            pk=gone, uploaded_by_id=request.user.pk, repair__isnull=True
        ).delete()
        _save(request, photos=photo_ids)
        return redirect("repairs_portal:report-photos")
    if request.method == "POST" and form.is_valid():
        if len(photo_ids) >= MAX_PHOTOS:
            form.add_error("photo", _("You can add up to %(n)s photos") % {"n": MAX_PHOTOS})
        else:
            try:
                photo = services.accept_photo(
                    upload=form.cleaned_data["photo"], actor=actor_of(request.user)
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                _save(request, photos=[*photo_ids, photo.pk])
                return redirect("repairs_portal:report-photos")
    photos = list(RepairPhoto.objects.filter(pk__in=photo_ids, uploaded_by_id=request.user.pk))
    return _page(request, "photos.html", form, "repairs_portal:report-details", photos=photos)


def _due_estimate(answers: dict[str, Any], tenancy: Any) -> tuple[str, Any]:
    item = _item(answers)
    now = timezone.now()
    priority, _why = decide_priority(
        item=item, chosen=None, no_heating_or_hot_water=answers.get("no_heating"),
        told_at_risk=bool(answers.get("at_risk")), tenancy=tenancy, reported_at=now,
    )  # fmt: skip
    rtr = item.rtr_days_on(timezone.localdate()) if item else None
    if not rules.right_to_repair_applies(getattr(tenancy, "tenure", None)):
        rtr = None
    due = rules.repair_due_dates(reported_at=now, priority=priority, rtr_days=rtr,
                                 times=RepairSettings.current().times)  # fmt: skip
    return priority, due.due_on


def _offers(trade: str, due_on: Any) -> list[slots.SlotOffer]:
    """Slots up to the due date; if none is left by then, the soonest ones we have."""
    start = calendar.next_working_day(timezone.localdate())
    horizon = calendar.add_working_days(timezone.localdate(), RepairSettings.current().booking_days)
    offers = slots.availability(trade=trade, start=start, end=horizon)
    in_time = [o for o in offers if o.date <= due_on]
    return (in_time or offers)[:24]


@resident_view
def report_appointment(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    if "description" not in answers:
        return redirect("repairs_portal:report-details")
    priority, due_on = _due_estimate(answers, _tenancy(request))
    if priority == Priority.EMERGENCY:
        _save(request, slot=None)
        return redirect("repairs_portal:report-check")
    item = _item(answers)
    offers = _offers(item.trade if item else "", due_on)
    form = SlotForm(
        request.POST if request.method == "POST" else None,
        offers=offers,
        due_on=due_on,
        ask_reason=False,
        initial={"slot": answers.get("slot")},
    )
    not_suitable = (NOT_SUITABLE, _("None of these: please contact me to arrange a time"))
    set_choices(form, "slot", [*form.fields["slot"].choices, not_suitable])  # type: ignore[attr-defined]
    form.fields["slot"].label = _("When can we come?")
    if request.method == "POST" and form.is_valid():
        value = form.cleaned_data["slot"]
        _save(request, slot=None if value == NOT_SUITABLE else value)
        return redirect("repairs_portal:report-check")
    late = any(rules.appointment_is_late(day=o.date, due_on=due_on) for o in offers)
    return _page(request, "appointment.html", form, "repairs_portal:report-photos", due_on=due_on,
                 late=late)  # fmt: skip


@resident_view
def report_check(request: HttpRequest) -> HttpResponse:
    answers = _answers(request)
    tenancy = _tenancy(request)
    if "description" not in answers or tenancy is None:
        return redirect("repairs_portal:report")
    item = _item(answers)
    priority, due_on = _due_estimate(answers, tenancy)
    parsed = slots.parse_slot_value(answers["slot"]) if answers.get("slot") else None
    photos = list(RepairPhoto.objects.filter(pk__in=answers.get("photos") or [], uploaded_by_id=request.user.pk,
                                             repair__isnull=True))  # fmt: skip
    if request.method == "POST":
        communal = answers.get("where") == "communal"
        repair = services.raise_repair(
            actor=actor_of(request.user),
            home=None if communal else tenancy.home,
            block=tenancy.home.block if communal else None,
            tenancy=None if communal else tenancy,
            reporter=request.user.person,  # type: ignore[union-attr]
            description=answers.get("description") or (item.name if item else ""),
            channel=ReportChannel.PORTAL,
            catalogue_item=item,
            location=answers.get("location") or "",
            access_notes=answers.get("access_notes") or "",
            rechargeable=bool(answers.get("rechargeable")),
            photos=photos,
            no_heating_or_hot_water=answers.get("no_heating"),
            told_at_risk_from_cold=bool(answers.get("at_risk")),
        )
        request.session.pop(KEY, None)
        if parsed is not None:
            try:
                services.book_appointment(
                    repair=repair,
                    day=parsed[0],
                    slot=parsed[1],
                    actor=actor_of(request.user),
                    late_reason=str(NO_EARLIER_TIME),
                )
            except ValidationError:
                messages.success(
                    request,
                    _(
                        "We have your repair, but the time you chose has just been taken. Please choose another."
                    ),
                )
                return redirect("repairs_portal:book", ref=repair.ref)
        return redirect("repairs_portal:report-done", ref=repair.ref)
    return render(
        request,
        "repairs/portal/check.html",
        {"answers": answers, "item": item, "priority": Priority(priority).label, "is_emergency": priority == Priority.EMERGENCY, "due_on": due_on,
         "slot": parsed, "photos": photos, "area": Area(answers["area"]).label if answers.get("area") else "",
         "home": tenancy.home, "heating": _heating_answers(answers)},
    )  # fmt: skip


def _heating_answers(answers: dict[str, Any]) -> list[str]:
    """The heating page's answers in the resident's words, for "Check your answers"."""
    if not answers.get("household"):
        return []
    form = HeatingForm(ask_lost=True)
    lost = dict(form.fields["lost"].choices)  # type: ignore[attr-defined]
    household = dict(form.fields["household"].choices)  # type: ignore[attr-defined]
    said = [str(lost[answers["lost"]])] if answers.get("lost") in lost else []
    return said + [str(household[h]) for h in answers["household"] if h in household]


@resident_view
def report_done(request: HttpRequest, ref: str) -> HttpResponse:
    repair = queries.get_repair_for_resident(request.user, ref)
    return render(
        request,
        "repairs/portal/done.html",
        {
            "repair": repair,
            "appointment": queries.pending_appointment(repair),
            # Only say we sent a confirmation when it went, or is going (issue #15).
            "confirmation_sent": will_send(latest_to_resident(repair)),
        },
    )


@resident_view
def repair(request: HttpRequest, ref: str) -> HttpResponse:
    record = queries.get_repair_for_resident(request.user, ref)
    return render(
        request,
        "repairs/portal/repair.html",
        {
            "repair": record,
            "state": queries.repair_state(record),
            "appointment": queries.pending_appointment(record),
            "appointments": list(record.appointments.all()),
            "events": events_for(record, resident_view=True),
            "satisfaction": getattr(record, "satisfaction", None),
            "photos": list(record.photos.all()),
            "can_book": record.status == Status.OPEN
            and queries.pending_appointment(record) is None
            and record.priority != Priority.EMERGENCY,
        },
    )


def _slot_page(request: HttpRequest, ref: str, *, moving: Any = None) -> HttpResponse:
    record = queries.get_repair_for_resident(request.user, ref)
    if record.status != Status.OPEN:
        return redirect(record.get_resident_url())
    from hearth.repairs.services.appointments import needed_trade

    offers = _offers(needed_trade(record), record.due_on)
    form = SlotForm(request.POST if request.method == "POST" else None, offers=offers,
                    due_on=record.due_on, ask_reason=False)  # fmt: skip
    form.fields["slot"].label = _("Choose a new time") if moving else _("When can we come?")
    if request.method == "POST" and form.is_valid():
        day, slot = form.chosen()
        try:
            if moving is not None:
                services.reschedule_appointment(appointment=moving, day=day, slot=slot,
                                                actor=actor_of(request.user), by_resident=True,
                                                late_reason=str(NO_EARLIER_TIME))  # fmt: skip
            else:
                services.book_appointment(repair=record, day=day, slot=slot, late_reason=str(NO_EARLIER_TIME),
                                          actor=actor_of(request.user))  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if will_send(latest_to_resident(record)):
                said = _("Your appointment is booked. We have sent you a confirmation.")
            else:
                said = _("Your appointment is booked. Please make a note of it: we could not "
                         "send you a confirmation.")  # fmt: skip
            messages.success(request, said)
            return redirect(record.get_resident_url())
    late = any(rules.appointment_is_late(day=o.date, due_on=record.due_on) for o in offers)
    return render(request, "repairs/portal/book.html",
                  {"repair": record, "form": form, "moving": moving, "offers": offers, "late": late})  # fmt: skip


@resident_view
def book(request: HttpRequest, ref: str) -> HttpResponse:
    return _slot_page(request, ref)


def _appointment(request: HttpRequest, ref: str, appointment_ref: str) -> Any:
    record = queries.get_repair_for_resident(request.user, ref)
    found = record.appointments.filter(ref=appointment_ref, outcome="pending").first()
    if found is None:
        raise Http404("Not found")
    return found


@resident_view
def change_appointment(request: HttpRequest, ref: str, appointment_ref: str) -> HttpResponse:
    return _slot_page(request, ref, moving=_appointment(request, ref, appointment_ref))


@resident_view
def cancel_appointment(request: HttpRequest, ref: str, appointment_ref: str) -> HttpResponse:
    appointment = _appointment(request, ref, appointment_ref)
    if request.method == "POST":
        services.cancel_appointment(appointment=appointment, actor=actor_of(request.user), by_resident=True,
                                    reason=_("Cancelled online by the resident"))  # fmt: skip
        messages.success(
            request, _("Your appointment is cancelled. Choose a new time when it suits you.")
        )
        return redirect(appointment.repair.get_resident_url())
    return render(
        request,
        "repairs/portal/cancel.html",
        {"appointment": appointment, "repair": appointment.repair},
    )


@resident_view
def feedback(request: HttpRequest, ref: str) -> HttpResponse:
    record = queries.get_repair_for_resident(request.user, ref)
    if getattr(record, "satisfaction", None) is not None or record.status != Status.COMPLETED:
        return redirect(record.get_resident_url())
    form = SatisfactionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_satisfaction(repair=record, actor=actor_of(request.user), answer=form.cleaned_data["answer"],
                                         comment=form.cleaned_data["comment"])  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for telling us."))
            return redirect(record.get_resident_url())
    return render(request, "repairs/portal/one_question.html", {"repair": record, "form": form})


@resident_view
def fixed(request: HttpRequest, ref: str) -> HttpResponse:
    """After a visit completed the repair: is it fixed? "No" reopens it."""
    record = queries.get_repair_for_resident(request.user, ref)
    if record.status != Status.COMPLETED or record.fix_confirmed_at is not None:
        return redirect(record.get_resident_url())
    form = FixedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        is_fixed = form.cleaned_data["fixed"] == "yes"
        try:
            services.resident_confirms_fix(repair=record, actor=actor_of(request.user),
                                           fixed=is_fixed, note=form.cleaned_data["note"])  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. We are glad it is fixed.") if is_fixed else
                             _("We have reopened your repair and will contact you to arrange a visit."))  # fmt: skip
            return redirect(record.get_resident_url())
    return render(request, "repairs/portal/one_question.html", {"repair": record, "form": form})


@resident_view
def photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A photo the resident uploaded (before sending) or one on their repair."""
    found = RepairPhoto.objects.filter(pk=pk).select_related("repair").first()
    mine = found is not None and (
        (found.repair_id is None and found.uploaded_by_id == request.user.pk)
        or (found.repair_id is not None
            and queries.repairs_for_resident(request.user).filter(pk=found.repair_id).exists())
    )  # fmt: skip
    if not mine or found is None:
        raise Http404("Not found")
    return FileResponse(found.image.open("rb"), content_type=found.content_type)


def appointment_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The .ics for one appointment, from the signed link in a confirmation or reminder."""
    appointment = appointment_from_token(token)
    if appointment is None:
        raise Http404("Not found")
    response = HttpResponse(
        appointment_ics(appointment), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="repair-{appointment.ref}.ics"'
    return response
