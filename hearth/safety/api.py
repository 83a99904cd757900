"""Building safety over the API, for staff, through the same services as the pages.

Staff who may see the register list the checks (filtered by kind, home, block, outcome, due
date) and the remedial actions, and read the compliance summary; the compliance team records
checks (without a certificate: upload those on the check's page), raises mitigations and closes
actions. A request the schema allows but a rule refuses (a check dated in the future, an overdue
action closed without a mitigation) is a 409 problem naming the fields concerned; an unknown
reference is a 404 problem; a role without the capability gets a 403 problem.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import BeforeValidator

from hearth.core.api.access import require
from hearth.core.api.pagination import Pages
from hearth.core.api.params import id_filter
from hearth.core.api.problems import ApiProblem, call_service
from hearth.estates.models import Block, Home
from hearth.safety import queries, services
from hearth.safety.models import ActionStatus, CheckType, RemedialAction, SafetyCheck
from hearth.safety.permissions import SafetyCan

router = Router(tags=["building safety"])
REFUSED = "tag:hearth,2025:problem:safety-rule"
Ref = Annotated[str, Field(max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic would otherwise read a number as seconds since 1970."""
    if isinstance(value, dt.date) or (
        isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
    ):
        return value
    raise ValueError("Enter a date in the form YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class ActionOut(Schema):
    ref: str
    check_ref: str = Field(alias="safety_check.ref")
    finding: str
    description: str
    risk: str
    raised_on: dt.date
    due_on: dt.date
    status: str
    completed_on: dt.date | None
    works_order_ref: str
    mitigation: str


class CheckOut(Schema):
    ref: str
    kind: str
    home_ref: str | None = Field(None, alias="home.ref")
    block_ref: str | None = Field(None, alias="block.ref")
    asset_ref: str
    done_on: dt.date
    next_due_on: dt.date
    outcome: str
    contractor: str
    engineer: str
    certificate_ref: str
    has_certificate: bool
    risk: str

    @staticmethod
    def resolve_has_certificate(obj: SafetyCheck) -> bool:
        return bool(obj.certificate)


class CheckDetailOut(CheckOut):
    actions: list[ActionOut]

    @staticmethod
    def resolve_actions(obj: SafetyCheck) -> list[RemedialAction]:
        return list(obj.actions.select_related("safety_check"))


class FindingIn(Schema):
    finding: str = Field(pattern="^(eicr_c1|eicr_c2|gas_id|gas_ar|fra|other)$")
    description: str = Field(min_length=1, max_length=2000)
    risk: str | None = Field(None, pattern="^(immediate|high|medium|low)$")


class CheckIn(Schema):
    check_type: str = Field(max_length=30, description="A check type code, e.g. gas, lift.")
    home_id: int | None = Field(None, ge=1, le=2**63 - 1)
    block_id: int | None = Field(None, ge=1, le=2**63 - 1)
    done_on: IsoDate
    outcome: str = Field(pattern="^(satisfactory|unsatisfactory|no_access)$")
    contractor: str = Field("", max_length=200)
    engineer: str = Field("", max_length=200)
    asset_ref: str = Field("", max_length=40)
    certificate_ref: str = Field("", max_length=60)
    next_due_on: IsoDate | None = None
    risk: str = Field("", pattern="^(|high|medium|low)$")
    notes: str = Field("", max_length=5000)
    findings: list[FindingIn] = Field(default_factory=list, max_length=20)


class MitigationIn(Schema):
    mitigation: str = Field(min_length=1, max_length=5000)


class CompleteIn(Schema):
    completed_on: IsoDate
    mitigation: str = Field("", max_length=5000)


class SummaryOut(Schema):
    check_type: str
    name: str
    unit: str
    in_scope: int
    in_date: int
    overdue: int
    due_soon: int
    no_access: int


def _check(ref: str) -> SafetyCheck:
    found = SafetyCheck.objects.select_related("home", "block").filter(ref=ref).first()
    if found is None:
        raise ApiProblem(404, "There is no safety check with this reference.")
    return found


def _action(ref: str) -> RemedialAction:
    found = RemedialAction.objects.select_related("safety_check").filter(ref=ref).first()
    if found is None:
        raise ApiProblem(404, "There is no remedial action with this reference.")
    return found


@router.get("/safety/summary", response=list[SummaryOut], summary="Compliance by check type")
def summary(request: HttpRequest, estate_id: int | None = id_filter("Only this estate.")) -> Any:
    require(request, SafetyCan.VIEW_SAFETY)
    return [
        {"check_type": r.check_type.code, "name": r.check_type.name, "unit": r.unit,
         "in_scope": r.in_scope, "in_date": r.in_date, "overdue": r.overdue,
         "due_soon": r.due_soon, "no_access": r.no_access}
        for r in queries.dashboard(on=timezone.localdate(), estate=estate_id)
    ]  # fmt: skip


@router.get("/safety/checks", response=list[CheckOut], summary="Safety checks")
@paginate(Pages)
def list_checks(
    request: HttpRequest,
    kind: str | None = Query(None, max_length=20),
    outcome: str | None = Query(None, pattern="^(satisfactory|unsatisfactory|no_access)$"),
    home_id: int | None = id_filter("Only checks of this home."),
    block_id: int | None = id_filter("Only checks of this block's communal areas and lifts."),
) -> QuerySet[SafetyCheck]:
    require(request, SafetyCan.VIEW_SAFETY)
    checks = SafetyCheck.objects.select_related("home", "block").order_by("-done_on", "-pk")
    if kind:
        checks = checks.filter(kind=kind)
    if outcome:
        checks = checks.filter(outcome=outcome)
    if home_id:
        checks = checks.filter(home_id=home_id)
    if block_id:
        checks = checks.filter(block_id=block_id)
    return checks


@router.get("/safety/checks/{ref}", response=CheckDetailOut, summary="One safety check")
def get_check(request: HttpRequest, ref: Ref) -> SafetyCheck:
    require(request, SafetyCan.VIEW_SAFETY)
    return _check(ref)


@router.post("/safety/checks", response={201: CheckDetailOut}, summary="Record a check")
def record_check(request: HttpRequest, body: CheckIn) -> tuple[int, SafetyCheck]:
    user = require(request, SafetyCan.MANAGE_SAFETY)
    check_type = CheckType.objects.filter(code=body.check_type).first()
    if check_type is None:
        raise ApiProblem(422, "There is no check type with this code.")
    home = Home.objects.filter(pk=body.home_id).first() if body.home_id else None
    block = Block.objects.filter(pk=body.block_id).first() if body.block_id else None
    if (body.home_id and home is None) or (body.block_id and block is None):
        raise ApiProblem(404, "There is no such home or block.")
    check = call_service(
        lambda: services.record_check(
            actor=user, check_type=check_type, home=home, block=block, done_on=body.done_on,
            outcome=body.outcome, contractor=body.contractor, engineer=body.engineer,
            asset_ref=body.asset_ref, certificate_ref=body.certificate_ref,
            next_due_on=body.next_due_on, risk=body.risk, notes=body.notes,
            findings=[services.FindingInput(f.finding, f.description, f.risk or "")
                      for f in body.findings],
        ),
        title="The check cannot be recorded", type=REFUSED,
    )  # fmt: skip
    return 201, check


@router.get("/safety/actions", response=list[ActionOut], summary="Remedial actions")
@paginate(Pages)
def list_actions(
    request: HttpRequest,
    status: str | None = Query(None, pattern="^(open|done)$"),
    risk: str | None = Query(None, pattern="^(immediate|high|medium|low)$"),
    overdue: bool = Query(False, description="Only open actions past their deadline."),
) -> QuerySet[RemedialAction]:
    require(request, SafetyCan.VIEW_SAFETY)
    actions = RemedialAction.objects.select_related("safety_check").order_by("due_on", "pk")
    if status:
        actions = actions.filter(status=status)
    if risk:
        actions = actions.filter(risk=risk)
    if overdue:
        actions = actions.filter(status=ActionStatus.OPEN, due_on__lt=timezone.localdate())
    return actions


@router.post("/safety/actions/{ref}/mitigation", response=ActionOut, summary="Record a mitigation")
def mitigate(request: HttpRequest, ref: Ref, body: MitigationIn) -> RemedialAction:
    user = require(request, SafetyCan.MANAGE_SAFETY)
    action = _action(ref)
    return call_service(
        lambda: services.record_mitigation(actor=user, action=action, mitigation=body.mitigation),
        title="The mitigation cannot be recorded", type=REFUSED,
    )  # fmt: skip


@router.post("/safety/actions/{ref}/complete", response=ActionOut, summary="Close an action")
def complete(request: HttpRequest, ref: Ref, body: CompleteIn) -> RemedialAction:
    user = require(request, SafetyCan.MANAGE_SAFETY)
    action = _action(ref)
    return call_service(
        lambda: services.complete_action(actor=user, action=action,
                                         completed_on=body.completed_on, mitigation=body.mitigation),
        title="The action cannot be closed", type=REFUSED,
    )  # fmt: skip
