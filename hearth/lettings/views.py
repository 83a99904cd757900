"""The staff pages: the voids board, a void's page with one action form per step, and a
tenancy's ending (notice, the pre-termination visit, the keys)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as lazy

from hearth.core import deadlines
from hearth.core.access import staff_view
from hearth.core.action_page import action_page
from hearth.core.casework import Actor, actor_of
from hearth.core.paging import ChosenFirst, paginate
from hearth.core.timeline import events_for
from hearth.estates.models import Estate
from hearth.lettings import forms, queries, services
from hearth.lettings.models import (
    LettingSettings,
    OfferStatus,
    Stage,
    TenancyEnding,
    Void,
    VoidPhoto,
    VoidWork,
)
from hearth.lettings.permissions import Can
from hearth.repairs.queries import works_orders
from hearth.tenancies.queries import get_tenancy_for_user


@staff_view(Can.VIEW_VOIDS)
def board(request: HttpRequest) -> HttpResponse:
    estate = request.GET.get("estate", "")
    stage = request.GET.get("stage", "")
    if stage not in Stage.values:
        stage = ""
    # Only the page's voids are joined to their homes, blocks, estates and owners.
    page = paginate(request, ChosenFirst(queries.board(estate=estate, stage=stage)), 50)
    voids = list(page.object_list)
    refs: dict[int, list[str]] = {}
    for void_id, ref in (
        VoidWork.objects.filter(void__in=voids)
        .exclude(repair_ref="")
        .values_list("void_id", "repair_ref")
    ):
        refs.setdefault(void_id, []).append(ref)
    orders = works_orders([r for rs in refs.values() for r in rs])
    today = timezone.localdate()
    rows = []
    for void in voids:
        mine = [orders[r] for r in refs.get(void.pk, []) if r in orders]
        open_orders = sum(1 for o in mine if o.status == "open")
        rows.append(
            {
                "void": void,
                "days": queries.days_empty(void, today),
                "state": deadlines.state(void.let_by),
                "orders": len(mine),
                "open_orders": open_orders,
                "cost": sum((o.cost for o in mine), Decimal("0.00")),
                "rent_lost": queries.rent_lost(void, queries.weekly_of(void), today),
            }
        )
    endings = (
        TenancyEnding.objects.filter(keys_returned_on__isnull=True)
        .select_related("tenancy", "tenancy__home")
        .order_by("end_date", "pk")[:50]
    )
    return render(
        request,
        "lettings/staff/board.html",
        {
            "page": page,
            "rows": rows,
            "estates": Estate.objects.order_by("name"),
            "stages": [s for s in Stage.choices if s[0] != Stage.LET],
            "estate": estate,
            "stage": stage,
            "endings": endings,
            "can_manage": _can(request, Can.MANAGE_VOIDS),
        },
    )


def _can(request: HttpRequest, capability: str) -> bool:
    from hearth.core.permissions import can

    return can(request.user, capability)


@staff_view(Can.VIEW_VOIDS)
def void_page(request: HttpRequest, ref: str) -> HttpResponse:
    void = queries.get_void_for_staff(ref)
    today = timezone.localdate()
    starts_on = void.let_on or today
    orders = {o.ref: o for o in queries.works_for(void)}
    works = [{"work": w, "order": orders.get(w.repair_ref)} for w in void.works.all()]
    return render(
        request,
        "lettings/staff/void.html",
        {
            "void": void,
            "days": queries.days_empty(void, today),
            "state": deadlines.state(void.let_by, done=void.let_on),
            "rent_lost": queries.rent_lost(void, queries.weekly_of(void), today),
            "gates": queries.gates(void, starts_on=starts_on),
            "outstanding": []
            if void.let_on
            else queries.outstanding_for_letting(void, starts_on=starts_on),
            "starts_on": starts_on,
            "works": works,
            "cost": sum((o.cost for o in orders.values()), Decimal("0.00")),
            "checks": void.safety_checks.all(),
            "inspections": void.standard_inspections.all(),
            "offers": void.offers.all(),
            "readings": void.utility_readings.all(),
            "keys": void.keys_records.all(),
            "photos": void.photos.all(),
            "events": events_for(void).order_by("occurred_at", "pk"),
            "actions": [] if void.let_on or not _can(request, Can.MANAGE_VOIDS) else ACTION_LIST,
        },
    )


@staff_view(Can.VIEW_VOIDS)
def photo(request: HttpRequest, ref: str, pk: int) -> FileResponse:
    found = get_object_or_404(VoidPhoto, pk=pk, void__ref=ref)
    return FileResponse(found.image.open("rb"), content_type=found.content_type)


# One action form per step ----------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    name: str
    label: Any  # a (lazy) translated string
    title: Any
    submit: Any
    form: type[django_forms.Form]
    run: Callable[[Void, dict[str, Any], Any, Any], str]
    form_kwargs: Callable[[Void], dict[str, Any]] = field(default=lambda void: {})
    intro: Any = ""


def _lines(text: str) -> list[str]:
    return [line for line in (text or "").splitlines() if line.strip()]


def _inspection(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.record_void_inspection(
        void=void, inspected_on=data["inspected_on"], works_type=data["works_type"],
        needed_works=_lines(data["needed_works"]), notes=data["notes"], photos=data["photos"],
        gas_supply=data["gas_supply"], fixed_combustion_appliance=data["fixed_combustion_appliance"],
        storeys=data["storeys"], actor=actor,
    )  # fmt: skip
    return _("Void inspection recorded.")


def _works_type(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.change_works_type(
        void=void, works_type=data["works_type"], reason=data["reason"], actor=actor
    )
    return _("Works type changed.")


def _add_work(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.add_needed_work(void=void, description=data["description"], actor=actor)
    return _("Work added.")


def _order(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    work = void.works.filter(pk=data["work"], repair_ref="").first()
    if work is None:
        raise ValidationError({"work": _("Choose the job to order")})
    done = services.order_works(work=work, priority=data["priority"], actor=actor)
    return _("Works order %(ref)s raised.") % {"ref": done.repair_ref}


def _works_complete(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.record_works_complete(void=void, completed_on=data["completed_on"], actor=actor)
    return _("Works recorded as complete.")


def _utility(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.record_utility_reading(
        void=void, utility=data["utility"], read_on=data["read_on"], meter_serial=data["meter_serial"],
        reading=data["reading"], supply_capped=data["supply_capped"], actor=actor,
    )  # fmt: skip
    return _("Utility reading recorded.")


def _keys(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.record_keys(void=void, recorded_on=data["recorded_on"], sets_held=data["sets_held"],
                         locks_changed=data["locks_changed"], notes=data["notes"], actor=actor)  # fmt: skip
    return _("Keys recorded.")


def _check(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.record_safety_check(
        void=void, kind=data["kind"], done_on=data["done_on"], outcome=data["outcome"],
        certificate_ref=data["certificate_ref"], next_due_on=data["next_due_on"],
        every_storey=data["every_storey"], notes=data["notes"], actor=actor,
    )  # fmt: skip
    return _("Safety check recorded.")


def _standard(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    inspection = services.record_letting_standard(
        void=void,
        inspected_on=data["inspected_on"],
        results=form.results(),
        photos=data["photos"],
        actor=actor,
    )
    if inspection.passed:
        return _("The Letting Standard has passed.")
    return _("The Letting Standard failed: the failed items are now works to order.")


def _shortlist(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.add_to_shortlist(
        void=void, applicant_name=data["applicant_name"], band=data["band"], band_date=data["band_date"],
        bidding_number=data["bidding_number"], phone=data["phone"], email=data["email"], actor=actor,
    )  # fmt: skip
    return _("Applicant added to the shortlist.")


def _offer_of(void: Void, data: dict[str, Any]) -> Any:
    found = void.offers.filter(pk=data["offer"]).first()
    if found is None:
        raise ValidationError({"offer": _("Choose the applicant")})
    return found


def _offer(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.offer_with_viewing(offer=_offer_of(void, data), offered_on=data["offered_on"],
                                viewing_on=data["viewing_on"], reason=data["reason"], actor=actor)  # fmt: skip
    return _("Offer and accompanied viewing recorded.")


def _skip(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.skip_applicant(offer=_offer_of(void, data), reason=data["reason"], actor=actor)
    return _("Applicant skipped.")


def _answer(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    services.record_offer_answer(offer=_offer_of(void, data), accepted=data["answer"] == "accept",
                                 decided_on=data["decided_on"], reason=data["reason"], actor=actor)  # fmt: skip
    return _("Answer recorded.")


def _sign_up(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    tenancy = services.sign_up(
        void=void, signed_on=data["signed_on"], start_date=data["start_date"], tenure=data["tenure"],
        relet_standard_explained=data["relet_standard_explained"],
        certificates_given=data["certificates_given"], actor=actor,
        weekly_rent=data.get("weekly_rent"),
    )  # fmt: skip
    return _("Signed up: tenancy %(ref)s and its rent account are open.") % {"ref": tenancy.ref}


def _owner(void: Void, data: dict[str, Any], actor: Actor, form: Any) -> str:
    from hearth.accounts.models import User

    officer = User.objects.filter(pk=data["owner"]).first()
    services.assign_owner(void=void, owner=officer, actor=actor)
    return _("Officer changed.")


def _officers(void: Void) -> dict[str, Any]:
    from hearth.accounts.models import Role, User

    return {"officers": User.objects.filter(is_active=True, role__in=[Role.HOUSING_OFFICER, Role.MANAGER]).order_by("first_name", "last_name")}  # fmt: skip


ACTION_LIST = [
    Action("inspection", lazy("Record the void inspection"), lazy("Void inspection"), lazy("Save inspection"),
           forms.InspectionForm, _inspection),
    Action("works-type", lazy("Change minor or major works"), lazy("Change the works type"), lazy("Change works type"),
           forms.WorksTypeForm, _works_type),
    Action("add-work", lazy("Add work needed"), lazy("Add work needed"), lazy("Add work"), forms.NeededWorkForm, _add_work),
    Action("order", lazy("Order works through repairs"), lazy("Order works"), lazy("Raise works order"), forms.OrderWorksForm,
           _order, lambda v: {"works": v.works.filter(repair_ref="")}),
    Action("works-complete", lazy("Record works complete"), lazy("Works complete"), lazy("Save"),
           forms.WorksCompleteForm, _works_complete),
    Action("utility", lazy("Record a meter reading"), lazy("Utilities"), lazy("Save reading"), forms.UtilityForm, _utility),
    Action("keys", lazy("Record keys and locks"), lazy("Keys and locks"), lazy("Save"), forms.KeysForm, _keys),
    Action("check", lazy("Record a safety check"), lazy("Safety check"), lazy("Save check"), forms.SafetyCheckForm, _check,
           intro=lazy("Smoke and carbon monoxide alarms must be tested on the day the tenancy starts.")),
    Action("standard", lazy("Record the Letting Standard inspection"), lazy("Letting Standard inspection"),
           lazy("Save inspection"), forms.LettingStandardForm, _standard,
           lambda v: {"checklist": LettingSettings.current().checklist}),
    Action("shortlist", lazy("Add an applicant from the shortlist"), lazy("Add to the shortlist"), lazy("Add applicant"),
           forms.ShortlistForm, _shortlist,
           intro=lazy("Add applicants in the order of the council's choice-based lettings shortlist.")),
    Action("offer", lazy("Offer the home with a viewing"), lazy("Offer with an accompanied viewing"), lazy("Record offer"),
           forms.OfferForm, _offer, lambda v: {"offers": v.offers.filter(status=OfferStatus.WAITING)}),
    Action("skip", lazy("Skip an applicant"), lazy("Skip an applicant"), lazy("Skip applicant"), forms.SkipForm, _skip,
           lambda v: {"offers": v.offers.filter(status=OfferStatus.WAITING)}),
    Action("answer", lazy("Record the applicant's answer"), lazy("Accepted or refused"), lazy("Save answer"),
           forms.AnswerForm, _answer, lambda v: {"offers": v.offers.filter(status=OfferStatus.OFFERED)}),
    Action("sign-up", lazy("Sign up the new tenant"), lazy("Sign-up"), lazy("Sign up and start the tenancy"),
           forms.SignUpForm, _sign_up,
           intro=lazy("Signing up starts the tenancy, opens its rent account with its first charges, "
                   "records a money advice offer and sends a welcome message.")),
    Action("owner", lazy("Change the officer"), lazy("Change the officer"), lazy("Save"), forms.OwnerForm, _owner, _officers),
]  # fmt: skip
ACTIONS = {a.name: a for a in ACTION_LIST}


def _form_page(
    request: HttpRequest,
    *,
    form_class: type[django_forms.Form],
    form_kwargs: dict[str, Any],
    run: Callable[[Any], str],
    done_url: str,
    title: Any,
    submit: Any,
    caption: str,
    intro: Any = "",
    case: Any = None,
) -> HttpResponse:
    """One step of a void or a tenancy ending, on the one staff action page."""
    return action_page(
        request,
        form_class=form_class,
        form_kwargs=form_kwargs,
        run=run,
        back_url=done_url,
        title=title,
        submit=submit,
        caption=caption,
        intro=intro,
        case=case,
    )


@staff_view(Can.MANAGE_VOIDS)
def void_action(request: HttpRequest, ref: str, name: str) -> HttpResponse:
    action = ACTIONS.get(name)
    if action is None:
        raise Http404("Not found")
    void = queries.get_void_for_staff(ref)
    if void.let_on is not None:
        raise Http404("Not found")
    actor = actor_of(request.user)
    return _form_page(
        request,
        form_class=action.form,
        form_kwargs=action.form_kwargs(void),
        run=lambda form: action.run(void, form.cleaned_data, actor, form),
        done_url=void.get_absolute_url(),
        title=action.title,
        submit=action.submit,
        caption=f"{void.ref}: {void.home.address}",
        intro=action.intro,
        case=void,
    )


# Ending a tenancy ----------------------------------------------------------------------------


@staff_view(Can.MANAGE_VOIDS)
def give_notice(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    tenancy = get_tenancy_for_user(request.user, tenancy_id)
    if TenancyEnding.objects.filter(tenancy=tenancy).exists():
        return redirect("lettings:ending", tenancy.pk)

    def run(form: Any) -> str:
        data = form.cleaned_data
        services.give_notice(tenancy=tenancy, notice_given_on=data["notice_given_on"],
                             end_date=data["end_date"], reason=data["reason"], actor=actor_of(request.user))  # fmt: skip
        return _("Notice recorded.")

    return _form_page(request, form_class=forms.NoticeForm, form_kwargs={}, run=run,
                      done_url=reverse("lettings:ending", args=[tenancy.pk]), title=_("Record notice to end the tenancy"),
                      submit=_("Save notice"), caption=f"{tenancy.ref}: {tenancy.home.address}")  # fmt: skip


def _ending(tenancy_id: int) -> TenancyEnding:
    found = (
        TenancyEnding.objects.select_related("tenancy", "tenancy__home")
        .filter(tenancy_id=tenancy_id)
        .first()
    )
    if found is None:
        raise Http404("Not found")
    return found


@staff_view(Can.VIEW_VOIDS)
def ending(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    found = _ending(tenancy_id)
    void = Void.objects.filter(previous_tenancy=found.tenancy).order_by("-pk").first()
    return render(
        request,
        "lettings/staff/ending.html",
        {"ending": found, "void": void, "events": events_for(found.tenancy).order_by("occurred_at", "pk"),
         "can_manage": _can(request, Can.MANAGE_VOIDS)},
    )  # fmt: skip


ENDING_STEPS = {
    "book-visit": (
        forms.VisitBookingForm,
        lazy("Book the pre-termination visit"),
        lazy("Book visit"),
    ),
    "visit": (forms.VisitForm, lazy("Record the pre-termination visit"), lazy("Save visit")),
    "keys": (forms.KeysReturnedForm, lazy("Keys returned"), lazy("Save and open the void")),
}


@staff_view(Can.MANAGE_VOIDS)
def ending_action(request: HttpRequest, tenancy_id: int, name: str) -> HttpResponse:
    if name not in ENDING_STEPS:
        raise Http404("Not found")
    found = _ending(tenancy_id)
    if found.keys_returned_on is not None:
        raise Http404("Not found")
    form_class, title, submit = ENDING_STEPS[name]
    actor = actor_of(request.user)
    done = reverse("lettings:ending", args=[tenancy_id])

    def run(form: Any) -> str:
        data = form.cleaned_data
        if name == "book-visit":
            services.book_pre_termination_visit(
                ending=found, visit_on=data["visit_on"], actor=actor
            )
            return _("Visit booked.")
        if name == "visit":
            services.record_pre_termination_visit(
                ending=found, visited_on=data["visited_on"], condition=data["condition"],
                put_right=data["put_right"], forwarding_address=data["forwarding_address"], actor=actor,
            )  # fmt: skip
            return _("Visit recorded.")
        void = services.record_keys_returned(
            ending=found, keys_returned_on=data["keys_returned_on"], actor=actor
        )
        return _("Keys recorded: void %(ref)s is open.") % {"ref": void.ref}

    return _form_page(request, form_class=form_class, form_kwargs={}, run=run, done_url=done, title=title,
                      submit=submit, caption=f"{found.tenancy.ref}: {found.tenancy.home.address}")  # fmt: skip
