"""Reads of the safety register that pages, "My work", exports and other domains share.

`register(check_type, on=...)` is the heart: every home or block a check type covers, with its
next due date and its state on `on`, worked out in one query. The compliance dashboard, its
drill-down, the exports and the home and block pages all read it, so they never disagree; the
measures use the spec's own "in-date check" test (`in_date_check`), which gives the same
answer for gas, electrical, fire risk, asbestos, water and lifts (`tests/test_demo.py` holds
them to it home by home).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.http import Http404

from hearth.core.hazards import Hazard
from hearth.core.home_checks import HomeCheck
from hearth.estates.models import Block, Home
from hearth.safety import due_dates, rules
from hearth.safety.models import (
    AccessAttempt,
    AccessOutcome,
    ActionStatus,
    AwaabHazard,
    CheckType,
    ConditionSurvey,
    DueDate,
    LegalAccess,
    Outcome,
    RemedialAction,
    SafetyCheck,
    Scope,
)
from hearth.tenancies.models import Tenancy

IN_DATE = "in_date"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
NO_ACCESS = "no_access"
STATE_LABELS = {
    IN_DATE: "In date",
    DUE_SOON: "Due in 30 days",
    OVERDUE: "Overdue",
    NO_ACCESS: "Overdue: no access",
}
STATE_COLOURS = {IN_DATE: "green", DUE_SOON: "yellow", OVERDUE: "red", NO_ACCESS: "red"}
# The drill-down's filters: "in date" and "overdue" each include their narrower state.
FILTERS = {
    "in_scope": (IN_DATE, DUE_SOON, OVERDUE, NO_ACCESS),
    "in_date": (IN_DATE, DUE_SOON),
    "overdue": (OVERDUE, NO_ACCESS),
    "due_soon": (DUE_SOON,),
    "no_access": (NO_ACCESS,),
}
_NEVER = date(1900, 1, 1)
# How the register lists homes and blocks.
PLACE_ORDER = {"home": ("block__name", "address"), "block": ("estate__name", "name")}


def check_types() -> list[CheckType]:
    return list(CheckType.objects.all())


def get_check_type(code: str) -> CheckType:
    try:
        return CheckType.objects.get(code=code)
    except CheckType.DoesNotExist:
        raise Http404("Not found") from None


def in_date_check(kind: str, on: date, *, on_field: str = "home", outer: str = "pk") -> Exists:
    """Measures spec: a thing "has an in-date check" of a kind at `on` when a check of that
    kind on it was done on or before `on`, its outcome is not no access, and its next due date
    is on or after `on`. `on_field` is "home" or "block"; `outer` the column of the outer
    query naming it."""
    return Exists(
        SafetyCheck.objects.filter(
            kind=kind, done_on__lte=on, next_due_on__gte=on, **{on_field: OuterRef(outer)}
        ).exclude(outcome=Outcome.NO_ACCESS)
    )


def lift_count() -> Case:
    """Measures spec, BS05: the lift count, or 1 when the block has a lift and no count."""
    return Case(
        When(lifts__isnull=False, then=F("lifts")),
        When(has_lift=True, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def lifts_in_date(on: date, *, due_after: date | None = None) -> Coalesce:
    """Distinct lifts (by asset reference) of the block with an in-date lift check."""
    checks = SafetyCheck.objects.filter(
        kind="lift", block=OuterRef("pk"), done_on__lte=on, next_due_on__gte=due_after or on
    ).exclude(outcome=Outcome.NO_ACCESS)
    counted = (
        checks.order_by().values("block").annotate(n=Count("asset_ref", distinct=True)).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def in_scope(check_type: CheckType, on: date) -> QuerySet[Any]:
    """The homes or blocks `check_type` covers on `on`."""
    scope = check_type.scope
    if check_type.applies_to == "home":
        homes = Home.objects.managed_on(on)
        if scope == Scope.HOMES_WITH_GAS:
            homes = homes.filter(gas_supply=True)
        elif scope == Scope.HOMES_IN_TALL_BLOCKS:
            homes = homes.filter(block__storeys__gte=rules.TALL_BLOCK_STOREYS)
        return homes
    blocks = Block.objects.all()
    if scope == Scope.LIFTS:
        return blocks.annotate(lift_count=lift_count()).filter(lift_count__gt=0)
    blocks = blocks.filter(has_communal_areas=True)
    if scope == Scope.TALL_BLOCKS_WITH_COMMUNAL_AREAS:
        blocks = blocks.filter(storeys__gte=rules.TALL_BLOCK_STOREYS)
    return blocks


def register(
    check_type: CheckType,
    *,
    on: date,
    estate: str | int | None = None,
    block: str | int | None = None,
) -> QuerySet[Any]:
    """Every home or block `check_type` covers on `on`, with `due` (its next due date: None
    when never checked) and `state` (in date, due in 30 days, overdue, or overdue with no
    access since the last good check). A check whose due date has passed stays overdue until a
    good check is recorded: nothing drops off."""
    rows = in_scope(check_type, on)
    field = check_type.applies_to
    soon = on + timedelta(days=rules.DUE_SOON_DAYS)
    if estate:
        rows = rows.filter(
            **({"block__estate_id": estate} if field == "home" else {"estate_id": estate})
        )
    if block:
        rows = rows.filter(**({"block_id": block} if field == "home" else {"pk": block}))
    if check_type.scope == Scope.LIFTS:
        rows = rows.annotate(
            lifts_ok=Least(lifts_in_date(on), F("lift_count")),
            lifts_beyond_soon=Least(
                lifts_in_date(on, due_after=soon + timedelta(days=1)), F("lift_count")
            ),
            due=Subquery(
                SafetyCheck.objects.filter(kind="lift", block=OuterRef("pk"), done_on__lte=on)
                .exclude(outcome=Outcome.NO_ACCESS)
                .order_by("-next_due_on")
                .values("next_due_on")[:1],
                output_field=DateField(),
            ),
        ).annotate(
            state=Case(
                When(lifts_ok__lt=F("lift_count"), then=Value(OVERDUE)),
                When(lifts_beyond_soon__lt=F("lift_count"), then=Value(DUE_SOON)),
                default=Value(IN_DATE),
                output_field=CharField(),
            )
        )
        return rows.select_related("estate").order_by(*PLACE_ORDER["block"])
    good = SafetyCheck.objects.filter(
        kind=check_type.kind, done_on__lte=on, **{field: OuterRef("pk")}
    ).exclude(outcome=Outcome.NO_ACCESS)
    rows = rows.annotate(
        next_due=Subquery(
            good.order_by("-next_due_on").values("next_due_on")[:1], output_field=DateField()
        ),
        last_done=Subquery(
            good.order_by("-done_on").values("done_on")[:1], output_field=DateField()
        ),
    )
    if check_type.at_tenancy_start and field == "home":
        rows = rows.annotate(
            new_tenancy_on=Subquery(
                Tenancy.objects.filter(
                    home=OuterRef("pk"), start_date__gt=OuterRef("last_done"), start_date__lte=on
                )
                .order_by("start_date")
                .values("start_date")[:1],
                output_field=DateField(),
            )
        ).annotate(
            due=Case(
                When(new_tenancy_on__isnull=False, then=F("new_tenancy_on")),
                default=F("next_due"),
                output_field=DateField(),
            )
        )
    else:
        rows = rows.annotate(due=F("next_due"))
    since = Coalesce(OuterRef("last_done"), Value(_NEVER), output_field=DateField())
    missed: Any = Exists(
        SafetyCheck.objects.filter(
            kind=check_type.kind,
            outcome=Outcome.NO_ACCESS,
            done_on__lte=on,
            done_on__gte=since,
            **{field: OuterRef("pk")},
        )
    )
    if field == "home":
        missed = missed | Exists(
            AccessAttempt.objects.filter(
                kind=check_type.kind,
                home=OuterRef("pk"),
                attempted_at__date__gte=since,
                attempted_at__date__lte=on,
            ).exclude(outcome__in=(AccessOutcome.ACCESS_GAINED, AccessOutcome.APPOINTMENT_MADE))
        )
    rows = rows.annotate(
        state=Case(
            When(due__gt=soon, then=Value(IN_DATE)),
            When(due__gte=on, then=Value(DUE_SOON)),
            When(missed, then=Value(NO_ACCESS)),
            default=Value(OVERDUE),
            output_field=CharField(),
        )
    )
    if field == "home":
        return rows.select_related("block", "block__estate").order_by(*PLACE_ORDER[field])
    return rows.select_related("estate").order_by(*PLACE_ORDER[field])


@dataclass(frozen=True)
class Row:
    check_type: CheckType
    in_scope: int
    in_date: int
    overdue: int
    due_soon: int
    no_access: int
    unit: str


def summary(check_type: CheckType, *, on: date, estate: Any = None, block: Any = None) -> Row:
    """The dashboard's numbers for one check type, in one query."""
    rows = register(check_type, on=on, estate=estate, block=block).order_by()
    if check_type.scope == Scope.LIFTS:
        totals = rows.aggregate(
            scope=Sum("lift_count"), ok=Sum("lifts_ok"), beyond=Sum("lifts_beyond_soon")
        )
        scope, ok, beyond = (totals["scope"] or 0), (totals["ok"] or 0), (totals["beyond"] or 0)
        return Row(check_type, scope, ok, scope - ok, ok - beyond, 0, "lifts")
    totals = rows.aggregate(
        scope=Count("pk"),
        in_date=Count("pk", filter=Q(state__in=FILTERS["in_date"])),
        due_soon=Count("pk", filter=Q(state=DUE_SOON)),
        no_access=Count("pk", filter=Q(state=NO_ACCESS)),
    )
    return Row(
        check_type,
        totals["scope"],
        totals["in_date"],
        totals["scope"] - totals["in_date"],
        totals["due_soon"],
        totals["no_access"],
        "homes" if check_type.applies_to == "home" else "blocks",
    )


