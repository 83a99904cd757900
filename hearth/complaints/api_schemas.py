"""The complaints API's request and response shapes (the OpenAPI spec is built from these)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator

from hearth.complaints.models import (
    Category,
    Channel,
    Decision,
    ExclusionReason,
    RemedyKind,
    Status,
)
from hearth.contacts.models import ContactChannel
from hearth.core.api.params import NOT_BLANK
from hearth.core.forms import TEXT_LIMIT, TEXTAREA_LIMIT


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic would otherwise read a number as seconds since 1970."""
    if isinstance(value, date) or (
        isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
    ):
        return value
    raise ValueError("Enter a date in the form YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class ComplaintOut(Schema):
    ref: str = Field(description="The complaint's reference, used in every path.")
    status: str
    stage: int
    category: str
    channel: str
    received_on: date
    tenancy_id: int | None
    home_id: int | None
    description: str
    desired_outcome: str
    stage1_acknowledged_on: date | None
    stage1_extension_days: int
    stage1_responded_on: date | None
    stage2_requested_on: date | None
    stage2_acknowledged_on: date | None
    stage2_extension_days: int
    stage2_responded_on: date | None
    outcome: str = Field(description="upheld, partly_upheld, not_upheld, withdrawn or empty.")
    compensation: Decimal | None = Field(description="Pounds, exact.")
    next_action: str = Field(description="What the Code requires next, or empty when closed.")
    next_due_on: date | None
    stage1_handler_id: int | None
    stage2_handler_id: int | None


class ResponseOut(Schema):
    stage: int
    definition: str
    decision: str
    reasons: str
    remedy: str
    outstanding_actions: str
    how_to_escalate: str
    sent_on: date


class EventOut(Schema):
    occurred_at: datetime
    summary: str


class ComplaintDetailOut(ComplaintOut):
    responses: list[ResponseOut]
    timeline: list[EventOut]


class ComplaintIn(Schema):
    category: Category
    description: str = Field(min_length=1, max_length=5000, pattern=NOT_BLANK)
    desired_outcome: str = Field("", max_length=2000)
    # Staff only: a resident's complaint is always from them, online, today.
    channel: Channel | None = Field(None, description="Staff: how it was made (default phone).")
    received_on: IsoDate | None = None
    tenancy_id: int | None = Field(None, ge=1, le=2**63 - 1)
    # The same limits as the forms (and the columns that keep them).
    contact_name: str = Field("", max_length=TEXT_LIMIT)
    contact_email: str = Field("", max_length=TEXT_LIMIT)
    contact_phone: str = Field("", max_length=40)
    contact_address: str = Field("", max_length=TEXTAREA_LIMIT)
    representative_name: str = Field("", max_length=TEXT_LIMIT)
    representative_relationship: str = Field("", max_length=100)
    about_case_type: str = Field("", max_length=20)
    about_case_ref: str = Field("", max_length=60)


class SentBy(Schema):
    on: IsoDate | None = Field(None, description="When it was done (default today).")
    sent_by: ContactChannel | None = Field(
        None, description="With no person record: how staff sent it themselves."
    )


class AcknowledgeIn(SentBy):
    definition: str = Field(min_length=1, max_length=5000, pattern=NOT_BLANK)


class ExtendIn(SentBy):
    days: int = Field(ge=1, le=365)
    reason: str = Field(min_length=1, max_length=2000, pattern=NOT_BLANK)


class RemedyIn(Schema):
    kind: RemedyKind
    description: str = Field("", max_length=1000)
    amount: str | None = Field(
        None, pattern=r"^[0-9]{1,7}(\.[0-9]{1,2})?$", description="Pounds, like 50 or 75.50."
    )
    offset_against_arrears: bool = False
    resident_consented_to_offset: bool = False


class ActionIn(Schema):
    description: str = Field(min_length=1, max_length=500, pattern=NOT_BLANK)
    due_on: IsoDate | None = None


class RespondIn(SentBy):
    decision: Decision
    reasons: str = Field(max_length=10000)
    remedy: str = Field(max_length=5000)
    outstanding_actions: str = Field(max_length=5000)
    how_to_escalate: str = Field(max_length=5000)
    remedies: list[RemedyIn] = []
    actions: list[ActionIn] = []


class EscalateIn(Schema):
    reason: str = Field("", max_length=2000, description="Optional: no reasons are needed.")
    on: IsoDate | None = Field(None, description="Staff: when the resident asked (default today).")


class ExcludeIn(SentBy):
    reason: ExclusionReason
    explanation: str = Field(min_length=1, max_length=5000, pattern=NOT_BLANK)
    issue_date: IsoDate | None = None


class WithdrawIn(Schema):
    note: str = Field("", max_length=500)
    on: IsoDate | None = None


class AssignIn(Schema):
    stage: int = Field(ge=1, le=2)
    handler_id: int = Field(ge=1, le=2**63 - 1)


class ComplaintPage(Schema):
    count: int
    next: str | None
    previous: str | None
    items: list[ComplaintOut]


class QueueStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    STAGE1_RECEIVED = Status.STAGE1_RECEIVED.value
    STAGE1_OPEN = Status.STAGE1_OPEN.value
    STAGE1_ANSWERED = Status.STAGE1_ANSWERED.value
    STAGE2_REQUESTED = Status.STAGE2_REQUESTED.value
    STAGE2_OPEN = Status.STAGE2_OPEN.value
    FINAL = Status.CLOSED.value + "_final"
    EXCLUDED = Status.EXCLUDED.value
    WITHDRAWN = Status.WITHDRAWN.value
