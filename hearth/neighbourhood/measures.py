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
    BooleanField,
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
from django.urls import reverse

from hearth.contacts.models import Contact, Direction
from hearth.core import calendar_sql
from hearth.core.measures import (
    CaseRow,
    Counts,
    Period,
    Scope,
    computes,
    lists_cases,
    lists_scoped_cases,
    scoped,
)
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


def _scoped(queryset: QuerySet[Any], scope: Scope | None, block: str = "block") -> QuerySet[Any]:
    """Only the cases of one block or estate (`block` names the case's block field; "pk" for
    blocks themselves)."""
    if scope is None:
        return queryset
    if scope.block_id is not None:
        return queryset.filter(**{f"{block}": scope.block_id} if block == "pk" else {f"{block}_id": scope.block_id})  # fmt: skip
    if scope.estate_id is not None:
        prefix = "" if block == "pk" else f"{block}__"
        return queryset.filter(**{f"{prefix}estate_id": scope.estate_id})
    return queryset


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _register(measure_id: str, *, counts: Any, cases: Any) -> None:
    """Register a measure's query, its count for one estate or block (for a rate per 1,000
    homes, the registry divides by the homes there), and its case list, for all homes and for
    one estate or block."""

    def compute(period: Period) -> Counts:
        return counts(period, None)  # type: ignore[no-any-return]

    def compute_scoped(period: Period, scope: Scope) -> Counts:
        return counts(period, scope)  # type: ignore[no-any-return]

    def listed(period: Period) -> list[CaseRow]:
        return cases(period, None)  # type: ignore[no-any-return]

    def listed_scoped(period: Period, scope: Scope) -> list[CaseRow]:
        return cases(period, scope)  # type: ignore[no-any-return]

    name = measure_id.replace(".", "_")
    for fn in (compute, compute_scoped, listed, listed_scoped):
        fn.__qualname__ = f"{fn.__name__}_{name}"
    computes(measure_id)(compute)
    scoped(measure_id)(compute_scoped)
    lists_cases(measure_id)(listed)
    lists_scoped_cases(measure_id)(listed_scoped)


