"""Repairs' scheduled jobs: day-before appointment reminders, marking appointments nobody
attended as missed, and the open repairs the core due-soon and overdue emails cover."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from hearth.core.deadlines import local_date
from hearth.core.reminders import DueItem, due_source
from hearth.core.sweeps import sweep
from hearth.repairs.models import Repair

LIMIT = 2000


@sweep("repairs.appointment_reminders", every=timedelta(hours=1))
def appointment_reminders(*, now: datetime) -> dict[str, int]:
    """Remind residents the day before their repair appointment (once per appointment)."""
    from hearth.repairs.services import send_day_before_reminders

    return {"reminded": send_day_before_reminders(now=now)}


@sweep("repairs.missed_appointments", every=timedelta(hours=1))
def missed_appointments(*, now: datetime) -> dict[str, int]:
    """Mark as missed any appointment still booked after its day with no visit recorded."""
    from hearth.repairs.services import mark_missed_appointments

    return {"missed": mark_missed_appointments(before=local_date(now))}


@due_source("repairs.repair")
def open_repairs(*, due_by: date) -> Iterator[DueItem]:
    """Open repairs with an owner or an operative, due by `due_by`: they hear when one falls
    due soon, and they and the managers when it goes overdue."""
    repairs = (
        Repair.objects.open()
        .filter(due_on__lte=due_by)
        .exclude(owner__isnull=True, operative__isnull=True)
        .select_related("owner", "operative")
        .order_by("due_on", "pk")[:LIMIT]
    )
    for repair in repairs:
        owner: Any = repair.operative or repair.owner
        yield DueItem(case=repair, title=str(repair), due=repair.due_on, owner=owner,
                      url=repair.get_absolute_url())  # fmt: skip
