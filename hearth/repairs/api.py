"""Repairs over the API, through the same services as the pages.

Residents see and report their own repairs, see the free appointment slots, and book, move
and cancel their appointments; anyone else's repair is a 404. Staff who log repairs see and
report every one (filtering like the queue); coordinators change priority and assignment and
cancel repairs; operatives record visits.

A request the schema allows but a rule refuses (a visit before the repair was reported, a slot
that is full, a closed repair) is a 409 problem with `errors` naming the fields concerned.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import BeforeValidator, StrictBool

from hearth.accounts.models import Role, User
from hearth.core import calendar
from hearth.core.api.access import current_user, require
from hearth.core.api.pagination import Pages
from hearth.core.api.params import NOT_BLANK, id_filter
from hearth.core.api.problems import ApiProblem, call_service
from hearth.core.permissions import Can, can
from hearth.core.timeline import events_for
from hearth.estates.models import Block, Home
from hearth.repairs import queries, services, slots
from hearth.repairs.models import (
    CatalogueItem,
    Priority,
    Repair,
    RepairSettings,
    ReportChannel,
    Slot,
    Trade,
    VisitOutcome,
)
from hearth.repairs.services.appointments import needed_trade
from hearth.tenancies.models import Tenancy
from hearth.tenancies.queries import current_tenancies_for_resident

router = Router(tags=["repairs"])
REFUSED = "tag:hearth,2025:problem:repair-rule"
MAX_ID = 2**63 - 1
T = TypeVar("T")

Ref = Annotated[str, Field(max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic would otherwise read a number as seconds since 1970."""
    if isinstance(value, date) or (
        isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
    ):
        return value
    raise ValueError("Enter a date in the form YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class AppointmentOut(Schema):
    ref: str
    date: dt.date
    slot: str = Field(description="am (8-12), pm (12-6) or all_day (8-6).")
    outcome: str
    cancelled_on: dt.date | None


class VisitOut(Schema):
    ref: str
    visited_at: datetime
    outcome: str
    notes: str


class EventOut(Schema):
    occurred_at: datetime
    summary: str


class RepairOut(Schema):
    ref: str = Field(description="The repair's reference, used in every path.")
    status: str = Field(description="open, completed or cancelled.")
    priority: str
    trade: str
    description: str
    location: str
    home_id: int | None = Field(description="Empty for a repair to a block's shared areas.")
    block_id: int
    reported_at: datetime
    channel: str
    due_on: date
    due_at: datetime | None = Field(description="Emergencies: the exact time it is due.")
    right_to_repair_days: int | None
    right_to_repair_due_on: date | None
    completed_at: datetime | None
    damp_or_mould: bool
    operative_id: int | None


class RepairDetailOut(RepairOut):
    appointments: list[AppointmentOut]
    visits: list[VisitOut]
    timeline: list[EventOut]


class ReportIn(Schema):
    description: str = Field(min_length=1, max_length=2000, pattern=NOT_BLANK)
    catalogue_code: str = Field(
        "", max_length=30, description="A common repair (GET /repairs/catalogue)."
    )
    location: str = Field("", max_length=200)
    access_notes: str = Field("", max_length=1000)
    communal: StrictBool = Field(
        False, description="Residents: a repair to their block's shared areas."
    )
    # Staff only.
    home_id: int | None = Field(None, ge=1, le=MAX_ID, description="Staff: the home.")
    block_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Staff: a block (shared areas)."
    )
    channel: ReportChannel | None = Field(
        None, description="Staff: how it was reported (default phone)."
    )
    priority: Priority | None = Field(None, description="Staff: overrides the catalogue's.")
    trade: Trade | None = None


class SlotIn(Schema):
    date: IsoDate = Field(description="YYYY-MM-DD, a working day.")
    slot: Slot


class CancelIn(Schema):
    reason: str = Field("", max_length=300)


class ChangeIn(Schema):
    priority: Priority | None = None
    reason: str = Field("", max_length=300)
    operative_id: int | None = Field(None, ge=0, le=MAX_ID, description="0 to unassign.")


class VisitIn(Schema):
    outcome: VisitOutcome
    visited_at: datetime | None = Field(None, description="Default now.")
    notes: str = Field("", max_length=5000)
    further_work: str = Field("", max_length=5000)
    further_trade: Trade | None = None
    materials: str = Field("", max_length=2000)
    card_left: StrictBool = False
    phoned: StrictBool = Field(False, description="No access: the operative phoned the resident.")
    resident_told: StrictBool = False


class UpdateIn(Schema):
    update: str = Field(min_length=1, max_length=5000, pattern=NOT_BLANK)


class SlotOut(Schema):
    date: dt.date
    slot: str
    places_left: int


class CatalogueOut(Schema):
    code: str
    area: str
    name: str
    priority: str
    trade: str
    right_to_repair_days: int | None
    resident_responsibility: bool
    emergency_stop: str = Field(description="If set: do not report online; phone instead.")


