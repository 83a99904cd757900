"""When a closure day is added or removed, open repairs' stored due dates move with it.

Registered with `hearth.core.calendar.register_recount` in the app's ready(); the closure-day
services call it once, in the transaction of the change.

- `due_on` of a repair due in working days (every priority but emergency, whose due time is in
  clock hours) is the Nth working day after the day it was reported. N was the priority's time
  when the repair was raised (the landlord may have changed the times since, and repairs already
  raised keep theirs), so it is moved rather than worked out again: a day that stops being a
  working day between the report and the due date pushes the due date to the next working day;
  a day that becomes a working day again brings it back to the previous one.
- `rtr_due_on`, the Right to Repair period's end, and the Awaab's Law clocks not yet met are
  worked out again from their start and their fixed statutory periods, as are the progress
  updates owed after further-work visits.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import calendar, timeline
from hearth.core.calendar import CalendarChange
from hearth.core.deadlines import local_date
from hearth.repairs import rules
from hearth.repairs.models import DampMould, Repair, Status, Visit, VisitOutcome


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _moved_due_on(repair: Repair, change: CalendarChange) -> date:
    if repair.due_at is not None or local_date(repair.reported_at) >= change.day:
        return repair.due_on
    if change.closed and change.day <= repair.due_on:
        return calendar.next_working_day(repair.due_on)
    if not change.closed and change.day < repair.due_on:
        return calendar.previous_working_day(repair.due_on)
    return repair.due_on


@transaction.atomic
def recount_due_dates(change: CalendarChange) -> int:
    """Move the stored due dates of open repairs across `change`; how many repairs moved."""
    if calendar.is_weekend(change.day) or calendar.is_bank_holiday(change.day):
        return 0  # never a working day, closed or not: nothing counted across it moves
    open_repairs = Repair.objects.filter(status=Status.OPEN, reported_at__lt=_start_of(change.day))

    moved: list[Repair] = []
    for repair in open_repairs.filter(due_on__gte=change.day).only(
        "pk", "reported_at", "due_at", "due_on", "right_to_repair_days", "rtr_due_on"
    ):
        due_on = _moved_due_on(repair, change)
        rtr_due_on = repair.rtr_due_on
        if repair.right_to_repair_days and rtr_due_on is not None:
            rtr_due_on = calendar.add_working_days(
                local_date(repair.reported_at), repair.right_to_repair_days
            )
        if (due_on, rtr_due_on) != (repair.due_on, repair.rtr_due_on):
            repair.due_on, repair.rtr_due_on = due_on, rtr_due_on
            moved.append(repair)
    Repair.objects.bulk_update(moved, ["due_on", "rtr_due_on"], batch_size=500)
    timeline.record_many(
        timeline.Event(
            case=repair,
            verb="due_date_recounted",
            summary=_("Now due %(due)s: %(day)s %(what)s")
            % {
                "due": date_format(repair.due_on, "j F Y"),
                "day": date_format(change.day, "j F Y"),
                "what": _("is a closure day") if change.closed else _("is a working day again"),
            },
            actor=None,
            details={"day": change.day.isoformat(), "closed": change.closed},
        )
        for repair in moved
    )

    clocks: list[DampMould] = []
    not_investigated = Q(investigated_on__isnull=True, aware_at__lt=_start_of(change.day))
    for found in DampMould.objects.filter(
        not_investigated | Q(investigated_on__lt=change.day), repair__status=Status.OPEN
    ):
        before = (found.investigation_due_on, found.summary_due_on, found.safety_work_due_on)
        if found.investigated_on is None:
            found.investigation_due_on = rules.awaab_investigation_due(local_date(found.aware_at))
        else:
            if found.summary_due_on and not found.summary_sent_on:
                found.summary_due_on = rules.awaab_summary_due(found.investigated_on)
            if found.safety_work_due_on and not found.safety_work_started_on:
                found.safety_work_due_on = rules.awaab_safety_work_due(found.investigated_on)
        if before != (found.investigation_due_on, found.summary_due_on, found.safety_work_due_on):
            clocks.append(found)
    DampMould.objects.bulk_update(
        clocks, ["investigation_due_on", "summary_due_on", "safety_work_due_on"], batch_size=500
    )

    visits: list[Visit] = []
    for visit in Visit.objects.filter(
        repair__status=Status.OPEN,
        outcome=VisitOutcome.FURTHER_WORK,
        update_due_on__gte=change.day,
        visited_at__lt=_start_of(change.day),
    ):
        due = rules.progress_update_due(local_date(visit.visited_at))
        if due != visit.update_due_on:
            visit.update_due_on = due
            visits.append(visit)
    Visit.objects.bulk_update(visits, ["update_due_on"], batch_size=500)
    return len(moved)
