"""The neighbourhood and community measures, exactly as the measures spec defines them, each one
database query. Choices the spec leaves open are written down in `docs/neighbourhood.md`.

Deadline measures (fly-tipping, cleaning concerns) follow the spec's rule for this standard: a
case received in period is on time when done by its due date, late when done after it, overdue
when not done by `to` and due before `to`, and not yet due otherwise; value = on time / (on time
+ late + overdue). Something done after `to` was not done at `to`.

`asb.monthly_updates` needs "one month after" in SQL. `rules.month_key` turns a date into
(year x 12 + month) x 100 + day, and `x <= one_month_after(t)` exactly when `month_key(x) <=
month_key(t) + 100` (a shorter next month's last day is covered, since every day number above
it is missing). So the breach test is integer arithmetic on date parts, the same on SQLite and
PostgreSQL, with no per-row Python.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear

from hearth.contacts.models import Contact, Direction
from hearth.core import calendar_sql
from hearth.core.measures import Counts, Period, computes
from hearth.estates.models import Block
from hearth.neighbourhood import rules
from hearth.neighbourhood.models import (
    AsbCase,
    CleaningConcern,
    CleaningTask,
    FlyTipReport,
    FlyTipStatus,
    Inspection,
)

# Contacts to the complainant that count as an update on their case (see docs/neighbourhood.md).
UPDATE_PURPOSES = ("asb_update", "progress_update", "response")
NEVER = 10**9  # a month key later than any date


def _months(period: Period) -> int:
    return (
        (period.end.year * 12 + period.end.month)
        - (period.start.year * 12 + period.start.month)
        + 1
    )


def month_key(field: str | OuterRef) -> Combinable:
    """`rules.month_key` in SQL."""
    return ExtractYear(field) * Value(1200) + ExtractMonth(field) * Value(100) + ExtractDay(field)


@computes("estate.inspections_completed")
def inspections_completed(period: Period) -> Counts:
    """Blocks x calendar months wholly or partly inside the period: block-months with an
    inspection completed in that month (on or before `to`)."""
    first = date(period.start.year, period.start.month, 1)
    done_on = "estate_inspections__completed_on"
    block_month = F("pk") * Value(10000) + ExtractYear(done_on) * Value(12) + ExtractMonth(done_on)
    totals = Block.objects.aggregate(
        blocks=Count("pk", distinct=True),
        done=Count(
            block_month, distinct=True, filter=Q(**{f"{done_on}__range": (first, period.end)})
        ),
    )
    return Counts(totals["done"] or 0, (totals["blocks"] or 0) * _months(period))


@computes("estate.inspections_publicised")
def inspections_publicised(period: Period) -> Counts:
    """Inspections completed in period: those whose date was published at least 7 calendar days
    before the inspection was carried out."""
    notice = ExpressionWrapper(F("completed_on") - F("published_on"), output_field=DurationField())
    totals = (
        Inspection.objects.filter(completed_on__range=(period.start, period.end))
        .annotate(notice=notice)
        .aggregate(
            done=Count("pk"),
            publicised=Count("pk", filter=Q(notice__gte=timedelta(days=rules.MIN_NOTICE_DAYS))),
        )
    )
    return Counts(totals["publicised"], totals["done"])


def _deadline(queryset: QuerySet[Any], done: str, days: int, period: Period) -> Counts:
    totals = (
        queryset.filter(received_on__range=(period.start, period.end))  # type: ignore[attr-defined]
        .annotate(due=calendar_sql.add_working_days("received_on", days))
        .aggregate(
            on_time=Count(
                "pk", filter=Q(**{f"{done}__lte": F("due")}) & Q(**{f"{done}__lte": period.end})
            ),
            counted=Count("pk", filter=Q(**{f"{done}__lte": period.end}) | Q(due__lt=period.end)),
        )
    )
    return Counts(totals["on_time"], totals["counted"])


@computes("estate.flytipping_removed")
def flytipping_removed(period: Period) -> Counts:
    """Fly-tipping reports received in period (a report of tipping already reported is not
    counted twice), due = received + 3 working days, done = removed."""
    reports = FlyTipReport.objects.exclude(status=FlyTipStatus.DUPLICATE)
    return _deadline(reports, "removed_on", rules.FLYTIPPING_REMOVAL_DAYS, period)


@computes("estate.cleaning_concerns_answered")
def cleaning_concerns_answered(period: Period) -> Counts:
    """Cleaning concerns received in period, due = received + 3 working days, done = the first
    response to the resident."""
    return _deadline(
        CleaningConcern.objects.all(), "responded_on", rules.CLEANING_RESPONSE_DAYS, period
    )


@computes("estate.cleaning_schedules_displayed")
def cleaning_schedules_displayed(period: Period) -> Counts:
    """Blocks at `to`: those with a cleaning schedule every line of which was on the poster
    displayed in the block on or before `to` (a block with no schedule is not displayed)."""
    tasks = CleaningTask.objects.filter(block=OuterRef("pk"))
    not_shown = tasks.filter(Q(displayed_on__isnull=True) | Q(displayed_on__gt=period.end))
    totals = Block.objects.annotate(
        has_schedule=Exists(tasks), has_unshown=Exists(not_shown)
    ).aggregate(
        blocks=Count("pk"),
        displayed=Count("pk", filter=Q(has_schedule=True, has_unshown=False)),
    )
    return Counts(totals["displayed"], totals["blocks"])


def _updates(case_ref: OuterRef) -> QuerySet[Contact]:
    return Contact.objects.filter(
        case_type="asb",
        case_ref=case_ref,
        direction=Direction.OUTBOUND,
        purpose__in=UPDATE_PURPOSES,
    )


@computes("asb.monthly_updates")
def asb_monthly_updates(period: Period) -> Counts:
    """ASB cases open on any day of the period: those with no breach date inside it. Touchpoints
    are the opening date, each update to the complainant and the closing date; after each the
    next is due within one month, and a case with none by then is in breach the day after.

    A breach after touchpoint t falls in the period when from - 1 <= one_month_after(t) <= to - 1,
    i.e. key(from - 1) - 100 <= key(t) < key(to) - 100, and no touchpoint n has t < n <= t + 1
    month (key(n) <= key(t) + 100)."""
    low = rules.month_key(period.start - timedelta(days=1)) - 100
    high = rules.month_key(period.end) - 100
    updates = _updates(OuterRef("ref"))
    update_after_open = updates.annotate(k=month_key("contacted_on")).filter(
        contacted_on__gt=OuterRef("opened_on"), k__lte=OuterRef("k_open") + 100
    )
    next_update = (
        _updates(OuterRef(OuterRef("ref")))
        .annotate(k=month_key("contacted_on"))
        .filter(contacted_on__gt=OuterRef("contacted_on"), k__lte=OuterRef("k") + 100)
    )
    breach_after_update = (
        updates.annotate(k=month_key("contacted_on"))
        .filter(k__gte=low, k__lt=high, contacted_on__gte=OuterRef("opened_on"))
        .filter(k__lt=OuterRef("k_close") - 100)
        .filter(~Exists(next_update))
    )
    totals = (
        AsbCase.objects.counted()
        .filter(opened_on__lte=period.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period.start))
        .annotate(
            k_open=month_key("opened_on"),
            k_close=Coalesce(month_key("closed_on"), Value(NEVER)),
        )
        .annotate(
            updated_after_open=Exists(update_after_open),
            breach_after_update=Exists(breach_after_update),
        )
        .aggregate(
            cases=Count("pk"),
            kept=Count(
                "pk",
                filter=Q(breach_after_update=False)
                & ~(
                    Q(k_open__gte=low, k_open__lt=high, updated_after_open=False)
                    & Q(k_close__gt=F("k_open") + 100)
                ),
            ),
        )
    )
    return Counts(totals["kept"], totals["cases"])


@computes("NM01.asb")
def nm01_asb(period: Period) -> Counts:
    """ASB cases opened in period (the registry divides by homes x 1,000). Reports triaged as
    everyday household noise are not ASB cases."""
    count = AsbCase.objects.counted().filter(opened_on__range=(period.start, period.end)).count()
    return Counts(count, 0)


@computes("NM01.hate")
def nm01_hate(period: Period) -> Counts:
    """ASB cases opened in period and flagged as hate incidents (per 1,000 homes)."""
    count = (
        AsbCase.objects.counted()
        .filter(opened_on__range=(period.start, period.end), hate_incident=True)
        .count()
    )
    return Counts(count, 0)