def _run(call: Callable[[], T]) -> T:
    """Call a service; a refusal becomes a 409 problem naming the fields concerned."""
    return call_service(call, title="Refused by the repairs rules", type=REFUSED)


def _is_staff(user: User) -> bool:
    return can(user, Can.LOG_REPAIRS)


def _visible(user: User) -> QuerySet[Repair]:
    if _is_staff(user):
        return Repair.objects.all()
    return queries.repairs_for_resident(user)


def _repair(request: HttpRequest, ref: str) -> Repair:
    found = _visible(current_user(request)).filter(ref=ref).first()
    if found is None:
        raise ApiProblem(404, "There is no such repair, or you may not see it.")
    return found


def _detail(repair: Repair, user: User) -> dict[str, Any]:
    data = RepairOut.from_orm(repair).model_dump()
    data["appointments"] = list(repair.appointments.all())
    data["visits"] = list(repair.visits.all())
    data["timeline"] = list(events_for(repair, resident_view=not _is_staff(user)))
    return data


@router.get("/repairs/catalogue", response=list[CatalogueOut], summary="Common repairs")
def catalogue(request: HttpRequest) -> QuerySet[CatalogueItem]:
    return CatalogueItem.objects.filter(active=True).order_by("area", "order", "code")


@router.get("/repairs", response=list[RepairOut], summary="Repairs you may see")
@paginate(Pages)
def list_repairs(
    request: HttpRequest,
    status: str | None = Query(None, pattern="^(open|completed|cancelled)$"),
    priority: str | None = Query(None, pattern="^(emergency|urgent|routine|planned)$"),
    trade: str | None = Query(None, max_length=40),
    estate_id: int | None = id_filter("Only repairs on this estate."),
    operative_id: int | None = id_filter("Only repairs assigned to this operative."),
) -> QuerySet[Repair]:
    repairs = _visible(current_user(request)).order_by("due_on", "reported_at", "pk")
    if status:
        repairs = repairs.filter(status=status)
    if priority:
        repairs = repairs.filter(priority=priority)
    if trade:
        repairs = repairs.filter(trade=trade)
    if estate_id:
        repairs = repairs.filter(block__estate_id=estate_id)
    if operative_id:
        repairs = repairs.filter(operative_id=operative_id)
    return repairs


@router.post("/repairs", response={201: RepairDetailOut}, summary="Report a repair")
def report(request: HttpRequest, body: ReportIn) -> tuple[int, dict[str, Any]]:
    user = current_user(request)
    item = None
    if body.catalogue_code:
        item = CatalogueItem.objects.filter(code=body.catalogue_code, active=True).first()
        if item is None:
            raise ApiProblem(404, f"There is no common repair {body.catalogue_code}.")
        if item.emergency_stop:
            raise ApiProblem(409, "This must not be reported online: phone now. If you smell "
                                  "gas, call the National Gas Emergency Service on 0800 111 999.",
                             type=REFUSED)  # fmt: skip
    fields: dict[str, Any]
    if _is_staff(user):
        home = block = None
        if body.home_id is not None:
            home = Home.objects.filter(pk=body.home_id).first()
            if home is None:
                raise ApiProblem(404, f"There is no home {body.home_id}.")
        elif body.block_id is not None:
            block = Block.objects.filter(pk=body.block_id).first()
            if block is None:
                raise ApiProblem(404, f"There is no block {body.block_id}.")
        else:
            detail = "Give the home_id, or the block_id of a repair to shared areas"
            missing = {"loc": ["body", "home_id"], "field": "home_id", "code": "refused",
                       "detail": detail}  # fmt: skip
            raise ApiProblem(409, detail, type=REFUSED, errors=[missing])
        tenancy = (
            Tenancy.objects.filter(home=home).current_on(timezone.localdate()).first()
            if home
            else None
        )
        fields = {"home": home, "block": block, "tenancy": tenancy,
                  "reporter": tenancy.lead_tenant if tenancy else None,
                  "channel": body.channel or ReportChannel.PHONE,
                  "priority": body.priority, "trade": body.trade or ""}  # fmt: skip
    else:
        tenancy = current_tenancies_for_resident(user).first()
        if tenancy is None:
            raise ApiProblem(403, "You need a current tenancy to report a repair online.")
        fields = {"home": None if body.communal else tenancy.home,
                  "block": tenancy.home.block if body.communal else None,
                  "tenancy": None if body.communal else tenancy, "reporter": user.person,
                  "channel": ReportChannel.API}  # fmt: skip
    repair = _run(lambda: services.raise_repair(
        actor=user, description=body.description, catalogue_item=item, location=body.location,
        access_notes=body.access_notes, **fields,
    ))  # fmt: skip
    return 201, _detail(repair, user)


@router.get("/repairs/{ref}", response=RepairDetailOut, summary="One repair")
def get_repair(request: HttpRequest, ref: Ref) -> dict[str, Any]:
    return _detail(_repair(request, ref), current_user(request))