def _day(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "not yet"


def inspections_completed(period: Period, scope: Scope | None = None) -> Counts:
    """Blocks x calendar months wholly or partly inside the period: block-months with an
    inspection completed in that month (on or before `to`)."""
    first = date(period.start.year, period.start.month, 1)
    done_on = "estate_inspections__completed_on"
    block_month = F("pk") * Value(10000) + ExtractYear(done_on) * Value(12) + ExtractMonth(done_on)
    totals = _scoped(Block.objects.all(), scope, "pk").aggregate(
        blocks=Count("pk", distinct=True),
        done=Count(
            block_month, distinct=True, filter=Q(**{f"{done_on}__range": (first, period.end)})
        ),
    )
    return Counts(totals["done"] or 0, (totals["blocks"] or 0) * _months(period))


def inspections_completed_cases(period: Period, scope: Scope | None = None) -> list[CaseRow]:
    """One row per block and month: counted when an inspection was completed in that month."""
    first = date(period.start.year, period.start.month, 1)
    done = set(
        _scoped(Inspection.objects.filter(completed_on__range=(first, period.end)), scope)
        .annotate(y=ExtractYear("completed_on"), m=ExtractMonth("completed_on"))
        .values_list("block_id", "y", "m")
    )
    months = [((first.month - 1 + n) // 12 + first.year, (first.month - 1 + n) % 12 + 1) for n in range(_months(period))]  # fmt: skip
    return [
        CaseRow(
            ref=f"{block.ref} {year}-{month:02d}",
            summary=f"{block.name}, {date(year, month, 1):%B %Y}",
            url=reverse("neighbourhood:block", args=[block.ref]),
            counted=(block.pk, year, month) in done,
        )
        for block in _scoped(Block.objects.all(), scope, "pk").order_by("name", "pk")
        for year, month in months
    ]


def _publicised(period: Period, scope: Scope | None) -> QuerySet[Inspection]:
    notice = ExpressionWrapper(F("completed_on") - F("published_on"), output_field=DurationField())
    return (
        _scoped(Inspection.objects.filter(completed_on__range=(period.start, period.end)), scope)
        .annotate(notice=notice)
        .annotate(publicised=_flag(Q(notice__gte=timedelta(days=rules.MIN_NOTICE_DAYS))))
    )


def inspections_publicised(period: Period, scope: Scope | None = None) -> Counts:
    """Inspections completed in period: those whose date was published at least 7 calendar days
    before the inspection was carried out."""
    totals = _publicised(period, scope).aggregate(
        n_done=Count("pk"), n_publicised=Count("pk", filter=Q(publicised=True))
    )
    return Counts(totals["n_publicised"], totals["n_done"])


def inspections_publicised_cases(period: Period, scope: Scope | None = None) -> list[CaseRow]:
    rows = _publicised(period, scope).select_related("block").order_by("completed_on", "ref")
    return [
        CaseRow(
            ref=i.ref,
            summary=f"{i.block.name}: done {_day(i.completed_on)}, published {_day(i.published_on)}",
            url=reverse("neighbourhood:inspection", args=[i.ref]),
            counted=bool(i.publicised),  # type: ignore[attr-defined]
        )
        for i in rows
    ]


def _deadline_rows(queryset: QuerySet[Any], done: str, days: int, period: Period) -> QuerySet[Any]:
    """Cases received in period with `on_time` and `counted` (on time, late or overdue)."""
    return (
        queryset.filter(received_on__range=(period.start, period.end))
        .annotate(due=calendar_sql.add_working_days("received_on", days))
        .annotate(
            on_time=_flag(Q(**{f"{done}__lte": F("due")}) & Q(**{f"{done}__lte": period.end})),
            counted=_flag(Q(**{f"{done}__lte": period.end}) | Q(due__lt=period.end)),
        )
    )


def _deadline(queryset: QuerySet[Any], done: str, days: int, period: Period) -> Counts:
    totals = _deadline_rows(queryset, done, days, period).aggregate(
        n_on_time=Count("pk", filter=Q(on_time=True)), n_counted=Count("pk", filter=Q(counted=True))
    )
    return Counts(totals["n_on_time"], totals["n_counted"])


def _deadline_cases(
    queryset: QuerySet[Any], done: str, days: int, period: Period, url: str
) -> list[CaseRow]:
    """The cases in the denominator (on time, late or overdue; not those not yet due)."""
    rows = (
        _deadline_rows(queryset, done, days, period)
        .filter(counted=True)
        .select_related("block")
        .order_by("received_on", "ref")
    )
    return [
        CaseRow(
            ref=case.ref,
            summary=(
                f"{case.block.name}: received {_day(case.received_on)}, due {_day(case.due)}, "
                f"done {_day(getattr(case, done))}"
            ),
            url=reverse(url, args=[case.ref]),
            counted=bool(case.on_time),
        )
        for case in rows
    ]


def _reports() -> QuerySet[FlyTipReport]:
    return FlyTipReport.objects.exclude(status=FlyTipStatus.DUPLICATE)


def flytipping_removed(period: Period, scope: Scope | None = None) -> Counts:
    """Fly-tipping reports received in period (a report of tipping already reported is not
    counted twice), due = received + 3 working days, done = removed."""
    reports = _scoped(_reports(), scope)
    return _deadline(reports, "removed_on", rules.FLYTIPPING_REMOVAL_DAYS, period)


def flytipping_removed_cases(period: Period, scope: Scope | None = None) -> list[CaseRow]:
    return _deadline_cases(_scoped(_reports(), scope), "removed_on", rules.FLYTIPPING_REMOVAL_DAYS, period, "neighbourhood:flytipping")  # fmt: skip


def cleaning_concerns_answered(period: Period, scope: Scope | None = None) -> Counts:
    """Cleaning concerns received in period, due = received + 3 working days, done = the first
    response to the resident."""
    concerns = _scoped(CleaningConcern.objects.all(), scope)
    return _deadline(concerns, "responded_on", rules.CLEANING_RESPONSE_DAYS, period)


def cleaning_concerns_answered_cases(period: Period, scope: Scope | None = None) -> list[CaseRow]:
    return _deadline_cases(_scoped(CleaningConcern.objects.all(), scope), "responded_on", rules.CLEANING_RESPONSE_DAYS, period, "neighbourhood:concern")  # fmt: skip


def _displayed(period: Period, scope: Scope | None) -> QuerySet[Block]:
    tasks = CleaningTask.objects.filter(block=OuterRef("pk"))
    not_shown = tasks.filter(Q(displayed_on__isnull=True) | Q(displayed_on__gt=period.end))
    return (
        _scoped(Block.objects.all(), scope, "pk")
        .annotate(has_schedule=Exists(tasks), has_unshown=Exists(not_shown))
        .annotate(displayed=_flag(Q(has_schedule=True, has_unshown=False)))
    )


def cleaning_schedules_displayed(period: Period, scope: Scope | None = None) -> Counts:
    """Blocks at `to`: those with a cleaning schedule every line of which was on the poster
    displayed in the block on or before `to` (a block with no schedule is not displayed)."""
    totals = _displayed(period, scope).aggregate(
        n_blocks=Count("pk"), n_displayed=Count("pk", filter=Q(displayed=True))
    )
    return Counts(totals["n_displayed"], totals["n_blocks"])


def cleaning_schedules_displayed_cases(period: Period, scope: Scope | None = None) -> list[CaseRow]:
    return [
        CaseRow(
            ref=block.ref,
            summary=block.name if block.has_schedule else f"{block.name}: no cleaning schedule",  # type: ignore[attr-defined]
            url=reverse("neighbourhood:block", args=[block.ref]),
            counted=bool(block.displayed),  # type: ignore[attr-defined]
        )
        for block in _displayed(period, scope).order_by("name", "pk")
    ]


def _updates(case_ref: OuterRef) -> QuerySet[Contact]:
    return Contact.objects.filter(
        case_type="asb",
        case_ref=case_ref,
        direction=Direction.OUTBOUND,
        purpose__in=UPDATE_PURPOSES,
    )


def _monthly(period: Period, scope: Scope | None) -> QuerySet[AsbCase]:
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
    return (
        _scoped(AsbCase.objects.counted(), scope)
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
        .annotate(
            kept=_flag(
                Q(breach_after_update=False)
                & ~(
                    Q(k_open__gte=low, k_open__lt=high, updated_after_open=False)
                    & Q(k_close__gt=F("k_open") + 100)
                )
            )
        )
    )


def asb_monthly_updates(period: Period, scope: Scope | None = None) -> Counts:
    """ASB cases open on any day of the period: those with no breach of the monthly update
    clock inside it (see `_monthly`)."""
    totals = _monthly(period, scope).aggregate(
        n_cases=Count("pk"), n_kept=Count("pk", filter=Q(kept=True))
    )
    return Counts(totals["n_kept"], totals["n_cases"])


def asb_monthly_updates_cases(period: Period, scope: Scope | None = None) -> list[CaseRow]:
    return [
        CaseRow(
            ref=case.ref,
            summary=f"{case.category}: opened {_day(case.opened_on)}, closed {_day(case.closed_on)}",
            url=reverse("neighbourhood:asb", args=[case.ref]),
            counted=bool(case.kept),  # type: ignore[attr-defined]
        )
        for case in _monthly(period, scope).order_by("opened_on", "ref")
    ]


def _opened(period: Period, scope: Scope | None, hate: bool) -> QuerySet[AsbCase]:
    cases = _scoped(AsbCase.objects.counted(), scope).filter(
        opened_on__range=(period.start, period.end)
    )
    return cases.filter(hate_incident=True) if hate else cases


def nm01_asb(period: Period, scope: Scope | None = None) -> Counts:
    """ASB cases opened in period (the registry divides by homes x 1,000). Reports triaged as
    everyday household noise are not ASB cases."""
    return Counts(_opened(period, scope, hate=False).count(), 0)


def nm01_hate(period: Period, scope: Scope | None = None) -> Counts:
    """ASB cases opened in period and flagged as hate incidents (per 1,000 homes)."""
    return Counts(_opened(period, scope, hate=True).count(), 0)


def _opened_cases(period: Period, scope: Scope | None, *, hate: bool) -> list[CaseRow]:
    return [
        CaseRow(
            ref=case.ref,
            summary=f"{case.category}: opened {_day(case.opened_on)}",
            url=reverse("neighbourhood:asb", args=[case.ref]),
        )
        for case in _opened(period, scope, hate).order_by("opened_on", "ref")
    ]


_register(
    "estate.inspections_completed", counts=inspections_completed, cases=inspections_completed_cases
)
_register(
    "estate.inspections_publicised",
    counts=inspections_publicised,
    cases=inspections_publicised_cases,
)
_register("estate.flytipping_removed", counts=flytipping_removed, cases=flytipping_removed_cases)
_register(
    "estate.cleaning_concerns_answered",
    counts=cleaning_concerns_answered,
    cases=cleaning_concerns_answered_cases,
)
_register(
    "estate.cleaning_schedules_displayed",
    counts=cleaning_schedules_displayed,
    cases=cleaning_schedules_displayed_cases,
)
_register("asb.monthly_updates", counts=asb_monthly_updates, cases=asb_monthly_updates_cases)
_register(
    "NM01.asb",
    counts=nm01_asb,
    cases=lambda period, scope: _opened_cases(period, scope, hate=False),
)
_register(
    "NM01.hate",
    counts=nm01_hate,
    cases=lambda period, scope: _opened_cases(period, scope, hate=True),
)
