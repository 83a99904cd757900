"""The home standard's repair measures, exactly as the measures spec defines them.

Each is one aggregate query. Cancelled repairs are left out of every one. "Completed in
period" means the completion time's London date is in the period, which is the same as the
completion time falling between midnight London time at the start of `from` and midnight at
the end of `to`; querying that time range lets the database use its index.

Due dates are the ones stored on each repair when it was raised (worked out by the one clock),
so the measures agree with the work queues and the resident's page. An emergency is on time
when completed at or before its due time (reported time + the landlord's emergency hours, 24
by default); any other repair when its completion date is on or before its due date.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from hearth.contacts.queries import contacted
from hearth.core import calendar_sql
from hearth.core.measures import (
    CaseRow,
    Counts,
    Period,
    Scope,
    computes,
    lists_cases,
    scope_through,
)
from hearth.repairs import rules
from hearth.repairs.models import (
    Appointment,
    Outcome,
    Priority,
    Repair,
    Status,
    Visit,
    VisitOutcome,
)


def _bounds(period: Period) -> tuple[datetime, datetime]:
    zone = timezone.get_default_timezone()
    start = datetime.combine(period.start, time.min, tzinfo=zone)
    end = datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


# The estate or block a measure is being counted for (set only while a scoped count runs).
_scope: ContextVar[Scope | None] = ContextVar("repairs_measure_scope", default=None)


def _in_scope(rows: QuerySet[Any], repair: str = "") -> QuerySet[Any]:
    """Only the repairs of the block or estate being counted (a home's repair carries its
    block, so one filter covers homes and communal areas)."""
    scope = _scope.get()
    if scope is not None and scope.block_id is not None:
        return rows.filter(**{f"{repair}block_id": scope.block_id})
    if scope is not None and scope.estate_id is not None:
        return rows.filter(**{f"{repair}block__estate_id": scope.estate_id})
    return rows


def completed_in(period: Period) -> QuerySet[Repair]:
    """Repairs completed in the period (never cancelled ones)."""
    start, end = _bounds(period)
    return _in_scope(
        Repair.objects.filter(
            status=Status.COMPLETED, completed_at__gte=start, completed_at__lt=end
        )
    )


def _counts(row: dict[str, int]) -> Counts:
    return Counts(numerator=row["numerator"] or 0, denominator=row["denominator"] or 0)


@computes("RP02.emergency")
def emergency_on_time(period: Period) -> Counts:
    """Emergency repairs completed in period: % completed at or before reported time + 24h."""
    return _counts(
        completed_in(period)
        .filter(priority=Priority.EMERGENCY)
        .aggregate(
            denominator=Count("pk"),
            numerator=Count("pk", filter=Q(completed_at__lte=F("due_at"))),
        )
    )


@computes("RP02.non_emergency")
def non_emergency_on_time(period: Period) -> Counts:
    """Other repairs completed in period: % whose completion date <= due date."""
    return _counts(
        completed_in(period)
        .exclude(priority=Priority.EMERGENCY)
        .annotate(completed_on=calendar_sql.local_date("completed_at"))
        .aggregate(
            denominator=Count("pk"),
            numerator=Count("pk", filter=Q(completed_on__lte=F("due_on"))),
        )
    )


@computes("repairs.first_visit_fix")
def first_visit_fix(period: Period) -> Counts:
    """Repairs completed in period with a visit other than no access: % whose first such
    visit completed the repair."""
    first_outcome = (
        Visit.objects.filter(repair=OuterRef("pk"))
        .exclude(outcome=VisitOutcome.NO_ACCESS)
        .order_by("visited_at", "pk")
        .values("outcome")[:1]
    )
    return _counts(
        completed_in(period)
        .annotate(first_outcome=Subquery(first_outcome))
        .aggregate(
            denominator=Count("pk", filter=Q(first_outcome__isnull=False)),
            numerator=Count("pk", filter=Q(first_outcome=VisitOutcome.COMPLETED)),
        )
    )


@computes("repairs.appointments_offered")
def appointments_offered(period: Period) -> Counts:
    """Non-emergency repairs completed in period: % with an appointment booked (any outcome)."""
    return _counts(
        completed_in(period)
        .exclude(priority=Priority.EMERGENCY)
        .annotate(booked=Exists(Appointment.objects.filter(repair=OuterRef("pk"))))
        .aggregate(
            denominator=Count("pk"),
            numerator=Count("pk", filter=Q(booked=True)),
        )
    )


@computes("repairs.appointments_kept")
def appointments_kept(period: Period) -> Counts:
    """Appointments dated in period that were kept or missed: % kept. A cancellation by us on
    or after the appointment date counts as missed."""
    missed = Q(outcome=Outcome.MISSED) | (
        Q(outcome=Outcome.CANCELLED_BY_LANDLORD) & rules.cancellation_counts_as_missed_q()
    )
    return _counts(
        _in_scope(
            Appointment.objects.filter(date__gte=period.start, date__lte=period.end), "repair__"
        )
        .exclude(repair__status=Status.CANCELLED)
        .aggregate(
            denominator=Count("pk", filter=Q(outcome=Outcome.KEPT) | missed),
            numerator=Count("pk", filter=Q(outcome=Outcome.KEPT)),
        )
    )


def further_work_visits() -> QuerySet[Visit]:
    """Further-work visits with the date the resident's update was due (stored when the
    visit was recorded; worked out in the database if a record lacks it)."""
    return (
        Visit.objects.filter(outcome=VisitOutcome.FURTHER_WORK)
        .annotate(visit_on=calendar_sql.local_date("visited_at"))
        .annotate(
            update_due=Coalesce(F("update_due_on"), calendar_sql.add_working_days("visit_on", 1))
        )
    )


def update_sent_in_time() -> Exists:
    """For a further-work visit: an outbound contact about its repair dated from the visit's
    day to the update's due date."""
    return contacted(
        "repair",
        case_ref_field="repair__ref",
        window=Q(contacted_on__gte=OuterRef("visit_on"), contacted_on__lte=OuterRef("update_due")),
    )