def dashboard(*, on: date, estate: Any = None, block: Any = None) -> list[Row]:
    return [summary(t, on=on, estate=estate, block=block) for t in check_types()]


def drilldown(
    check_type: CheckType,
    *,
    on: date,
    state: str = "in_scope",
    estate: Any = None,
    block: Any = None,
) -> QuerySet[Any]:
    rows = register(check_type, on=on, estate=estate, block=block)
    if state not in (OVERDUE, NO_ACCESS) or check_type.scope == Scope.LIFTS:
        return rows.filter(state__in=FILTERS.get(state, FILTERS["in_scope"]))
    home = check_type.applies_to == "home"
    at_tenancy_start = check_type.at_tenancy_start and home
    kept = home and due_dates.cover(check_type)
    if kept and state == OVERDUE:
        return rows.filter(pk__in=overdue_homes(check_type, on=on))
    if kept:
        rows = rows.filter(pk__in=may_be_overdue(check_type, on=on))
    if state == NO_ACCESS or at_tenancy_start:
        return rows.filter(state__in=FILTERS[state])
    # Otherwise (blocks): a block is overdue (or overdue with no access) when its due date (the
    # latest good check's next due date) is before `on` or it has none, that is when it has no
    # in-date check. PostgreSQL finds those with one anti-join, and works the state out for the
    # rows shown only.
    return rows.filter(~in_date_check(check_type.kind, on, on_field=check_type.applies_to))


