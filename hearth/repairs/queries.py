"""Reads that more than one page needs: the coordinators' queue with its flags, a resident's
repairs, a repair with everything its page shows, and the clocks on a repair."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import deadlines
from hearth.core.deadlines import State
from hearth.repairs import rules
from hearth.repairs.measures import further_work_visits, update_sent_in_time
from hearth.repairs.models import (
    Appointment,
    CostLine,
    FollowOn,
    Outcome,
    Repair,
    SpendApproval,
    SpendDecision,
    Status,
    Visit,
    VisitOutcome,
)


def resident_person_id(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_resident", False):
        return None
    return user.person_id  # type: ignore[no-any-return]


def repairs_for_resident(user: Any) -> QuerySet[Repair]:
    """A resident's repairs: those they reported and those on their tenancies."""
    return Repair.objects.for_person(resident_person_id(user)).select_related("home", "block")


def get_repair_for_resident(user: Any, ref: str) -> Repair:
    """The resident's repair, or a 404 (the same whether it exists or is someone else's)."""
    found = repairs_for_resident(user).filter(ref=ref).first()
    if found is None:
        raise Http404("Not found")
    return found


def get_repair_for_staff(ref: str) -> Repair:
    found = (
        Repair.objects.select_related(
            "home", "block", "block__estate", "tenancy", "reporter", "operative", "owner",
            "catalogue_item",
        )
        .filter(ref=ref)
        .first()
    )  # fmt: skip
    if found is None:
        raise Http404("Not found")
    return found


def pending_appointment(repair: Repair) -> Appointment | None:
    return repair.appointments.filter(outcome=Outcome.PENDING).order_by("date", "pk").first()


def _next_appointment() -> Subquery:
    return Subquery(
        Appointment.objects.filter(repair=OuterRef("pk"), outcome=Outcome.PENDING)
        .order_by("date")
        .values("date")[:1]
    )


def _needs_update() -> Exists:
    return Exists(
        further_work_visits().filter(repair=OuterRef("pk")).filter(~update_sent_in_time())
    )


def _booking_annotations() -> dict[str, Any]:
    return {
        "unbooked_follow_on": Exists(
            FollowOn.objects.filter(repair=OuterRef("pk"), appointment__isnull=True)
        ),
        "last_outcome": Subquery(
            Visit.objects.filter(repair=OuterRef("pk"))
            .order_by("-visited_at", "-pk")
            .values("outcome")[:1]
        ),
        "ever_booked": Exists(Appointment.objects.filter(repair=OuterRef("pk"))),
    }


# Open, nothing booked, and a visit is wanted: further work not yet booked, or the last visit
# found nobody in, or (not an emergency, which we attend without a booking) never booked.
NEEDS_BOOKING = Q(next_appointment__isnull=True) & (
    Q(unbooked_follow_on=True)
    | Q(last_outcome=VisitOutcome.NO_ACCESS)
    | (Q(ever_booked=False) & ~Q(priority="emergency"))
)


def _awaiting_approval() -> Exists:
    return Exists(
        SpendApproval.objects.filter(repair=OuterRef("pk"), decision=SpendDecision.PENDING)
    )


def queue(filters: dict[str, Any] | None = None) -> QuerySet[Repair]:
    """Open repairs, soonest due first, filtered. The flags the queue shows are put on the rows
    of a page by `with_flags`; a flag is worked out here only when a filter asks for it. (As
    annotations on the whole queue, PostgreSQL hashed every appointment, visit and contact of
    the landlord to flag the 50 repairs of a page.)"""
    filters = filters or {}
    repairs = (
        Repair.objects.open()
        .select_related("home", "block", "block__estate", "operative", "damp_mould")
        .order_by("due_on", "due_at", "reported_at", "pk")
    )
    if filters.get("priority"):
        repairs = repairs.filter(priority=filters["priority"])
    if filters.get("trade"):
        repairs = repairs.filter(trade=filters["trade"])
    if filters.get("estate"):
        repairs = repairs.filter(block__estate_id=filters["estate"])
    operative = filters.get("operative")
    if operative == "none":
        repairs = repairs.filter(operative__isnull=True)
    elif operative:
        repairs = repairs.filter(operative_id=operative)
    today = timezone.localdate()
    flag = filters.get("flag")
    if flag == "overdue":
        repairs = repairs.filter(
            Q(due_at__lt=timezone.now()) | Q(due_at__isnull=True, due_on__lt=today)
        )
    elif flag == "due_soon":
        from hearth.core import calendar

        soon = calendar.add_working_days(today, 2)
        repairs = repairs.filter(due_on__gte=today, due_on__lte=soon)
    elif flag == "needs_booking":
        repairs = repairs.annotate(
            next_appointment=_next_appointment(), **_booking_annotations()
        ).filter(NEEDS_BOOKING)
    elif flag == "needs_update":
        repairs = repairs.filter(_needs_update())
    elif flag == "awaiting_approval":
        repairs = repairs.filter(_awaiting_approval())
    elif flag == "damp":
        repairs = repairs.filter(damp_or_mould=True)
    elif flag == "right_to_repair":
        repairs = repairs.filter(rtr_due_on__isnull=False)
    elif flag == "late_appointment":
        repairs = repairs.annotate(next_appointment=_next_appointment()).filter(
            next_appointment__gt=F("due_on")
        )
    elif flag == "repeat":
        repairs = repairs.filter(repeat_of__isnull=False)
    elif flag == "no_access":
        repairs = repairs.filter(no_access_escalated_at__isnull=False)
    return repairs


