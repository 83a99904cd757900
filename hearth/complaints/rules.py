"""The Housing Ombudsman's Complaint Handling Code (statutory from 1 April 2024) as small named
rules. Each docstring quotes or paraphrases the clause it comes from; each rule has a test named
after it in `tests/test_rules.py`. Services, pages, reminders and measures all ask these, so a
due date is worked out one way everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from hearth.core.calendar import add_working_days

STAGE1_ACKNOWLEDGE_DAYS = 5
STAGE1_RESPONSE_DAYS = 10
STAGE1_MAX_EXTENSION_DAYS = 10
STAGE2_ACKNOWLEDGE_DAYS = 5
STAGE2_RESPONSE_DAYS = 20
STAGE2_MAX_EXTENSION_DAYS = 20

OMBUDSMAN = {
    "name": "Housing Ombudsman Service",
    "address": "PO Box 152, Liverpool, L33 7WQ",
    "phone": "0300 111 3000",
    "email": "info@housing-ombudsman.org.uk",
    "website": "https://www.housing-ombudsman.org.uk",
}


def max_extension_days(stage: int) -> int:
    return STAGE1_MAX_EXTENSION_DAYS if stage == 1 else STAGE2_MAX_EXTENSION_DAYS


def stage1_acknowledgement_due(received_on: date) -> date:
    """Code 6.2: complaints must be acknowledged, defined and logged at stage 1 within five
    working days of the complaint being received."""
    return add_working_days(received_on, STAGE1_ACKNOWLEDGE_DAYS)


def stage1_response_due(
    *, received_on: date, acknowledged_on: date | None, extension_days: int
) -> date:
    """Code 6.3 and 6.4: a full response within 10 working days of the acknowledgement, plus
    any extension of no more than 10 working days. A complaint never acknowledged is timed from
    its acknowledgement due date (measures spec, CH02)."""
    start = acknowledged_on or stage1_acknowledgement_due(received_on)
    extension = min(max(extension_days, 0), STAGE1_MAX_EXTENSION_DAYS)
    return add_working_days(start, STAGE1_RESPONSE_DAYS + extension)


def stage2_acknowledgement_due(requested_on: date) -> date:
    """Code 6.13: requests for stage 2 must be acknowledged, defined and logged within five
    working days of the escalation request being received."""
    return add_working_days(requested_on, STAGE2_ACKNOWLEDGE_DAYS)


def stage2_response_due(
    *, requested_on: date, acknowledged_on: date | None, extension_days: int
) -> date:
    """Code 6.16 and 6.17: a final response within 20 working days of the stage 2
    acknowledgement, plus any extension of no more than 20 working days. A request never
    acknowledged is timed from its acknowledgement due date (measures spec, CH02)."""
    start = acknowledged_on or stage2_acknowledgement_due(requested_on)
    extension = min(max(extension_days, 0), STAGE2_MAX_EXTENSION_DAYS)
    return add_working_days(start, STAGE2_RESPONSE_DAYS + extension)


def extension_problem(*, stage: int, already: int, extra: int, reason: str) -> str | None:
    """Code 6.4 and 6.17: an extension must be no more than 10 working days at stage 1 (20 at
    stage 2), and its reasons clearly explained to the resident. Returns what is wrong, if
    anything."""
    if extra < 1:
        return _("Enter how many working days to extend by, 1 or more")
    if not reason.strip():
        return _("Enter the reason for the extension: the resident is told it")
    limit = max_extension_days(stage)
    if already + extra > limit:
        left = limit - already
        if left <= 0:
            return _(
                "Stage %(stage)s has already been extended by the most allowed, "
                "%(limit)s working days"
            ) % {"stage": stage, "limit": limit}
        return _(
            "Stage %(stage)s can be extended by at most %(limit)s working days in all; "
            "%(left)s are left"
        ) % {"stage": stage, "limit": limit, "left": left}
    return None


def stage2_handler_differs(*, stage1_handler_id: int | None, stage2_handler_id: int | None) -> bool:
    """Code 6.15: the person considering the complaint at stage 2 must not be the same person
    that considered it at stage 1."""
    if stage1_handler_id is None or stage2_handler_id is None:
        return True
    return stage1_handler_id != stage2_handler_id


def may_escalate(*, stage1_responded_on: date | None, stage2_requested_on: date | None) -> bool:
    """Code 6.12: if all or part of the complaint is not resolved to the resident's satisfaction
    at stage 1, it must be progressed to stage 2 (once there is a stage 1 response to be unhappy
    with, and only once)."""
    return stage1_responded_on is not None and stage2_requested_on is None


# Hearth's floor for the date a complaint was received (docs/complaints.md).
EARLIEST_RECEIVED_ON = date(2000, 1, 1)


def received_on_problem(received_on: date, *, today: date) -> str | None:
    """Why a complaint cannot have been received on `received_on`, or None if it could.

    A date received starts the Code's clocks (Code 5.1: acknowledge within 5 working days),
    so it must be real: not after today, and not before 1 January 2000. That floor is ours,
    not the Code's: no landlord still holds an open complaint, or a closed one it must keep,
    from before then, so an earlier date (1900, say) is a mistake in typing or in a file.
    """
    if received_on > today:
        return _("The date received must be today or in the past")
    if received_on < EARLIEST_RECEIVED_ON:
        return _("The date received must be 1 January 2000 or later")
    return None


def twelve_months_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def exclusion_problem(
    *, reason: str, explanation: str, received_on: date, issue_date: date | None
) -> dict[str, str]:
    """Code 2.2 to 2.4: a complaint may be refused only on fair grounds such as the issue having
    occurred over twelve months ago, legal proceedings having started, or the matter having
    already been considered under the complaints policy; and the resident must be told why. Code
    2.3: complaints made within 12 months of the issue (or of the resident becoming aware of it)
    must be accepted, so "over 12 months" needs a recorded date that is."""
    from hearth.complaints.models import ExclusionReason

    errors: dict[str, str] = {}
    if reason not in ExclusionReason.values:
        errors["reason"] = _("Choose one of the grounds the Complaint Handling Code allows")
    if not explanation.strip():
        errors["explanation"] = _("Explain the decision: the resident is sent this explanation")
    if reason == ExclusionReason.OVER_12_MONTHS:
        if issue_date is None:
            errors["issue_date"] = _(
                "Enter when the issue happened or the resident became aware of it"
            )
        elif issue_date >= twelve_months_before(received_on):
            errors["issue_date"] = _(
                "The issue was less than 12 months before the complaint, so it must be accepted"
            )
    return errors


def compensation_offset_allowed(*, offset_against_arrears: bool, resident_consented: bool) -> bool:
    """Housing Ombudsman remedies guidance (Code 7.4 requires landlords to follow it):
    compensation is paid to the resident and is not set against rent arrears unless the resident
    has agreed."""
    return resident_consented or not offset_against_arrears


RESPONSE_PARTS = (
    ("definition", "the complaint definition"),
    ("decision", "the decision on the complaint"),
    ("reasons", "the reasons for the decision"),
    ("remedy", "the remedy offered, or why none is"),
    ("outstanding_actions", "any outstanding actions, or that there are none"),
    ("how_to_escalate", "how to escalate"),
)


def response_missing_parts(parts: Mapping[str, Any]) -> list[str]:
    """Code 6.11 and 6.21: at the end of each stage the landlord must confirm in writing the
    complaint stage, the complaint definition, the decision, the reasons, any remedy, any
    outstanding actions, and how to escalate (to stage 2, or to the Ombudsman after stage 2).
    Returns the names of the parts that are empty."""
    return [name for name, _label in RESPONSE_PARTS if not str(parts.get(name) or "").strip()]


def compensation_total(amounts: list[Decimal]) -> Decimal:
    """Money is exact: a sum of Decimals in pence, never floats."""
    return sum(amounts, Decimal("0.00")).quantize(Decimal("0.01"))