def overdue_homes(check_type: CheckType, *, on: date) -> QuerySet[Any]:
    """The homes overdue for a home check kept in `DueDate` on `on`, from its index ranges:
    never checked, or checked by `on` and due before it (for a check due at each new tenancy,
    due at the first tenancy since the check when that started by `on`). A home checked after
    `on` (an earlier day asked about) is tested against its checks. No two ranges overlap."""
    due = DueDate.objects.filter(kind=check_type.kind).values("home_id")
    checked_since = due.filter(last_done_on__gt=on)
    # "Checked by `on`" as a filter, not a range: SQLite would read the index of the days
    # checked (nearly every row) instead of the range of due dates.
    checked_by = ~Q(last_done_on__gt=on)
    lapsed = due.filter(checked_by, next_due_on__lt=on)
    ranges: list[QuerySet[Any]]
    if check_type.at_tenancy_start:
        ranges = [
            lapsed.exclude(new_tenancy_on=on),  # due on the day a tenancy starts: not yet
            due.filter(checked_by, new_tenancy_on__lt=on, next_due_on__gte=on),
            register(check_type, on=on)
            .order_by()
            .filter(pk__in=checked_since, state__in=FILTERS[OVERDUE])
            .values("pk"),
        ]
    else:
        in_date = in_date_check(check_type.kind, on, outer="home_id")
        ranges = [lapsed, checked_since.filter(~in_date)]
    return due.filter(next_due_on__isnull=True).union(*ranges, all=True)


def most_overdue_first(check_type: CheckType, *, on: date) -> list[Any]:
    """The order of an overdue list, most overdue first (never checked before all), then by
    place. For a home check kept in `DueDate`, by the kept dates: the same day as `due` for
    every home checked by `on`, read from one index row instead of the home's checks."""
    places = PLACE_ORDER[check_type.applies_to]
    if not due_dates.cover(check_type):
        return [F("due").asc(nulls_first=True), *places]
    kept = DueDate.objects.filter(kind=check_type.kind, home=OuterRef("pk"))
    day: QuerySet[Any] = kept.values("next_due_on")
    if check_type.at_tenancy_start:
        day = kept.annotate(
            day=Case(
                When(new_tenancy_on__lte=on, then=F("new_tenancy_on")),
                default=F("next_due_on"),
                output_field=DateField(),
            )
        ).values("day")
    return [Subquery(day, output_field=DateField()).asc(nulls_first=True), *places]