def with_flags(repairs: Iterable[Repair]) -> list[Repair]:
    """The repairs (a page of the queue) with the flags the queue shows, from one query for
    just these rows: `next_appointment`, `needs_update` (the resident not told after further
    work) and `awaiting_approval` (spend waiting for a manager)."""
    rows = list(repairs)
    flags = {
        found["pk"]: found
        for found in Repair.objects.filter(pk__in=[r.pk for r in rows])
        .order_by()
        .values(
            "pk",
            next_appointment=_next_appointment(),
            needs_update=_needs_update(),
            awaiting_approval=_awaiting_approval(),
        )
    }
    for repair in rows:
        for name in ("next_appointment", "needs_update", "awaiting_approval"):
            setattr(repair, name, flags[repair.pk][name])
    return rows


def due(repair: Repair) -> datetime | date:
    """When the repair is due: the exact time for an emergency, otherwise its date."""
    return repair.due_at if repair.due_at is not None else repair.due_on


def repair_state(repair: Repair, *, now: datetime | None = None) -> State:
    done = repair.completed_at if repair.status == Status.COMPLETED else None
    return deadlines.state(due(repair), done=done, now=now)


@dataclass(frozen=True)
class Clock:
    label: str
    due: date | datetime
    done: date | datetime | None
    state: State
    kind: str = "priority"  # priority, right_to_repair or awaab

    @property
    def is_time(self) -> bool:
        return isinstance(self.due, datetime)


def clocks(repair: Repair, *, now: datetime | None = None) -> list[Clock]:
    """Every clock running on a repair: its priority, the Right to Repair period, and the
    Awaab's Law steps for damp and mould."""
    now = now or timezone.now()
    done = repair.completed_at if repair.status == Status.COMPLETED else None
    found = [
        Clock(_("Repair completed (priority)"), due(repair), done, repair_state(repair, now=now))
    ]
    if repair.rtr_due_on:
        found.append(Clock(_("Right to Repair period"), repair.rtr_due_on, done,
                           deadlines.state(repair.rtr_due_on, done=done, now=now), "right_to_repair"))  # fmt: skip
    has_clocks = repair.damp_or_mould or repair.hazard
    damp = getattr(repair, "damp_mould", None) if has_clocks else None
    if damp is not None:
        steps: list[tuple[str, date | datetime | None, date | datetime | None]] = [
            (_("Awaab's Law: investigate"), damp.investigation_due_on, damp.investigated_on),
            (_("Awaab's Law: written summary to the resident"), damp.summary_due_on, damp.summary_sent_on),
            (_("Awaab's Law: safety work begun"), damp.safety_work_due_on, damp.safety_work_started_on),
            (_("Awaab's Law: emergency hazard made safe"), damp.made_safe_due_at, damp.made_safe_at),
        ]  # fmt: skip
        for label, due_at, done_at in steps:
            if due_at is not None:
                state = deadlines.state(due_at, done=done_at, now=now)
                found.append(Clock(label, due_at, done_at, state, "awaab"))
    return found


def compensation_owed(repair: Repair) -> Decimal:
    """Right to Repair compensation for a qualifying repair done (or still not done) after
    its prescribed period."""
    if not repair.rtr_due_on or repair.status == Status.CANCELLED:
        return Decimal("0.00")
    done_on = (
        timezone.localtime(repair.completed_at).date()
        if repair.completed_at
        else timezone.localdate()
    )
    return rules.right_to_repair_compensation(rtr_due_on=repair.rtr_due_on, done_on=done_on)


def homes_worked_by(user: Any) -> list[int]:
    """The homes of the user's own jobs: open repairs assigned to them, or with an appointment
    of theirs that is not cancelled. Registered with tenancies (`register_work_places`), so an
    operative sees support needs at these homes and nowhere else."""
    if not getattr(user, "is_authenticated", False):
        return []
    cancelled = [Outcome.CANCELLED_BY_LANDLORD, Outcome.CANCELLED_BY_RESIDENT]
    booked = Appointment.objects.filter(operative=user).exclude(outcome__in=cancelled)
    return list(
        Repair.objects.open()
        .filter(home__isnull=False)
        .filter(Q(operative=user) | Q(pk__in=booked.values("repair_id")))
        .values_list("home_id", flat=True)
        .distinct()
    )


