"""The complaints measures, exactly as the measures spec defines them, counted in the database
with the working-day calendar table (one aggregate query each).

Complaints refused under Code 2.2 (`excluded`) were never taken into the procedure, so no
measure counts them; withdrawn complaints count for whatever stages they reached.

Every complaints measure can be counted for one estate or block: a complaint belongs to the
block of the home it is about, or, when it names no home, of its tenancy's home. A complaint
with neither (about a service, from someone who is not a tenant) is in no estate, so it counts
only in the landlord-wide figures.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Coalesce, Least
from django.urls import reverse

from hearth.complaints import rules
from hearth.complaints.models import Complaint, ComplaintQuerySet
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

# The estate or block a measure is being counted for (set only while a scoped count runs).
_scope: ContextVar[Scope | None] = ContextVar("complaints_measure_scope", default=None)


def _complaints() -> ComplaintQuerySet:
    """Complaints the procedure counts; only those of the block or estate being counted while a
    scoped count runs (by the complaint's home, else its tenancy's home)."""
    rows = Complaint.objects.counted()
    scope = _scope.get()
    if scope is not None and scope.block_id is not None:
        return rows.filter(
            Q(home__block_id=scope.block_id)
            | Q(home__isnull=True, tenancy__home__block_id=scope.block_id)
        )
    if scope is not None and scope.estate_id is not None:
        return rows.filter(
            Q(home__block__estate_id=scope.estate_id)
            | Q(home__isnull=True, tenancy__home__block__estate_id=scope.estate_id)
        )
    return rows


@computes("complaints.stage1_average_working_days")
def stage1_average_working_days(period: Period) -> Counts:
    """Over complaints whose stage 1 response date is in period: mean working days elapsed from
    received date to stage 1 response date (sum over count)."""
    totals = (
        _complaints()
        .filter(stage1_responded_on__range=(period.start, period.end))
        .annotate(elapsed=calendar_sql.working_days_between("received_on", "stage1_responded_on"))
        .aggregate(days=Coalesce(Sum("elapsed"), Value(0)), count=Count("pk"))
    )
    return Counts(totals["days"], totals["count"])


@computes("CH01.stage1")
def ch01_stage1(period: Period) -> Counts:
    """Stage 1 complaints with received date in period (the registry divides by homes)."""
    count = _complaints().filter(received_on__range=(period.start, period.end)).count()
    return Counts(count, 0)


@computes("CH01.stage2")
def ch01_stage2(period: Period) -> Counts:
    """Stage 2 requests with request date in period (the registry divides by homes)."""
    count = _complaints().filter(stage2_requested_on__range=(period.start, period.end)).count()
    return Counts(count, 0)


def _on_time(period: Period, stage: int) -> Counts:
    """Over stage N responses dated in period: those dated on or before the due date, where
    due = add_working_days(ack date, response days + extension capped at the stage's maximum),
    and a never-acknowledged complaint's ack date is its start + 5 working days."""
    responded = f"stage{stage}_responded_on"
    totals = _responses_with_due(period, stage).aggregate(
        responses=Count("pk"),
        on_time=Count("pk", filter=Q(**{f"{responded}__lte": F("due")})),
    )
    return Counts(totals["on_time"], totals["responses"])


def _responses_with_due(period: Period, stage: int) -> ComplaintQuerySet:
    """Stage N responses dated in period, each with its due date (see `_on_time`)."""
    if stage == 1:
        start, responded, ack = "received_on", "stage1_responded_on", "stage1_acknowledged_on"
        ack_days, days = rules.STAGE1_ACKNOWLEDGE_DAYS, rules.STAGE1_RESPONSE_DAYS
        extension, cap = "stage1_extension_days", rules.STAGE1_MAX_EXTENSION_DAYS
    else:
        start, responded, ack = (
            "stage2_requested_on",
            "stage2_responded_on",
            "stage2_acknowledged_on",
        )
        ack_days, days = rules.STAGE2_ACKNOWLEDGE_DAYS, rules.STAGE2_RESPONSE_DAYS
        extension, cap = "stage2_extension_days", rules.STAGE2_MAX_EXTENSION_DAYS
    return (
        _complaints()
        .filter(**{f"{responded}__range": (period.start, period.end)})
        .annotate(
            deemed_ack=Coalesce(F(ack), calendar_sql.add_working_days(start, ack_days)),
            allowed=Value(days) + Least(F(extension), Value(cap)),
        )
        .annotate(due=calendar_sql.add_working_days("deemed_ack", "allowed"))
    )


@computes("CH02.stage1")
def ch02_stage1(period: Period) -> Counts:
    return _on_time(period, 1)


@computes("CH02.stage2")
def ch02_stage2(period: Period) -> Counts:
    return _on_time(period, 2)


@computes("complaints.acknowledged_on_time")
def acknowledged_on_time(period: Period) -> Counts:
    """Over stage 1 complaints received in period whose acknowledgement is due on or before
    `to`: % acknowledged within 5 working days of receipt."""
    totals = (
        _complaints()
        .filter(received_on__range=(period.start, period.end))
        .annotate(due=calendar_sql.add_working_days("received_on", rules.STAGE1_ACKNOWLEDGE_DAYS))
        .filter(due__lte=period.end)
        .aggregate(
            due_in_period=Count("pk"),
            on_time=Count("pk", filter=Q(stage1_acknowledged_on__lte=F("due"))),
        )
    )
    return Counts(totals["on_time"], totals["due_in_period"])


# The cases behind each figure, for the performance dashboard's drill-down (auditors).


def _row(ref: str, summary: str, counted: bool, amount: int | None = None) -> CaseRow:
    return CaseRow(
        ref=ref,
        summary=summary,
        url=reverse("complaints:detail", args=[ref]),
        counted=counted,
        amount=amount,
    )


def _on_time_cases(period: Period, stage: int) -> list[CaseRow]:
    responded = f"stage{stage}_responded_on"
    rows = (
        _responses_with_due(period, stage)
        .annotate(
            on_time=ExpressionWrapper(
                Q(**{f"{responded}__lte": F("due")}), output_field=BooleanField()
            )
        )
        .order_by(responded, "ref")
        .values_list("ref", responded, "due", "on_time")
    )
    return [
        _row(ref, f"Answered {done:%d/%m/%Y}, due {due:%d/%m/%Y}", bool(on_time))
        for ref, done, due, on_time in rows
    ]


@lists_cases("CH02.stage1")
def ch02_stage1_cases(period: Period) -> list[CaseRow]:
    return _on_time_cases(period, 1)


@lists_cases("CH02.stage2")
def ch02_stage2_cases(period: Period) -> list[CaseRow]:
    return _on_time_cases(period, 2)


@lists_cases("CH01.stage1")
def ch01_stage1_cases(period: Period) -> list[CaseRow]:
    rows = (
        _complaints()
        .filter(received_on__range=(period.start, period.end))
        .order_by("received_on", "ref")
        .values_list("ref", "received_on")
    )
    return [_row(ref, f"Received {on:%d/%m/%Y}", True) for ref, on in rows]


@lists_cases("CH01.stage2")
def ch01_stage2_cases(period: Period) -> list[CaseRow]:
    rows = (
        _complaints()
        .filter(stage2_requested_on__range=(period.start, period.end))
        .order_by("stage2_requested_on", "ref")
        .values_list("ref", "stage2_requested_on")
    )
    return [_row(ref, f"Stage 2 asked for {on:%d/%m/%Y}", True) for ref, on in rows]


@lists_cases("complaints.stage1_average_working_days")
def stage1_average_cases(period: Period) -> list[CaseRow]:
    rows = (
        _complaints()
        .filter(stage1_responded_on__range=(period.start, period.end))
        .annotate(elapsed=calendar_sql.working_days_between("received_on", "stage1_responded_on"))
        .order_by("stage1_responded_on", "ref")
        .values_list("ref", "stage1_responded_on", "elapsed")
    )
    return [
        _row(ref, f"Answered {on:%d/%m/%Y} (working days)", True, elapsed)
        for ref, on, elapsed in rows
    ]


@lists_cases("complaints.acknowledged_on_time")
def acknowledged_on_time_cases(period: Period) -> list[CaseRow]:
    """Stage 1 complaints received in period whose acknowledgement was due by `to`; counted when
    acknowledged by the due date."""
    rows = (
        _complaints()
        .filter(received_on__range=(period.start, period.end))
        .annotate(due=calendar_sql.add_working_days("received_on", rules.STAGE1_ACKNOWLEDGE_DAYS))
        .filter(due__lte=period.end)
        .annotate(
            on_time=ExpressionWrapper(
                Q(stage1_acknowledged_on__lte=F("due")), output_field=BooleanField()
            )
        )
        .order_by("received_on", "ref")
        .values_list("ref", "received_on", "due", "stage1_acknowledged_on", "on_time")
    )
    return [
        _row(ref, f"Received {received:%d/%m/%Y}, acknowledgement due {due:%d/%m/%Y}, "
             f"acknowledged {acked:%d/%m/%Y}" if acked else f"Received {received:%d/%m/%Y}, "
             f"acknowledgement due {due:%d/%m/%Y}, not acknowledged", bool(on_time))
        for ref, received, due, acked, on_time in rows
    ]  # fmt: skip


# Every complaints measure can be counted for one estate or block: the same query over that
# block's or estate's complaints (a rate's denominator is then the homes there).
scope_through(
    _scope,
    "complaints.stage1_average_working_days",
    "CH01.stage1",
    "CH01.stage2",
    "CH02.stage1",
    "CH02.stage2",
    "complaints.acknowledged_on_time",
)
