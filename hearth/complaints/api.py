"""Complaints over the API, through the same services as the pages.

A resident sees, makes and escalates their own complaints (anyone else's is a 404). Staff who
log complaints see and log every one; staff who handle complaints acknowledge, extend, respond,
refuse, withdraw and assign.

A request the schema allows but a rule refuses (a rule of the Code, such as the stage 2 handler
being the stage 1 handler or an extension past the cap; a step out of turn, such as responding
twice; a date in the future) is a 409 problem, with `errors` naming the fields concerned. A
request the schema does not allow is a 422.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router

from hearth.accounts.models import User
from hearth.complaints import services
from hearth.complaints.api_schemas import (
    AcknowledgeIn,
    AssignIn,
    ComplaintDetailOut,
    ComplaintIn,
    ComplaintOut,
    ComplaintPage,
    EscalateIn,
    ExcludeIn,
    ExtendIn,
    IsoDate,
    QueueStatus,
    RespondIn,
    WithdrawIn,
)
from hearth.complaints.models import (
    OPEN_STATUSES,
    Category,
    Channel,
    Complaint,
    ComplaintResponse,
    Status,
)
from hearth.complaints.queries import get_complaint_for_user, visible_complaints
from hearth.core.api.access import current_user, require
from hearth.core.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageInput, Pages
from hearth.core.api.problems import ApiProblem, call_service
from hearth.core.permissions import Can, can
from hearth.core.ratelimits import api_limit
from hearth.core.timeline import events_for
from hearth.tenancies.models import Tenancy
from hearth.tenancies.queries import current_tenancies_for_resident

router = Router(tags=["complaints"])
REFUSED = "tag:hearth,2025:problem:complaint-rule"
T = TypeVar("T")


def _run(call: Callable[[], T]) -> T:
    """Call a service; a refusal becomes a 409 problem naming the fields concerned."""
    return call_service(call, title="Refused by the complaints rules", type=REFUSED)


def _detail(complaint: Complaint, user: User) -> dict[str, Any]:
    data = ComplaintOut.from_orm(complaint).model_dump()
    data["responses"] = list(
        ComplaintResponse.objects.filter(complaint=complaint).order_by("stage")
    )
    resident = not can(user, Can.LOG_COMPLAINTS)
    data["timeline"] = list(events_for(complaint, resident_view=resident))
    return data


def _complaint(request: HttpRequest, ref: str) -> Complaint:
    return get_complaint_for_user(current_user(request), ref)


@router.get("/complaints", response=ComplaintPage, summary="Complaints you may see")
def list_complaints(
    request: HttpRequest,
    status: Annotated[QueueStatus | None, Query(description="open, closed, or one status.")] = None,
    stage: Annotated[int | None, Query(ge=1, le=2)] = None,
    category: Annotated[Category | None, Query()] = None,
    handler_id: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    overdue: Annotated[
        bool | None, Query(description="Only open ones past their due date.")
    ] = None,
    received_from: Annotated[IsoDate | None, Query(description="Received on or after.")] = None,
    received_to: Annotated[IsoDate | None, Query(description="Received on or before.")] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Counting from 1.")] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """Open complaints most urgent first (by next due date), then the rest. Paged like every
    list: `page`, `page_size`, and `count`, `next`, `previous` in the answer."""
    complaints = visible_complaints(current_user(request))
    if status == QueueStatus.OPEN:
        complaints = complaints.open()
    elif status == QueueStatus.CLOSED:
        complaints = complaints.exclude(status__in=OPEN_STATUSES)
    elif status == QueueStatus.FINAL:
        complaints = complaints.filter(status=Status.CLOSED)
    elif status is not None:
        complaints = complaints.filter(status=status.value)
    if stage == 1:
        complaints = complaints.filter(stage2_requested_on__isnull=True)
    elif stage == 2:
        complaints = complaints.filter(stage2_requested_on__isnull=False)
    if category:
        complaints = complaints.filter(category=category)
    if handler_id is not None:
        complaints = complaints.filter(
            Q(stage1_handler_id=handler_id) | Q(stage2_handler_id=handler_id)
        )
    if overdue:
        complaints = complaints.open().filter(next_due_on__lt=timezone.localdate())
    if received_from:
        complaints = complaints.filter(received_on__gte=received_from)
    if received_to:
        complaints = complaints.filter(received_on__lte=received_to)
    ordered = complaints.order_by("next_due_on", "received_on", "pk")
    return Pages().paginate_queryset(ordered, PageInput(page=page, page_size=page_size), request)


@router.get("/complaints/{ref}", response=ComplaintDetailOut, summary="One complaint")
def get_complaint(request: HttpRequest, ref: str) -> dict[str, Any]:
    return _detail(_complaint(request, ref), current_user(request))


@router.post("/complaints", response={201: ComplaintDetailOut}, summary="Make or log a complaint")
def make_complaint(request: HttpRequest, payload: ComplaintIn) -> tuple[int, dict[str, Any]]:
    """A resident complains for themselves (online, today). Staff log a complaint taken by any
    channel, for a tenancy or for someone with no tenancy (name and a way to reply)."""
    user = current_user(request)
    common: dict[str, Any] = {
        "actor": user,
        "category": payload.category,
        "description": payload.description,
        "desired_outcome": payload.desired_outcome,
        "about_case_type": payload.about_case_type,
        "about_case_ref": payload.about_case_ref,
    }
    if getattr(user, "is_resident", False):
        if user.person_id is None:
            raise ApiProblem(403, "Your account is not linked to a tenancy.")
        api_limit(request, "complaint")
        tenancy = current_tenancies_for_resident(user).first()
        complaint = _run(
            lambda: services.make_complaint(**common, tenancy=tenancy, complainant=user.person)
        )
    else:
        require(request, Can.LOG_COMPLAINTS)
        # Each typed address is sent a complaint_received message: limit how often.
        api_limit(request, "complaint-address", value=payload.contact_email)
        api_limit(request, "complaint-address", value=payload.contact_phone)
        tenancy = None
        if payload.tenancy_id is not None:
            tenancy = get_object_or_404(Tenancy, pk=payload.tenancy_id)
        complaint = _run(
            lambda: services.make_complaint(
                **common,
                channel=payload.channel or Channel.PHONE,
                received_on=payload.received_on,
                tenancy=tenancy,
                contact_name=payload.contact_name,
                contact_email=payload.contact_email,
                contact_phone=payload.contact_phone,
                contact_address=payload.contact_address,
                representative_name=payload.representative_name,
                representative_relationship=payload.representative_relationship,
            )
        )
    return 201, _detail(complaint, user)


@router.post("/complaints/{ref}/escalate", response=ComplaintDetailOut, summary="Ask for stage 2")
def escalate(request: HttpRequest, ref: str, payload: EscalateIn | None = None) -> dict[str, Any]:
    """A resident escalates their own complaint with no reasons needed (Code 6.14); staff who
    handle complaints escalate for a resident who asked another way."""
    user = current_user(request)
    complaint = _complaint(request, ref)
    payload = payload or EscalateIn(reason="", on=None)
    if not getattr(user, "is_resident", False):
        require(request, Can.HANDLE_COMPLAINTS)
    on = payload.on if not getattr(user, "is_resident", False) else None
    complaint = _run(
        lambda: services.escalate(complaint=complaint, actor=user, reason=payload.reason, on=on)
    )
    return _detail(complaint, user)


def _handler_action(
    request: HttpRequest, ref: str, act: Callable[[Complaint, User], object]
) -> dict[str, Any]:
    user = current_user(request)
    complaint = _complaint(request, ref)
    require(request, Can.HANDLE_COMPLAINTS)
    _run(lambda: act(complaint, user))
    complaint.refresh_from_db()
    return _detail(complaint, user)


@router.post("/complaints/{ref}/acknowledge", response=ComplaintDetailOut, summary="Acknowledge")
def acknowledge(request: HttpRequest, ref: str, payload: AcknowledgeIn) -> dict[str, Any]:
    return _handler_action(
        request,
        ref,
        lambda c, u: services.acknowledge(
            complaint=c, actor=u, definition=payload.definition, on=payload.on,
            sent_by=payload.sent_by or "",
        ),
    )  # fmt: skip


@router.post("/complaints/{ref}/extend", response=ComplaintDetailOut, summary="Extend")
def extend(request: HttpRequest, ref: str, payload: ExtendIn) -> dict[str, Any]:
    return _handler_action(
        request,
        ref,
        lambda c, u: services.extend(
            complaint=c, actor=u, days=payload.days, reason=payload.reason, on=payload.on,
            sent_by=payload.sent_by or "",
        ),
    )  # fmt: skip


@router.post("/complaints/{ref}/respond", response=ComplaintDetailOut, summary="Respond")
def respond(request: HttpRequest, ref: str, payload: RespondIn) -> dict[str, Any]:
    remedies = [
        services.RemedyOffer(
            r.kind,
            r.description,
            Decimal(r.amount) if r.amount else None,
            r.offset_against_arrears,
            r.resident_consented_to_offset,
        )
        for r in payload.remedies
    ]
    actions = [services.ActionPromise(a.description, a.due_on) for a in payload.actions]
    return _handler_action(
        request,
        ref,
        lambda c, u: services.respond(
            complaint=c, actor=u, decision=payload.decision, reasons=payload.reasons,
            remedy=payload.remedy, outstanding_actions=payload.outstanding_actions,
            how_to_escalate=payload.how_to_escalate, remedies=remedies, actions=actions,
            on=payload.on, sent_by=payload.sent_by or "",
        ),
    )  # fmt: skip


@router.post("/complaints/{ref}/exclude", response=ComplaintDetailOut, summary="Refuse")
def exclude(request: HttpRequest, ref: str, payload: ExcludeIn) -> dict[str, Any]:
    return _handler_action(
        request,
        ref,
        lambda c, u: services.exclude(
            complaint=c, actor=u, reason=payload.reason, explanation=payload.explanation,
            issue_date=payload.issue_date, on=payload.on, sent_by=payload.sent_by or "",
        ),
    )  # fmt: skip


@router.post("/complaints/{ref}/withdraw", response=ComplaintDetailOut, summary="Withdraw")
def withdraw(request: HttpRequest, ref: str, payload: WithdrawIn) -> dict[str, Any]:
    return _handler_action(
        request,
        ref,
        lambda c, u: services.withdraw(complaint=c, actor=u, note=payload.note, on=payload.on),
    )


@router.post("/complaints/{ref}/assign", response=ComplaintDetailOut, summary="Give a stage")
def assign(request: HttpRequest, ref: str, payload: AssignIn) -> dict[str, Any]:
    handler = User.objects.filter(pk=payload.handler_id, is_active=True).first()
    if handler is None:
        raise ApiProblem(404, f"There is no member of staff {payload.handler_id}.")
    return _handler_action(
        request,
        ref,
        lambda c, u: services.assign_handler(
            complaint=c, stage=payload.stage, handler=handler, actor=u
        ),
    )
