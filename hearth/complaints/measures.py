"""The complaints measures, exactly as the measures spec defines them, counted in the database
with the working-day calendar table (one aggregate query each).

Complaints refused under Code 2.2 (`excluded`) were never taken into the procedure, so no
measure counts them; withdrawn complaints count for whatever stages they reached.
"""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce, Least

from hearth.complaints import rules
from hearth.complaints.models import Complaint, ComplaintQuerySet
from hearth.core import calendar_sql
from hearth.core.measures import Counts, Period, computes


def _complaints() -> ComplaintQuerySet:
    return Complaint.objects.counted()


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
    totals = (
        _complaints()
        .filter(**{f"{responded}__range": (period.start, period.end)})
        .annotate(
            deemed_ack=Coalesce(F(ack), calendar_sql.add_working_days(start, ack_days)),
            allowed=Value(days) + Least(F(extension), Value(cap)),
        )
        .annotate(due=calendar_sql.add_working_days("deemed_ack", "allowed"))
        .aggregate(
            responses=Count("pk"),
            on_time=Count("pk", filter=Q(**{f"{responded}__lte": F("due")})),
        )
    )
    return Counts(totals["on_time"], totals["responses"])


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
