"""Due-soon reminders and overdue escalations for every case type with a clock.

A domain tells core which of its open cases have a deadline, in its `sweeps.py`:

    @due_source("repairs.repair")
    def open_repairs(*, due_by: date) -> Iterable[DueItem]:
        for repair in Repair.objects.open().filter(due_on__lte=due_by).select_related("owner"):
            yield DueItem(case=repair, title=str(repair), due=repair.due_on, owner=repair.owner)

The hourly sweeps then email the case's owner when it falls due soon (within
HEARTH_DUE_SOON_WORKING_DAYS working days, or due today) and, once it is overdue, the owner
and every manager. Idempotency keys name the case and its due date, so each person hears once
per due date however often the sweeps run, and again only if the due date moves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models

from hearth.core import calendar, deadlines
from hearth.core.models import Message
from hearth.core.notifications import queue_staff_message


@dataclass(frozen=True)
class DueItem:
    case: models.Model
    title: str
    due: date
    owner: Any = None
    url: str = ""


DueSource = Callable[..., Iterable[DueItem]]
_sources: dict[str, DueSource] = {}


def due_source(name: str) -> Callable[[DueSource], DueSource]:
    """Register a function that lists open cases due on or before `due_by`."""

    def register(func: DueSource) -> DueSource:
        _sources[name] = func
        return func

    return register


def sources() -> dict[str, DueSource]:
    from hearth.core.sweeps import registered

    registered()  # imports every app's sweeps module, where sources are registered
    return dict(_sources)


def case_label(case: models.Model) -> str:
    return f"{case._meta.label_lower}:{case.pk}"


def _already_queued(key: str) -> bool:
    # Checked first so a sweep neither renders nor counts a reminder it sent in an earlier run.
    return Message.objects.filter(idempotency_key=key).exists()


MANAGER_ROLE = "manager"  # accounts.Role.MANAGER; core names no app above it


def _managers() -> list[Any]:
    users = get_user_model()._default_manager
    return list(users.filter(role=MANAGER_ROLE, is_active=True).exclude(email=""))


def _context(item: DueItem, state: deadlines.State) -> dict[str, Any]:
    url = f"{settings.SITE_URL.rstrip('/')}{item.url}" if item.url.startswith("/") else item.url
    return {"title": item.title, "due": item.due, "state": state.label, "case_url": url}


def send_due_soon_reminders(*, now: datetime) -> dict[str, int]:
    """Email each open case's owner once when it becomes due soon or due today."""
    today = deadlines.local_date(now)
    horizon = calendar.add_working_days(today, settings.HEARTH_DUE_SOON_WORKING_DAYS)
    queued = 0
    for source in sources().values():
        for item in source(due_by=horizon):
            state = deadlines.state(item.due, now=now)
            if state not in (deadlines.State.DUE_SOON, deadlines.State.DUE_TODAY) or not item.owner:
                continue
            key = f"reminder:{case_label(item.case)}:{item.due.isoformat()}"
            if _already_queued(key):
                continue
            queue_staff_message(
                user=item.owner,
                purpose="due_reminder_staff",
                context=_context(item, state),
                case=item.case,
                idempotency_key=key,
            )
            queued += 1
    return {"queued": queued}


def escalate_overdue(*, now: datetime) -> dict[str, int]:
    """Email the owner and every manager once when an open case goes past its due date."""
    today = deadlines.local_date(now)
    managers: list[Any] | None = None
    queued = 0
    for source in sources().values():
        for item in source(due_by=today):
            if deadlines.state(item.due, now=now) is not deadlines.State.OVERDUE:
                continue
            if managers is None:
                managers = _managers()
            recipients = {user.pk: user for user in [item.owner, *managers] if user is not None}
            for user in recipients.values():
                key = f"overdue:{case_label(item.case)}:{item.due.isoformat()}:{user.pk}"
                if _already_queued(key):
                    continue
                queue_staff_message(
                    user=user,
                    purpose="overdue_escalation_staff",
                    context=_context(item, deadlines.State.OVERDUE),
                    case=item.case,
                    idempotency_key=key,
                )
                queued += 1
    return {"queued": queued}
