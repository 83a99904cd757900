"""Neighbourhood over the API: estate inspections, cleaning concerns, fly-tipping and ASB cases,
read through the same queries as the pages.

- Staff who may see estate services (`view_estate_services`) list and read inspections,
  cleaning concerns and fly-tipping reports; a resident lists and reads only the concerns and
  reports they made. Any other role gets a 403 on a list.
- ASB cases are for roles that work them (`handle_asb`); every read of one case is logged as
  on the case page. A resident lists and reads only the cases they complained about, and never
  sees the parties (so never an alleged perpetrator's details).
- A record the caller may not see, or that does not exist, is a 404 problem.

Every list has one shape (`_visible`: the capability check and the resident's own records,
then filters, then a date range given as real dates, `IsoDate`), and is paged with the API kit
(`page`, `page_size`; `count`, `next`, `previous`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hearth.core.api.access import current_user
from hearth.core.api.pagination import Pages
from hearth.core.api.params import IsoDate, id_filter, resolved
from hearth.core.api.problems import ApiProblem
from hearth.core.permissions import can
from hearth.neighbourhood import queries, services
from hearth.neighbourhood.capabilities import Cap
from hearth.neighbourhood.models import (
    AsbCase,
    CleaningConcern,
    FlyTipReport,
    FlyTipStatus,
    Inspection,
)

router = Router(tags=["neighbourhood"])
Ref = Annotated[str, Field(max_length=60, pattern=r"^[A-Za-z0-9_.-]+$")]
OPEN_OR_CLOSED = "^(open|closed)$"
NOT_FOUND = "There is no record with this reference that you may see."


class GradeOut(Schema):
    item: str = Field(alias="item.label")
    grade: str
    note: str


class InspectionOut(Schema):
    ref: str
    block_ref: str = Field(alias="block.ref")
    block_name: str = Field(alias="block.name")
    scheduled_on: dt.date
    published_on: dt.date | None
    completed_on: dt.date | None
    grade: str
    score: int | None
    results_published_on: dt.date | None


class InspectionDetailOut(InspectionOut):
    notes: str
    grades: list[GradeOut]

    @staticmethod
    def resolve_grades(obj: Inspection) -> list[Any]:
        return list(obj.grades.select_related("item"))


class ConcernOut(Schema):
    ref: str
    block_ref: str = Field(alias="block.ref")
    received_on: dt.date
    due_on: dt.date
    channel: str
    description: str
    responded_on: dt.date | None
    response: str


class FlyTipOut(Schema):
    ref: str
    block_ref: str = Field(alias="block.ref")
    received_on: dt.date
    due_on: dt.date
    channel: str
    location: str
    description: str
    status: str
    removed_on: dt.date | None
    duplicate_of: str | None = None

    @staticmethod
    def resolve_duplicate_of(obj: FlyTipReport) -> str | None:
        return obj.duplicate_of.ref if obj.duplicate_of_id else None  # type: ignore[union-attr]


class PartyOut(Schema):
    role: str
    name: str = Field(alias="display_name")
    description: str


class AsbCaseOut(Schema):
    ref: str
    opened_on: dt.date
    closed_on: dt.date | None
    category: str
    triage: str
    next_update_due_on: dt.date | None
    last_update_on: dt.date | None


class AsbCaseDetailOut(AsbCaseOut):
    description: str
    hate_incident: bool | None = Field(None, description="Staff only.")
    risk: str | None = Field(None, description="Staff only.")
    action_plan: str
    parties: list[PartyOut] = Field(description="Staff only; empty for a complainant.")

    @staticmethod
    def resolve_parties(obj: AsbCase) -> list[Any]:
        return list(getattr(obj, "parties_shown", []))


def _estate_staff(user: Any) -> bool:
    return can(user, Cap.VIEW_ESTATE_SERVICES)


def _visible(
    request: HttpRequest,
    cap: str,
    everything: Callable[[], QuerySet[Any]],
    own: Callable[[Any], QuerySet[Any]] | None = None,
) -> tuple[Any, bool, QuerySet[Any]]:
    """The shape every list and record here shares: the caller, whether they are staff with
    `cap` (who see every record), and the records they may see. A resident sees `own(user)`,
    only what they made; any other role (or a resident where `own` is None): a 403 problem."""
    user = current_user(request)
    if can(user, cap):
        return user, True, everything()
    if own is not None and getattr(user, "is_resident", False):
        return user, False, own(user)
    raise ApiProblem(403, "Your role does not allow this.")


def _one(queryset: QuerySet[Any], ref: str) -> Any:
    found = queryset.filter(ref=ref).first()
    if found is None:
        raise ApiProblem(404, NOT_FOUND)
    return found


def _by_state(queryset: QuerySet[Any], field: str, state: str | None) -> QuerySet[Any]:
    if state == "open":
        return queryset.filter(**{f"{field}__isnull": True})
    if state == "closed":
        return queryset.filter(**{f"{field}__isnull": False})
    return queryset


def _in_dates(
    queryset: QuerySet[Any], field: str, first: dt.date | None, last: dt.date | None
) -> QuerySet[Any]:
    if first:
        queryset = queryset.filter(**{f"{field}__gte": first})
    if last:
        queryset = queryset.filter(**{f"{field}__lte": last})
    return queryset


def _on(when: str) -> Any:
    return Query(None, description=f"{when}. (YYYY-MM-DD)")


# The date range every list takes, as real dates.
SCHEDULED_FROM, SCHEDULED_TO = _on("Scheduled on or after"), _on("Scheduled on or before")
RECEIVED_FROM, RECEIVED_TO = _on("Received on or after"), _on("Received on or before")
OPENED_FROM, OPENED_TO = _on("Opened on or after"), _on("Opened on or before")


def _inspections(request: HttpRequest) -> QuerySet[Inspection]:
    _user, _staff, found = _visible(
        request, Cap.VIEW_ESTATE_SERVICES, lambda: Inspection.objects.select_related("block")
    )
    return found


@router.get(
    "/neighbourhood/inspections", response=list[InspectionOut], summary="Estate inspections"
)
@paginate(Pages)
@resolved
def list_inspections(
    request: HttpRequest,
    state: str | None = Query(None, pattern="^(due|completed)$"),
    block_id: int | None = id_filter("Only this block's inspections."),
    estate_id: int | None = id_filter("Only the inspections of this estate's blocks."),
    scheduled_from: IsoDate | None = SCHEDULED_FROM,
    scheduled_to: IsoDate | None = SCHEDULED_TO,
) -> QuerySet[Inspection]:
    """Soonest first. `due` is not yet completed; `completed` has results."""
    found = _inspections(request).order_by("scheduled_on", "pk")
    if state == "due":
        found = found.filter(completed_on__isnull=True)
    elif state == "completed":
        found = found.filter(completed_on__isnull=False)
    if block_id:
        found = found.filter(block_id=block_id)
    if estate_id:
        found = found.filter(block__estate_id=estate_id)
    return _in_dates(found, "scheduled_on", scheduled_from, scheduled_to)


@router.get(
    "/neighbourhood/inspections/{ref}",
    response=InspectionDetailOut,
    summary="One estate inspection, with its grades",
)
def get_inspection(request: HttpRequest, ref: Ref) -> Inspection:
    try:
        return _one(_inspections(request), ref)  # type: ignore[no-any-return]
    except ApiProblem as problem:
        raise ApiProblem(404, NOT_FOUND) from problem


def _concerns(request: HttpRequest) -> QuerySet[CleaningConcern]:
    _user, _staff, found = _visible(
        request, Cap.VIEW_ESTATE_SERVICES,
        lambda: CleaningConcern.objects.select_related("block"), queries.concerns_for_resident,
    )  # fmt: skip
    return found.order_by("-received_on", "-pk")


@router.get(
    "/neighbourhood/cleaning-concerns",
    response=list[ConcernOut],
    summary="Cleaning concerns (a resident: their own)",
)
@paginate(Pages)
@resolved
def list_concerns(
    request: HttpRequest,
    state: str | None = Query(None, pattern=OPEN_OR_CLOSED, description="Answered or not."),
    block_id: int | None = id_filter("Only this block."),
    received_from: IsoDate | None = RECEIVED_FROM,
    received_to: IsoDate | None = RECEIVED_TO,
) -> QuerySet[CleaningConcern]:
    found = _by_state(_concerns(request), "responded_on", state)
    if block_id:
        found = found.filter(block_id=block_id)
    return _in_dates(found, "received_on", received_from, received_to)


@router.get(
    "/neighbourhood/cleaning-concerns/{ref}", response=ConcernOut, summary="One cleaning concern"
)
def get_concern(request: HttpRequest, ref: Ref) -> CleaningConcern:
    try:
        return _one(_concerns(request), ref)  # type: ignore[no-any-return]
    except ApiProblem as problem:
        raise ApiProblem(404, NOT_FOUND) from problem


def _reports(request: HttpRequest) -> QuerySet[FlyTipReport]:
    _user, _staff, found = _visible(
        request, Cap.VIEW_ESTATE_SERVICES,
        lambda: FlyTipReport.objects.select_related("block"), queries.flytipping_for_resident,
    )  # fmt: skip
    return found.select_related("duplicate_of").order_by("-received_at", "-pk")


@router.get(
    "/neighbourhood/fly-tipping",
    response=list[FlyTipOut],
    summary="Fly-tipping reports (a resident: their own)",
)
@paginate(Pages)
@resolved
def list_flytipping(
    request: HttpRequest,
    state: str | None = Query(None, pattern=OPEN_OR_CLOSED, description="Removed or not."),
    block_id: int | None = id_filter("Only this block."),
    received_from: IsoDate | None = RECEIVED_FROM,
    received_to: IsoDate | None = RECEIVED_TO,
) -> QuerySet[FlyTipReport]:
    found = _by_state(_reports(request), "removed_on", state)
    if state == "open":
        found = found.exclude(status=FlyTipStatus.DUPLICATE)
    if block_id:
        found = found.filter(block_id=block_id)
    return _in_dates(found, "received_on", received_from, received_to)


@router.get(
    "/neighbourhood/fly-tipping/{ref}", response=FlyTipOut, summary="One fly-tipping report"
)
def get_flytipping(request: HttpRequest, ref: Ref) -> FlyTipReport:
    try:
        return _one(_reports(request), ref)  # type: ignore[no-any-return]
    except ApiProblem as problem:
        raise ApiProblem(404, NOT_FOUND) from problem


def _cases(request: HttpRequest) -> tuple[Any, bool, QuerySet[AsbCase]]:
    return _visible(request, Cap.HANDLE_ASB, AsbCase.objects.all, queries.asb_for_resident)


@router.get(
    "/neighbourhood/asb-cases",
    response=list[AsbCaseOut],
    summary="ASB cases (a resident: those they reported)",
)
@paginate(Pages)
@resolved
def list_asb_cases(
    request: HttpRequest,
    state: str | None = Query(None, pattern=OPEN_OR_CLOSED),
    overdue: bool | None = Query(None, description="Only open cases whose update is overdue."),
    opened_from: IsoDate | None = OPENED_FROM,
    opened_to: IsoDate | None = OPENED_TO,
) -> QuerySet[AsbCase]:
    _user, _staff, found = _cases(request)
    found = _by_state(found, "closed_on", state)
    if overdue:
        found = found.filter(pk__in=queries.asb_overdue().values("pk"))
    return _in_dates(found, "opened_on", opened_from, opened_to).order_by("-opened_on", "-pk")


@router.get("/neighbourhood/asb-cases/{ref}", response=AsbCaseDetailOut, summary="One ASB case")
def get_asb_case(request: HttpRequest, ref: Ref) -> AsbCase:
    try:
        user, staff, found = _cases(request)
    except ApiProblem as problem:
        raise ApiProblem(404, NOT_FOUND) from problem
    case: AsbCase = _one(found, ref)
    if staff:
        case.parties_shown = list(case.parties.select_related("person"))  # type: ignore[attr-defined]
        services.log_case_read(case=case, user=user, what="API")
    else:  # a complainant never sees the parties, nor the officers' assessment (not saved)
        case.hate_incident = case.risk = None  # type: ignore[assignment]
    return case