def jobs_for(user: Any, day: date) -> QuerySet[Appointment]:
    """An operative's appointments on a day, in slot order (morning, all day, afternoon)."""
    order = {"am": 0, "all_day": 1, "pm": 2}
    from django.db.models import Case, IntegerField, Value, When

    return (
        Appointment.objects.filter(operative=user, date=day)
        .exclude(outcome__in=[Outcome.CANCELLED_BY_LANDLORD, Outcome.CANCELLED_BY_RESIDENT])
        .select_related("repair", "repair__home", "repair__block", "repair__tenancy")
        .prefetch_related(Prefetch("repair__visits", queryset=Visit.objects.order_by("visited_at")))
        .annotate(
            slot_order=Case(
                *[When(slot=k, then=Value(v)) for k, v in order.items()],
                output_field=IntegerField(),
            )
        )
        .order_by("slot_order", "pk")
    )


def next_awaab_clock(repair: Repair, *, now: datetime | None = None) -> Clock | None:
    """The next Awaab's Law step not yet done on a repair about a hazard in scope (for the
    queue)."""
    if not (repair.damp_or_mould or repair.hazard):
        return None
    pending = [c for c in clocks(repair, now=now) if c.kind == "awaab" and c.done is None]
    return min(pending, key=lambda c: deadlines.local_date(c.due)) if pending else None


def priority_times() -> rules.PriorityTimes:
    """The time each repair priority has, as the landlord has set them (for the published
    summary of how RP02 is counted)."""
    from hearth.repairs.models import RepairSettings

    return RepairSettings.current().times


def repair_costs(start: date, end: date, by: str) -> list[dict[str, Any]]:
    """Repairs completed between `start` and `end` (London dates), grouped by `by` ("priority",
    "trade" or "estate"): how many, and their committed cost (lines that needed no approval or
    were approved). For the value for money pages; two grouped queries."""
    from django.db.models import Count, Sum

    from hearth.core.measures import Period
    from hearth.repairs.measures import completed_in

    field = {"priority": "priority", "trade": "trade", "estate": "block__estate__name"}[by]
    repairs = completed_in(Period(start, end))
    counts = dict(repairs.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
    committed = Q(approval__isnull=True) | Q(approval__decision=SpendDecision.APPROVED)
    costs = dict(
        CostLine.objects.filter(committed, repair__in=repairs.values("pk"))
        .values_list(f"repair__{field}")
        .annotate(total=Sum("total"))
        .values_list(f"repair__{field}", "total")
    )
    return [
        {"group": key or "", "repairs": counts[key], "cost": costs.get(key) or Decimal("0.00")}
        for key in sorted(counts, key=lambda k: str(k or ""))
    ]


def priority_labels() -> dict[str, str]:
    from hearth.repairs.models import Priority

    return {value: str(label) for value, label in Priority.choices}


def trade_labels() -> dict[str, str]:
    from hearth.repairs.models import Trade

    return {value: str(label) for value, label in Trade.choices}


@dataclass(frozen=True)
class WorksOrder:
    """A repair as another domain sees it (lettings' void works): where it stands and what
    has been committed to it so far."""

    ref: str
    status: str
    status_label: str
    priority: str
    due_on: date
    completed_on: date | None
    cost: Decimal


def works_orders(refs: Iterable[str]) -> dict[str, WorksOrder]:
    """The repairs with these refs, by ref, in one query: status, due date and committed cost
    (cost lines that needed no approval or that a manager approved)."""
    from django.db.models import DecimalField, Sum
    from django.db.models.functions import Coalesce

    wanted = sorted(set(refs))
    if not wanted:
        return {}
    committed = Q(cost_lines__approval__isnull=True) | Q(
        cost_lines__approval__decision=SpendDecision.APPROVED
    )
    rows = Repair.objects.filter(ref__in=wanted).annotate(
        committed=Coalesce(
            Sum("cost_lines__total", filter=committed),
            Decimal("0"),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        )
    )
    return {
        repair.ref: WorksOrder(
            ref=repair.ref,
            status=repair.status,
            status_label=repair.get_status_display(),
            priority=repair.priority,
            due_on=repair.due_on,
            completed_on=timezone.localtime(repair.completed_at).date()
            if repair.completed_at
            else None,
            cost=Decimal(repair.committed).quantize(Decimal("0.01")),  # type: ignore[attr-defined]
        )
        for repair in rows
    }
