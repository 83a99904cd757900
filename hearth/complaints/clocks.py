"""Where a complaint stands against the Code's clocks: what must happen next and by when.

`next_step` is what the services, the importer and the demo store on each complaint
(`next_action`, `next_due_on`), so work queues and reminders can ask the database; `stage_clocks`
is what a case page shows, one line per deadline, met or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hearth.complaints import rules
from hearth.complaints.models import Complaint, NextAction, Outcome, Status
from hearth.core import deadlines
from hearth.core.calendar import CalendarChange


def next_step(complaint: Complaint, status: str | None = None) -> tuple[str, date | None]:
    """The next thing the Code requires of us on this complaint (at `status`, by default its
    own), and its due date."""
    status = status or complaint.status
    if status == Status.STAGE1_RECEIVED:
        return NextAction.ACKNOWLEDGE_STAGE1, rules.stage1_acknowledgement_due(
            complaint.received_on
        )
    if status == Status.STAGE1_OPEN:
        return NextAction.RESPOND_STAGE1, rules.stage1_response_due(
            received_on=complaint.received_on,
            acknowledged_on=complaint.stage1_acknowledged_on,
            extension_days=complaint.stage1_extension_days,
        )
    if status == Status.STAGE2_REQUESTED and complaint.stage2_requested_on:
        return NextAction.ACKNOWLEDGE_STAGE2, rules.stage2_acknowledgement_due(
            complaint.stage2_requested_on
        )
    if status == Status.STAGE2_OPEN and complaint.stage2_requested_on:
        return NextAction.RESPOND_STAGE2, rules.stage2_response_due(
            requested_on=complaint.stage2_requested_on,
            acknowledged_on=complaint.stage2_acknowledged_on,
            extension_days=complaint.stage2_extension_days,
        )
    return "", None


def refresh(complaint: Complaint, status: str | None = None) -> list[str]:
    """Set `next_action` and `next_due_on` from the complaint's dates; the fields that changed."""
    action, due = next_step(complaint, status)
    changed = []
    if complaint.next_action != action:
        complaint.next_action = action
        changed.append("next_action")
    if complaint.next_due_on != due:
        complaint.next_due_on = due
        changed.append("next_due_on")
    return changed


def status_from_dates(
    *,
    outcome: str,
    stage1_acknowledged_on: date | None,
    stage1_responded_on: date | None,
    stage2_requested_on: date | None,
    stage2_acknowledged_on: date | None,
    stage2_responded_on: date | None,
) -> str:
    """The status a complaint's recorded dates imply (for imported and demo records)."""
    if outcome == Outcome.WITHDRAWN:
        return Status.WITHDRAWN
    if stage2_responded_on:
        return Status.CLOSED
    if stage2_requested_on:
        return Status.STAGE2_OPEN if stage2_acknowledged_on else Status.STAGE2_REQUESTED
    if stage1_responded_on:
        return Status.STAGE1_ANSWERED
    if stage1_acknowledged_on:
        return Status.STAGE1_OPEN
    return Status.STAGE1_RECEIVED


@dataclass(frozen=True)
class StageClock:
    label: str
    due: date
    done_on: date | None
    state: deadlines.State


def stage_clocks(complaint: Complaint) -> list[StageClock]:
    """Every deadline the complaint has had so far, with whether it was (or is being) met."""
    clocks: list[StageClock] = []

    def add(label: str, due: date, done_on: date | None) -> None:
        clocks.append(StageClock(label, due, done_on, deadlines.state(due, done=done_on)))

    c = complaint
    add(
        "Stage 1 acknowledgement",
        rules.stage1_acknowledgement_due(c.received_on),
        c.stage1_acknowledged_on,
    )
    if c.stage1_acknowledged_on or c.stage1_responded_on or c.status == Status.STAGE1_OPEN:
        due = rules.stage1_response_due(
            received_on=c.received_on,
            acknowledged_on=c.stage1_acknowledged_on,
            extension_days=c.stage1_extension_days,
        )
        add("Stage 1 response", due, c.stage1_responded_on)
    if c.stage2_requested_on:
        add(
            "Stage 2 acknowledgement",
            rules.stage2_acknowledgement_due(c.stage2_requested_on),
            c.stage2_acknowledged_on,
        )
        if c.stage2_acknowledged_on or c.stage2_responded_on:
            due = rules.stage2_response_due(
                requested_on=c.stage2_requested_on,
                acknowledged_on=c.stage2_acknowledged_on,
                extension_days=c.stage2_extension_days,
            )
            add("Stage 2 final response", due, c.stage2_responded_on)
    if c.status in (Status.EXCLUDED, Status.WITHDRAWN):
        # Clocks stop: an unmet deadline of a refused or withdrawn complaint is history, not work.
        clocks = [k for k in clocks if k.done_on is not None]
    return clocks


def recount_open_complaints(change: CalendarChange) -> int:
    """A closure day added or removed moves the next due date of every open complaint counted
    across it (registered with the calendar's recounts; the complaint periods are fixed, so
    each is worked out again from its dates). How many complaints moved."""
    from hearth.complaints.queries import refresh_open_clocks

    return refresh_open_clocks()