def may_be_overdue(check_type: CheckType, *, on: date) -> QuerySet[Any]:
    """The homes whose kept dates (`DueDate`) say they may be overdue for a home check on
    `on`: never checked, due before `on`, checked after `on` (so the kept dates may count a
    check not done yet on `on`), or, for a check due at each new tenancy, with a tenancy
    started since the check by `on`. A few index ranges, read one by one: every home overdue
    is among them, and the caller works out the state of those only."""
    due = DueDate.objects.filter(kind=check_type.kind).values("home_id")
    ranges = [due.filter(next_due_on__lt=on), due.filter(last_done_on__gt=on)]
    if check_type.at_tenancy_start:
        ranges.append(due.filter(new_tenancy_on__lte=on))
    return due.filter(next_due_on__isnull=True).union(*ranges)


def checks_for_home(home: Home) -> QuerySet[SafetyCheck]:
    return SafetyCheck.objects.filter(home=home).select_related("recorded_by")


def checks_for_block(block: Block) -> QuerySet[SafetyCheck]:
    return SafetyCheck.objects.filter(block=block).select_related("recorded_by")


def home_register(home: Home, *, on: date) -> list[dict[str, Any]]:
    """A home's line in each check type that covers it."""
    lines = []
    for check_type in check_types():
        if check_type.applies_to != "home":
            continue
        row = register(check_type, on=on).filter(pk=home.pk).first()
        if row is not None:
            lines.append({"type": check_type, "due": row.due, "state": row.state})
    return lines


def block_register(block: Block, *, on: date) -> list[dict[str, Any]]:
    lines = []
    for check_type in check_types():
        if check_type.applies_to != "block":
            continue
        row = register(check_type, on=on).filter(pk=block.pk).first()
        if row is not None:
            lines.append({"type": check_type, "due": row.due, "state": row.state, "row": row})
    return lines


def upcoming(*, on: date, days: int = 90) -> list[dict[str, Any]]:
    """Every check falling due from `on` to `days` days later, soonest first."""
    until = on + timedelta(days=days)
    found: list[dict[str, Any]] = []
    for check_type in check_types():
        for row in register(check_type, on=on).filter(due__gte=on, due__lte=until):
            found.append({"type": check_type, "place": row, "due": row.due})
    return sorted(found, key=lambda item: (item["due"], item["type"].order, str(item["place"])))


def open_actions() -> QuerySet[RemedialAction]:
    return RemedialAction.objects.filter(status=ActionStatus.OPEN).select_related(
        "safety_check", "safety_check__home", "safety_check__block"
    )


def actions_ageing(*, on: date) -> list[dict[str, Any]]:
    """Open remedial actions by risk: how many, overdue, and overdue with no mitigation."""
    rows = (
        open_actions()
        .order_by()
        .values("risk")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(due_on__lt=on)),
            unmitigated=Count("pk", filter=Q(due_on__lt=on, mitigation="")),
            over_90=Count("pk", filter=Q(raised_on__lt=on - timedelta(days=90))),
        )
    )
    by_risk = {row["risk"]: row for row in rows}
    from hearth.safety.models import RiskLevel

    return [
        {
            **by_risk.get(level.value, {"total": 0, "overdue": 0, "unmitigated": 0, "over_90": 0}),
            "risk": level,  # after the counts: their own "risk" is the bare code
        }
        for level in RiskLevel
    ]


def copies_owed(*, on: date, until: date) -> QuerySet[SafetyCheck]:
    """Gas safety records and EICRs of the last 28 days (and any older one still owed since
    the copy's due date fell inside the last 90 days) with no copy given to a tenant, whose
    copy falls due on or before `until` + 7 days (so they show a week ahead)."""
    from hearth.safety.models import ResidentCopy

    window_start = on - timedelta(days=rules.RESIDENT_COPY_DAYS + 90)
    latest_due = until + timedelta(days=7) - timedelta(days=rules.RESIDENT_COPY_DAYS)
    # The kinds and `home__isnull` match the partial index safety_check_copies_idx (done_on,
    # id), which lets PostgreSQL read records oldest first and stop at My work's limit.
    return (
        SafetyCheck.objects.filter(
            kind__in=("gas", "electrical"),
            home__isnull=False,
            done_on__gte=window_start,
            done_on__lte=latest_due,
        )
        .exclude(outcome=Outcome.NO_ACCESS)
        .exclude(Exists(ResidentCopy.objects.filter(safety_check=OuterRef("pk"))))
        .filter(Exists(Tenancy.objects.filter(home=OuterRef("home")).current_on(on)))
        .select_related("home")
        .order_by("done_on", "pk")
    )