@computes("repairs.progress_updates")
def progress_updates(period: Period) -> Counts:
    """Repairs completed in period that had a further-work visit: % where every such visit
    was followed within 1 working day by an outbound contact about the repair."""
    visits = further_work_visits().filter(repair=OuterRef("pk"))
    unanswered = visits.filter(~update_sent_in_time())
    return _counts(
        completed_in(period)
        .annotate(had_further_work=Exists(visits), missed_update=Exists(unanswered))
        .aggregate(
            denominator=Count("pk", filter=Q(had_further_work=True)),
            numerator=Count("pk", filter=Q(had_further_work=True, missed_update=False)),
        )
    )


# The cases behind each figure, for the performance dashboard's drill-down (auditors).


def _repair_rows(rows: QuerySet[Repair], on_time: Q, label: str) -> list[CaseRow]:
    found = (
        rows.annotate(counted=ExpressionWrapper(on_time, output_field=BooleanField()))
        .order_by("completed_at", "ref")
        .values_list("ref", "completed_at", "counted")
    )
    zone = timezone.get_default_timezone()
    return [
        CaseRow(
            ref=ref,
            summary=f"{label} {done.astimezone(zone):%d/%m/%Y %H:%M}" if done else label,
            url=reverse("repairs:repair", args=[ref]),
            counted=bool(counted),
        )
        for ref, done, counted in found
    ]


@lists_cases("RP02.emergency")
def emergency_on_time_cases(period: Period) -> list[CaseRow]:
    return _repair_rows(
        completed_in(period).filter(priority=Priority.EMERGENCY),
        Q(completed_at__lte=F("due_at")),
        "Completed",
    )


@lists_cases("RP02.non_emergency")
def non_emergency_on_time_cases(period: Period) -> list[CaseRow]:
    return _repair_rows(
        completed_in(period)
        .exclude(priority=Priority.EMERGENCY)
        .annotate(completed_on=calendar_sql.local_date("completed_at")),
        Q(completed_on__lte=F("due_on")),
        "Completed",
    )


def _flagged(rows: QuerySet[Repair], flag: Q, label: str) -> list[CaseRow]:
    return _repair_rows(rows, flag, label)


@lists_cases("repairs.first_visit_fix")
def first_visit_fix_cases(period: Period) -> list[CaseRow]:
    """Repairs completed in period with a visit other than no access; counted when the first
    such visit completed the repair."""
    first_outcome = (
        Visit.objects.filter(repair=OuterRef("pk"))
        .exclude(outcome=VisitOutcome.NO_ACCESS)
        .order_by("visited_at", "pk")
        .values("outcome")[:1]
    )
    rows = completed_in(period).annotate(first_outcome=Subquery(first_outcome))
    return _flagged(
        rows.filter(first_outcome__isnull=False),
        Q(first_outcome=VisitOutcome.COMPLETED),
        "Completed",
    )


@lists_cases("repairs.appointments_offered")
def appointments_offered_cases(period: Period) -> list[CaseRow]:
    """Non-emergency repairs completed in period; counted when an appointment was booked."""
    rows = (
        completed_in(period)
        .exclude(priority=Priority.EMERGENCY)
        .annotate(booked=Exists(Appointment.objects.filter(repair=OuterRef("pk"))))
    )
    return _flagged(rows, Q(booked=True), "Completed")


@lists_cases("repairs.appointments_kept")
def appointments_kept_cases(period: Period) -> list[CaseRow]:
    """Appointments dated in period that were kept or missed (one row each, under its repair's
    reference); counted when kept."""
    missed = Q(outcome=Outcome.MISSED) | (
        Q(outcome=Outcome.CANCELLED_BY_LANDLORD) & rules.cancellation_counts_as_missed_q()
    )
    rows = (
        _in_scope(
            Appointment.objects.filter(date__gte=period.start, date__lte=period.end), "repair__"
        )
        .exclude(repair__status=Status.CANCELLED)
        .filter(Q(outcome=Outcome.KEPT) | missed)
        .order_by("date", "pk")
        .values_list("repair__ref", "date", "outcome")
    )
    return [
        CaseRow(
            ref=ref,
            summary=f"Appointment {day:%d/%m/%Y}: {outcome.replace('_', ' ')}",
            url=reverse("repairs:repair", args=[ref]),
            counted=outcome == Outcome.KEPT,
        )
        for ref, day, outcome in rows
    ]


@lists_cases("repairs.progress_updates")
def progress_updates_cases(period: Period) -> list[CaseRow]:
    """Repairs completed in period that had a further-work visit; counted when every such visit
    was followed by an update in time."""
    visits = further_work_visits().filter(repair=OuterRef("pk"))
    unanswered = visits.filter(~update_sent_in_time())
    rows = (
        completed_in(period)
        .annotate(had_further_work=Exists(visits), missed_update=Exists(unanswered))
        .filter(had_further_work=True)
    )
    return _flagged(rows, Q(missed_update=False), "Completed")


# Every repairs measure can be counted for one estate or block: the same query, with the
# repairs limited to that block's or estate's (and so its case list).
scope_through(
    _scope,
    "RP02.emergency",
    "RP02.non_emergency",
    "repairs.first_visit_fix",
    "repairs.appointments_offered",
    "repairs.appointments_kept",
    "repairs.progress_updates",
)
