"""Empty homes over the API: the voids board and one void with its gates, for staff who may
see voids. Errors are problem bodies (hearth.core.api.problems)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hearth.core.api.access import require
from hearth.core.api.pagination import Pages
from hearth.core.api.problems import ApiProblem
from hearth.lettings import queries
from hearth.lettings.models import Stage, Void
from hearth.lettings.permissions import Can

router = Router(tags=["empty homes"])


class VoidOut(Schema):
    ref: str = Field(description="The void's reference.")
    home_ref: str
    address: str
    estate_ref: str
    stage: str = Field(description="inspection, works, checks, offering, sign_up or let.")
    works_type: str = Field(description="minor or major.")
    previous_tenancy_end: date
    keys_returned_on: date | None
    target_days: int = Field(description="Calendar days from the previous tenancy's end.")
    let_by: date
    days_empty: int = Field(description="Calendar days from the end to the new start, or to today.")
    works_completed_on: date | None
    letting_standard_passed_on: date | None
    viewing_offered_on: date | None
    signed_on: date | None
    let_on: date | None
    new_tenancy_ref: str | None
    owner: str | None

    @staticmethod
    def resolve_home_ref(void: Void) -> str:
        return void.home.ref

    @staticmethod
    def resolve_address(void: Void) -> str:
        return void.home.address

    @staticmethod
    def resolve_estate_ref(void: Void) -> str:
        return void.home.block.estate.ref

    @staticmethod
    def resolve_days_empty(void: Void) -> int:
        return queries.days_empty(void)

    @staticmethod
    def resolve_new_tenancy_ref(void: Void) -> str | None:
        return void.new_tenancy.ref if void.new_tenancy is not None else None

    @staticmethod
    def resolve_owner(void: Void) -> str | None:
        return void.owner.display_name if void.owner is not None else None


class GateOut(Schema):
    name: str
    passed: bool
    outstanding: str = Field(description="What is still needed, when not passed.")


class VoidDetailOut(VoidOut):
    rent_lost: Decimal = Field(description="Rent lost so far, pounds, rounded to the penny.")
    gates: list[GateOut]
    outstanding: list[str] = Field(description="What still stands before the home can be let.")


@router.get("/voids", response=list[VoidOut], summary="Empty homes (the voids board)")
@paginate(Pages)
def list_voids(
    request: HttpRequest,
    estate: str = Query("", description="Only voids on the estate with this reference."),
    stage: str = Query(
        "", description="Only voids at this stage.", pattern="^(" + "|".join(Stage.values) + ")?$"
    ),
    include_let: bool = Query(False, description="Include voids already let."),
) -> QuerySet[Void]:
    require(request, Can.VIEW_VOIDS)
    voids = queries.board(estate=estate, stage=stage, include_let=include_let)
    return voids.select_related("new_tenancy")


@router.get("/voids/{ref}", response=VoidDetailOut, summary="One void, with its gates")
def get_void(request: HttpRequest, ref: str) -> Void:
    require(request, Can.VIEW_VOIDS)
    try:
        void = queries.get_void_for_staff(ref)
    except Http404:
        raise ApiProblem(404, f"No void {ref}.") from None
    starts_on = void.let_on or timezone.localdate()
    gates = queries.gates(void, starts_on=starts_on)
    void.__dict__.update(
        rent_lost=queries.rent_lost(void, queries.weekly_of(void)),
        gates=[
            {"name": g.name, "passed": g.passed, "outstanding": "" if g.passed else g.outstanding}
            for g in gates
        ],
        outstanding=[]
        if void.let_on
        else queries.outstanding_for_letting(void, starts_on=starts_on),
    )
    return void