def attempts_for(home: Home, kind: str | None = None) -> QuerySet[AccessAttempt]:
    attempts = AccessAttempt.objects.filter(home=home)
    return attempts.filter(kind=kind) if kind else attempts


def open_legal_access() -> QuerySet[LegalAccess]:
    return LegalAccess.objects.filter(closed_on__isnull=True).select_related("home")


def latest_survey(home: Home) -> ConditionSurvey | None:
    return ConditionSurvey.objects.filter(home=home).first()


def homes_needing_survey(*, on: date) -> QuerySet[Home]:
    """The survey plan: homes whose latest survey is older than five years, or never done."""
    latest = ConditionSurvey.objects.filter(home=OuterRef("pk"), surveyed_on__lte=on).order_by(
        "-surveyed_on", "-pk"
    )
    cutoff = rules.add_months(on, -12 * rules.SURVEY_YEARS)
    return (
        Home.objects.managed_on(on)
        .annotate(last_surveyed=Subquery(latest.values("surveyed_on")[:1]))
        .filter(Q(last_surveyed__isnull=True) | Q(last_surveyed__lt=cutoff))
        .select_related("block")
        .order_by("last_surveyed", "ref")
    )


# -- For residents ----------------------------------------------------------------------------


def certificates_for_home(home: Home) -> QuerySet[SafetyCheck]:
    """The home's checks that have a certificate a resident may download."""
    return SafetyCheck.objects.filter(home=home).exclude(certificate="").order_by("-done_on")


def get_certificate_for_resident(home_ids: list[int], pk: int) -> SafetyCheck:
    """A certificate of one of the resident's own homes; anything else is a 404."""
    try:
        return SafetyCheck.objects.exclude(certificate="").get(pk=pk, home_id__in=home_ids)
    except SafetyCheck.DoesNotExist:
        raise Http404("Not found") from None


# -- Awaab's Law (for repairs and anyone else) ------------------------------------------------


def awaab_hazards() -> QuerySet[AwaabHazard]:
    """Every hazard Awaab's Law brings into scope, with the date it came in."""
    return AwaabHazard.objects.all()


def awaab_hazards_in_scope(on: date) -> QuerySet[AwaabHazard]:
    """The hazards in scope for a repair reported on `on`."""
    return AwaabHazard.objects.filter(in_force_from__lte=on)


def hazard_in_scope(code: str, *, reported_on: date) -> bool:
    hazard = AwaabHazard.objects.filter(code=code).first()
    return hazard is not None and rules.hazard_in_scope(
        in_force_from=hazard.in_force_from, reported_on=reported_on
    )


def home_checks(home_id: int) -> list[HomeCheck]:
    """A home's register checks, and its block's asbestos re-inspections, as core's home check
    registry takes them (lettings' safety gates read them from there). Newest first."""
    block_id = Home.objects.filter(pk=home_id).values_list("block_id", flat=True).first()
    rows = SafetyCheck.objects.filter(
        Q(home_id=home_id) | Q(block_id=block_id, kind="asbestos")
    ).order_by("-done_on", "-pk")[:200]
    return [
        HomeCheck(kind=c.kind, done_on=c.done_on, outcome=c.outcome, next_due_on=c.next_due_on,
                  certificate_ref=c.certificate_ref or c.ref, ref=c.ref, pk=c.pk)
        for c in rows
    ]  # fmt: skip


def hazard_list() -> list[Hazard]:
    """The hazard list as core's hazard registry takes it (repairs reads it from there)."""
    return [Hazard(h.code, h.name, h.in_force_from) for h in AwaabHazard.objects.all()]


def block_fire_safety(block: Block, *, on: date) -> dict[str, Any]:
    """What a resident is told about their block's fire safety: the latest fire risk
    assessment (date, risk found, next review) and the latest communal fire door check."""
    fra = (
        SafetyCheck.objects.filter(block=block, kind="fire_risk", done_on__lte=on)
        .exclude(outcome=Outcome.NO_ACCESS)
        .first()
    )
    doors = (
        SafetyCheck.objects.filter(block=block, kind="fire_door", done_on__lte=on)
        .exclude(outcome=Outcome.NO_ACCESS)
        .first()
    )
    return {"block": block, "fire_risk": fra, "fire_doors": doors}
