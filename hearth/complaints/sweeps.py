"""Reminders for complaints: each open complaint's next deadline (acknowledge or respond, at
stage 1 or 2) and each outstanding action, told to core's hourly sweeps. The sweeps email the
handler when one falls due soon and, once overdue, the handler and every manager; their
idempotency keys name the case and due date, so running them again sends nothing twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from hearth.complaints.models import Complaint
from hearth.complaints.queries import open_actions
from hearth.core.reminders import DueItem, due_source


@due_source("complaints.complaint")
def complaints_due(*, due_by: date) -> Iterator[DueItem]:
    complaints = (
        Complaint.objects.open()
        .filter(next_due_on__lte=due_by)
        .select_related("stage1_handler", "stage2_handler")
        .order_by("next_due_on", "pk")
    )
    for complaint in complaints.iterator(chunk_size=500):
        assert complaint.next_due_on is not None
        yield DueItem(
            case=complaint,
            title=f"Complaint {complaint.ref}: {complaint.get_next_action_display()}",
            due=complaint.next_due_on,
            owner=complaint.handler_for(complaint.stage),
            url=reverse("complaints:detail", args=[complaint.ref]),
        )


@due_source("complaints.action")
def complaint_actions_due(*, due_by: date) -> Iterator[DueItem]:
    for action in open_actions().filter(due_on__lte=due_by).order_by("due_on", "pk"):
        assert action.due_on is not None
        yield DueItem(
            case=action,
            title=f"Complaint {action.complaint.ref} action: {action.description}",
            due=action.due_on,
            owner=action.owner,
            url=reverse("complaints:detail", args=[action.complaint.ref]) + "#actions",
        )