@router.patch(
    "/repairs/{ref}", response=RepairDetailOut, summary="Change priority or operative (staff)"
)
def change_repair(request: HttpRequest, ref: Ref, body: ChangeIn) -> dict[str, Any]:
    user = require(request, Can.MANAGE_REPAIRS)
    repair = _repair(request, ref)
    if body.priority:
        repair = _run(lambda: services.change_priority(repair=repair, priority=body.priority,  # type: ignore[arg-type]
                                                       actor=user, reason=body.reason))  # fmt: skip
    if body.operative_id is not None:
        operative = None
        if body.operative_id:
            operative = User.objects.filter(pk=body.operative_id, role=Role.OPERATIVE).first()
            if operative is None:
                raise ApiProblem(404, f"There is no operative {body.operative_id}.")
        repair = services.assign_repair(repair=repair, operative=operative, actor=user)
    return _detail(repair, user)


@router.post("/repairs/{ref}/cancel", response=RepairDetailOut, summary="Cancel a repair (staff)")
def cancel_repair(request: HttpRequest, ref: Ref, body: CancelIn) -> dict[str, Any]:
    user = require(request, Can.MANAGE_REPAIRS)
    repair = _repair(request, ref)
    repair = _run(lambda: services.cancel_repair(repair=repair, actor=user, reason=body.reason))
    return _detail(repair, user)


@router.get(
    "/repairs/{ref}/slots", response=list[SlotOut], summary="Appointment slots with a place left"
)
def free_slots(request: HttpRequest, ref: Ref) -> list[dict[str, Any]]:
    repair = _repair(request, ref)
    today = timezone.localdate()
    end = calendar.add_working_days(today, RepairSettings.current().booking_days)
    offers = slots.availability(
        trade=needed_trade(repair), start=calendar.next_working_day(today), end=end
    )
    return [{"date": o.date, "slot": o.slot, "places_left": o.remaining} for o in offers]


@router.post(
    "/repairs/{ref}/appointments", response={201: AppointmentOut}, summary="Book an appointment"
)
def book(request: HttpRequest, ref: Ref, body: SlotIn) -> tuple[int, Any]:
    repair = _repair(request, ref)
    user = current_user(request)
    return 201, _run(
        lambda: services.book_appointment(repair=repair, day=body.date, slot=body.slot, actor=user)
    )


def _appointment(repair: Repair, appointment_ref: str) -> Any:
    found = repair.appointments.filter(ref=appointment_ref).first()
    if found is None:
        raise ApiProblem(404, "There is no such appointment on this repair.")
    return found


@router.post("/repairs/{ref}/appointments/{appointment_ref}/reschedule", response=AppointmentOut,
             summary="Move an appointment")  # fmt: skip
def reschedule(request: HttpRequest, ref: Ref, appointment_ref: Ref, body: SlotIn) -> Any:
    repair = _repair(request, ref)
    user = current_user(request)
    appointment = _appointment(repair, appointment_ref)
    return _run(lambda: services.reschedule_appointment(
        appointment=appointment, day=body.date, slot=body.slot, actor=user, by_resident=not _is_staff(user)))  # fmt: skip


@router.post("/repairs/{ref}/appointments/{appointment_ref}/cancel", response=AppointmentOut,
             summary="Cancel an appointment")  # fmt: skip
def cancel_appointment(request: HttpRequest, ref: Ref, appointment_ref: Ref, body: CancelIn) -> Any:
    repair = _repair(request, ref)
    user = current_user(request)
    appointment = _appointment(repair, appointment_ref)
    return _run(lambda: services.cancel_appointment(
        appointment=appointment, actor=user, by_resident=not _is_staff(user), reason=body.reason))  # fmt: skip


@router.post("/repairs/{ref}/visits", response={201: VisitOut}, summary="Record a visit (staff)")
def record_visit(request: HttpRequest, ref: Ref, body: VisitIn) -> tuple[int, Any]:
    user = require(request, Can.RECORD_VISITS)
    repair = _repair(request, ref)
    visited_at = body.visited_at
    if visited_at is not None and timezone.is_naive(visited_at):
        visited_at = timezone.make_aware(visited_at)
    return 201, _run(lambda: services.record_visit(
        repair=repair, actor=user, outcome=body.outcome, visited_at=visited_at, notes=body.notes,
        further_work=body.further_work, further_trade=body.further_trade or "",
        materials=body.materials, card_left=body.card_left, phoned=body.phoned,
        resident_told=body.resident_told,
    ))  # fmt: skip


@router.post(
    "/repairs/{ref}/updates",
    response={201: EventOut},
    summary="Send the resident an update (staff)",
)
def send_update(request: HttpRequest, ref: Ref, body: UpdateIn) -> tuple[int, Any]:
    user = require(request, Can.LOG_REPAIRS)
    repair = _repair(request, ref)
    _run(lambda: services.send_progress_update(repair=repair, actor=user, update=body.update))
    return 201, events_for(repair).filter(verb="progress_update").order_by(
        "-occurred_at", "-pk"
    ).first()
