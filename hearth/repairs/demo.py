"""Demo landlord: a realistic year (or `ctx.years`) of repairs, about 1.6 a home a year, with
mixed priorities, appointments (mostly kept, some missed, some moved by the resident), visits
(some with no access, some needing further work and a second or third visit), late repairs,
damp and mould reports with their Awaab's Law clocks, progress updates in the contact log
(mostly on time), costs from a schedule of rates and satisfaction answers. Repairs reported
lately are still open, some overdue, with appointments booked ahead. Bulk inserts only.

Operatives of each trade are made here; the demo's own "operative" sign-in is made by the
accounts step at order 90, so a second step at order 95 makes it a plumber with jobs today.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from hearth.accounts.models import Role, User
from hearth.contacts.models import Contact
from hearth.core import bulk, calendar
from hearth.core.demo import DemoContext, demo_step
from hearth.core.models import TimelineEvent
from hearth.estates.models import Home
from hearth.repairs import rules
from hearth.repairs.models import (
    Appointment,
    CatalogueItem,
    CostLine,
    DampMould,
    FollowOn,
    Operative,
    Outcome,
    Rate,
    Repair,
    RepairSettings,
    SatisfactionAnswer,
    Trade,
    Visit,
)
from hearth.tenancies.models import MemberRole, Tenancy, TenancyMember

PER_HOME_A_YEAR = 1.6
ZONE = timezone.get_default_timezone()
CHANNELS = (["portal"] * 35 + ["phone"] * 48 + ["email"] * 6 + ["in_person"] * 6
            + ["letter"] * 3 + ["operative"] * 2)  # fmt: skip
SLOTS = ["am"] * 45 + ["pm"] * 40 + ["all_day"] * 15
SATISFACTION = (["very_satisfied"] * 45 + ["fairly_satisfied"] * 30 + ["neither"] * 10
                + ["fairly_dissatisfied"] * 8 + ["very_dissatisfied"] * 7)  # fmt: skip
FURTHER_WORK = [
    "Part needs ordering; coming back to fit it.",
    "Needs a second trade to finish (making good after the plumber).",
    "Bigger job than reported: needs a full day.",
    "Access to the pipe is behind the bath panel; booked a longer visit.",
]
RATES = [
    ("PL001", "Clear blockage to sink, basin or bath", "each", "65.00", "plumber"),
    ("PL002", "Renew tap washer or cartridge", "each", "48.50", "plumber"),
    ("PL003", "Repair leak to pipe, up to 1m", "each", "92.00", "plumber"),
    ("DR001", "Clear blocked drain or WC", "each", "110.00", "drainage"),
    ("EL001", "Renew socket or switch", "each", "55.00", "electrician"),
    ("EL002", "Trace and repair electrical fault", "hour", "62.00", "electrician"),
    ("EL003", "Renew extractor fan", "each", "145.00", "electrician"),
    ("GS001", "Boiler repair visit", "each", "120.00", "gas_engineer"),
    ("GS002", "Renew boiler component", "each", "210.00", "gas_engineer"),
    ("CP001", "Ease and adjust door", "each", "45.00", "carpenter"),
    ("CP002", "Renew lock to external door", "each", "95.00", "carpenter"),
    ("CP003", "Renew stair tread or floorboard", "m", "78.00", "carpenter"),
    ("GL001", "Renew glazed unit", "each", "185.00", "glazier"),
    ("RF001", "Repair roof covering, up to 2m2", "each", "260.00", "roofer"),
    ("PS001", "Hack off and replaster, per m2", "m2", "58.00", "plasterer"),
    ("DM001", "Damp and mould survey", "each", "95.00", "damp_specialist"),
    ("DM002", "Mould wash and stain-block treatment, per room", "each", "135.00", "damp_specialist"),
    ("DE001", "Repair door entry handset or panel", "each", "120.00", "door_entry"),
    ("MT001", "Multi-trade repair, per hour", "hour", "52.00", "multi_trade"),
    ("DC001", "Redecorate after repair, per room", "each", "240.00", "decorator"),
]  # fmt: skip
# How often residents report each kind of problem (catalogue code prefix -> weight).
AREA_WEIGHTS = {"K": 22, "B": 18, "H": 14, "E": 10, "D": 10, "W": 9, "M": 5, "O": 6, "C": 6}


@dataclass
class _Job:
    repair: Repair
    appointments: list[Appointment] = field(default_factory=list)
    visits: list[tuple[Visit, str]] = field(default_factory=list)  # (visit, further work text)
    events: list[tuple[datetime, str, str]] = field(default_factory=list)


class _Clock:
    """The working days of the demo's window, from the one calendar, for fast lookups."""

    def __init__(self, start: date, end: date) -> None:
        self.days = calendar.working_days_in(start, end)

    def on_or_after(self, day: date, n: int = 0) -> date:
        i = min(bisect_left(self.days, day) + n, len(self.days) - 1)
        return self.days[i]


@lru_cache(maxsize=4096)
def _due_on(day: date, priority: str, rtr: int | None, times: rules.PriorityTimes) -> date:
    noon = datetime.combine(day, time(12), tzinfo=ZONE)
    return rules.repair_due_dates(
        reported_at=noon, priority=priority, rtr_days=rtr, times=times
    ).due_on


@lru_cache(maxsize=4096)
def _rtr_due_on(day: date, rtr: int) -> date:
    return calendar.add_working_days(day, rtr)


def _at(day: date, slot: str, rng: random.Random, *, inside: bool = True) -> datetime:
    start, end = rules.SLOT_HOURS[slot]
    if not inside:
        return datetime.combine(day, time(18, rng.randint(5, 50)), tzinfo=ZONE)
    minutes = rng.randint(0, (end.hour - start.hour) * 60 - 30)
    return datetime.combine(day, start, tzinfo=ZONE) + timedelta(minutes=minutes)


def _operatives(ctx: DemoContext) -> dict[str, list[int]]:
    """A few operatives per trade (more for the busy trades), each with their profile."""
    per_trade = max(1, round(ctx.homes / 1500))
    busy = {Trade.PLUMBER: 3, Trade.ELECTRICIAN: 2, Trade.CARPENTER: 2, Trade.GAS_ENGINEER: 2,
            Trade.MULTI_TRADE: 2}  # fmt: skip
    users, trades = [], []
    for trade in Trade:
        for n in range(per_trade * busy.get(trade, 1)):
            user = User(username=f"op-{trade.value.replace('_', '-')}-{n + 1}", role=Role.OPERATIVE,
                        first_name=trade.label.split()[0], last_name=f"Operative {n + 1}")  # fmt: skip
            user.set_unusable_password()
            users.append(user)
            trades.append(trade.value)
    bulk.insert(User, users)
    bulk.insert(Operative,
        [Operative(user=u, trade=t, am_capacity=3, pm_capacity=3) for u, t in zip(users, trades, strict=True)]
    )  # fmt: skip
    by_trade: dict[str, list[int]] = {}
    for user, trade_name in zip(users, trades, strict=True):
        by_trade.setdefault(trade_name, []).append(user.pk)
    return by_trade


@demo_step(order=40)
def repairs_history(ctx: DemoContext) -> None:
    rng = ctx.rng
    now = datetime.combine(ctx.today, time(9), tzinfo=ZONE)
    start = ctx.today - timedelta(days=365 * ctx.years)
    times = RepairSettings.current().times
    clock = _Clock(start - timedelta(days=10), ctx.today + timedelta(days=500))
    rates = {r.trade: r for r in bulk.insert(Rate,
        [Rate(code=c, description=d, unit=u, unit_price=Decimal(p), trade=t) for c, d, u, p, t in RATES]
    )}  # fmt: skip
    operatives = _operatives(ctx)
    catalogue = [i for i in CatalogueItem.objects.filter(active=True, emergency_stop="")
                 if not i.resident_responsibility]  # fmt: skip
    weights = [AREA_WEIGHTS.get(i.code[0], 5) for i in catalogue]
    home_block = dict(Home.objects.values_list("pk", "block_id"))
    blocks = sorted(set(home_block.values()))
    current = list(
        Tenancy.objects.filter(end_date__isnull=True).values_list("pk", "home_id", "tenure")
    )
    leads = dict(TenancyMember.objects.filter(role=MemberRole.LEAD_TENANT)
                 .values_list("tenancy_id", "person_id"))  # fmt: skip
    count = round(ctx.homes * PER_HOME_A_YEAR * ctx.years)
    tick = ctx.tick("Repairs", count)
    jobs: list[_Job] = []
    for n in range(count):
        jobs.append(_one_repair(ctx, rng, n, now, start, times, clock, catalogue, weights,
                                current, leads, home_block, blocks))  # fmt: skip
        if n % 1000 == 999:
            tick(1000)
    _simulate_all(ctx, rng, jobs, now, clock, operatives)
    _save(ctx, rng, jobs, now, clock, rates)
    tick(count % 1000)


def _one_repair(ctx: DemoContext, rng: random.Random, n: int, now: datetime, start: date,
                times: rules.PriorityTimes, clock: _Clock, catalogue: list[CatalogueItem],
                weights: list[int], current: list[tuple[int, int, str]], leads: dict[int, int],
                home_block: dict[int, int], blocks: list[int]) -> _Job:  # fmt: skip
    day = start + timedelta(days=rng.randint(0, (ctx.today - start).days))
    reported_at = datetime.combine(day, time(rng.choice([7, 8, 9, 9, 10, 11, 13, 14, 15, 16, 18, 21]),
                                             rng.randint(0, 59)), tzinfo=ZONE)  # fmt: skip
    if reported_at > now:
        reported_at = now - timedelta(minutes=rng.randint(5, 600))
    item = rng.choices(catalogue, weights=weights)[0]
    fields: dict[str, Any] = {}
    if item.communal or not current:
        fields["block_id"] = rng.choice(blocks)
    else:
        tenancy_id, home_id, tenure = rng.choice(current)
        fields.update(home_id=home_id, block_id=home_block[home_id], tenancy_id=tenancy_id,
                      reporter_id=leads.get(tenancy_id))  # fmt: skip
        if rules.right_to_repair_applies(tenure):
            fields["right_to_repair_days"] = item.rtr_days_on(day)
    rtr = fields.get("right_to_repair_days")
    if item.priority == "emergency":
        due_at = reported_at.astimezone(UTC) + timedelta(hours=times.emergency_hours)
        fields.update(due_at=due_at, due_on=timezone.localtime(due_at).date())
    else:
        due_on = _due_on(reported_at.date(), item.priority, rtr, times)
        fields.update(
            due_on=due_on, rtr_due_on=_rtr_due_on(reported_at.date(), rtr) if rtr else None
        )
    repair = Repair(ref=f"R{n + 1:07d}", reported_at=reported_at, channel=rng.choice(CHANNELS),
                    priority=item.priority, description=item.name, trade=item.trade,
                    catalogue_item=item, damp_or_mould=item.damp_or_mould, **fields)  # fmt: skip
    return _Job(repair)


def _simulate_all(ctx: DemoContext, rng: random.Random, jobs: list[_Job], now: datetime,
                  clock: _Clock, operatives: dict[str, list[int]]) -> None:  # fmt: skip
    for job in jobs:
        _simulate(rng, job, now, clock, operatives)


def _simulate(rng: random.Random, job: _Job, now: datetime, clock: _Clock,
              operatives: dict[str, list[int]]) -> None:  # fmt: skip
    """Appointments and visits until the repair is done, or until now."""
    repair = job.repair
    status = "open"
    if rng.random() < 0.03 and repair.reported_at < now - timedelta(days=2):
        repair.__dict__["status"] = "cancelled"
        repair.cancelled_at = repair.reported_at + timedelta(hours=rng.randint(2, 40))
        repair.cancellation_reason = rng.choice(
            ["Reported twice", "Resident fixed it", "Not our repair"]
        )
        job.events.append((repair.cancelled_at, "repair_cancelled", "Repair cancelled"))
        return
    # Lately the trades have a backlog, so some of what is open now is already overdue.
    backlog = 3 if repair.reported_at > now - timedelta(days=30) else 1
    late = (
        rng.random()
        < {"emergency": 0.04, "urgent": 0.06, "routine": 0.05, "planned": 0.04}[repair.priority]
        * backlog
    )
    team = operatives.get(repair.trade) or operatives.get(Trade.MULTI_TRADE) or [None]  # type: ignore[list-item]
    operative_id = rng.choice(team)
    reported_on = timezone.localtime(repair.reported_at).date()
    if repair.priority == "emergency":
        hours = rng.uniform(25, 40) if late else rng.uniform(1, 16)
        arrive = repair.reported_at + timedelta(hours=hours)
        visit_day, slot = None, None
    else:
        latest = max(repair.due_on, clock.on_or_after(reported_on, 1))
        span = bisect_left(clock.days, latest) - bisect_left(clock.days, reported_on) - 1
        # Most first visits come in the first half of the time allowed.
        first = clock.on_or_after(reported_on, 1 + rng.randint(0, max(0, span // 2)))
        visit_day = clock.on_or_after(latest, rng.randint(1, 8 * backlog)) if late else first
        slot = rng.choice(SLOTS)
        arrive = _at(visit_day, slot, rng)
    # A few small jobs are done when the operative is passing, with no appointment booked.
    unbooked = rng.random() < 0.04
    for attempt in range(4):
        kept: Appointment | None = None
        if visit_day is not None and slot is not None and not (unbooked and attempt == 0):
            booked = repair.reported_at + timedelta(minutes=rng.randint(3, 60))
            if attempt == 0 and rng.random() < 0.04:  # the resident moved it
                moved = Appointment(repair=repair, date=visit_day, slot=slot, trade=repair.trade,
                                    operative_id=operative_id, booked_at=booked,
                                    cancelled_on=max(reported_on, visit_day - timedelta(days=2)))  # fmt: skip
                moved.__dict__["outcome"] = "cancelled_by_resident"
                job.appointments.append(moved)
                visit_day = clock.on_or_after(visit_day, 2)
                arrive = _at(visit_day, slot, rng)
            appointment = Appointment(repair=repair, date=visit_day, slot=slot, trade=repair.trade,
                                      operative_id=operative_id, booked_at=booked)  # fmt: skip
            job.appointments.append(appointment)
            if visit_day >= now.date() and arrive > now:
                appointment.__dict__["outcome"] = "pending"
                break
            if rng.random() < 0.025:  # nobody came
                appointment.__dict__["outcome"] = "missed"
                job.events.append((arrive, "appointment_missed", "Appointment missed"))
                visit_day = clock.on_or_after(visit_day, rng.randint(1, 3))
                arrive = _at(visit_day, slot, rng)
                continue
            appointment.__dict__["outcome"] = "kept"
            kept = appointment
        if arrive > now:
            break
        # An emergency is made safe on the first visit far more often than not.
        no_access, further = (0.02, 0.06) if repair.priority == "emergency" else (0.06, 0.16)
        roll = rng.random()
        outcome = (
            "no_access"
            if roll < no_access
            else ("further_work" if roll < further and attempt < 2 else "completed")
        )
        visit = Visit(repair=repair, visited_at=arrive, outcome=outcome, operative_id=operative_id,
                      appointment=kept,
                      card_left=outcome == "no_access",
                      update_due_on=rules.progress_update_due(arrive.date()) if outcome == "further_work" else None)  # fmt: skip
        job.visits.append((visit, rng.choice(FURTHER_WORK) if outcome == "further_work" else ""))
        if outcome == "completed":
            repair.completed_at = arrive + timedelta(minutes=rng.randint(20, 150))
            if repair.completed_at > now:
                repair.completed_at = now
            status = "completed"
            break
        if repair.priority == "emergency":  # back within hours, not by appointment
            arrive += timedelta(hours=rng.uniform(2, 20))
            continue
        gap = (1, 4) if outcome == "no_access" else (2, 6)
        visit_day = clock.on_or_after(arrive.date(), rng.randint(*gap))
        slot = rng.choice(SLOTS) if slot is not None else "all_day"
        arrive = _at(visit_day, slot, rng)
    repair.__dict__["status"] = status


def _save(ctx: DemoContext, rng: random.Random, jobs: list[_Job], now: datetime, clock: _Clock,
          rates: dict[str, Rate]) -> None:  # fmt: skip
    bulk.insert(Repair, [job.repair for job in jobs])
    appointments = [a for job in jobs for a in job.appointments]
    for n, appointment in enumerate(appointments):
        appointment.ref = f"A{n + 1:07d}"
    bulk.insert(Appointment, appointments)
    visits = [v for job in jobs for v, _text in job.visits]
    for n, visit in enumerate(visits):
        visit.ref = f"V{n + 1:07d}"
    bulk.insert(Visit, visits)
    follow_ons: list[FollowOn] = []
    contacts: list[Contact] = []
    lines: list[CostLine] = []
    answers: list[SatisfactionAnswer] = []
    clocks: list[DampMould] = []
    for job in jobs:
        repair = job.repair
        for visit, text in job.visits:
            if visit.outcome == "further_work":
                follow_ons.append(FollowOn(repair=repair, visit=visit, description=text,
                                           trade=repair.trade, created_at=visit.visited_at))  # fmt: skip
                contact = _progress_contact(rng, repair, visit, ctx.today, len(contacts))
                if contact is not None:
                    contacts.append(contact)
        if repair.status == "completed" and repair.completed_at is not None:
            lines.extend(_cost_lines(rng, repair, job, rates))
            answered = repair.completed_at + timedelta(
                days=rng.randint(0, 6), hours=rng.randint(1, 9)
            )
            if repair.reporter_id and rng.random() < 0.3 and answered < now:
                answers.append(SatisfactionAnswer(repair=repair, answer=rng.choice(SATISFACTION),
                                                  answered_at=answered, channel="portal"))  # fmt: skip
        if repair.damp_or_mould:
            clocks.append(_awaab(rng, repair, ctx.today))
    bulk.insert(FollowOn, follow_ons)
    bulk.insert(Contact, contacts)
    bulk.insert(CostLine, lines)
    bulk.insert(SatisfactionAnswer, answers)
    bulk.insert(DampMould, clocks)
    _timelines(jobs, now)


def _progress_contact(rng: random.Random, repair: Repair, visit: Visit, today: date,
                      n: int) -> Contact | None:  # fmt: skip
    """Most residents hear the same day or the next working day; some later; a few never."""
    roll = rng.random()
    if roll < 0.03 or visit.update_due_on is None:
        return None
    visit_on = timezone.localtime(visit.visited_at).date()
    on = visit_on if roll < 0.75 else visit.update_due_on
    if roll > 0.94:
        on = calendar.add_working_days(visit.update_due_on, rng.randint(1, 3))
    if on > today:
        return None
    return Contact(ref=f"CON-R{n + 1:08d}", case_type="repair", case_ref=repair.ref, contacted_on=on,
                   channel=rng.choice(["email", "text", "text", "phone", "letter"]),
                   purpose="progress_update", notes="Further work: what happens next")  # fmt: skip


def _cost_lines(
    rng: random.Random, repair: Repair, job: _Job, rates: dict[str, Rate]
) -> list[CostLine]:
    assert repair.completed_at is not None
    rate = rates.get(repair.trade) or rates[Trade.MULTI_TRADE]
    quantity = Decimal(rng.choice([1, 1, 1, 2, 3]))
    found = [CostLine(repair=repair, rate=rate, code=rate.code, description=rate.description,
                      quantity=quantity, unit_price=rate.unit_price, total=rate.unit_price * quantity,
                      added_at=repair.completed_at)]  # fmt: skip
    if len(job.visits) > 1:
        extra = rates[Trade.MULTI_TRADE]
        found.append(CostLine(repair=repair, rate=extra, code=extra.code, description=extra.description,
                              quantity=Decimal(2), unit_price=extra.unit_price,
                              total=extra.unit_price * 2, added_at=repair.completed_at))  # fmt: skip
    return found


def _awaab(rng: random.Random, repair: Repair, today: date) -> DampMould:
    aware_on = timezone.localtime(repair.reported_at).date()
    clocks = DampMould(repair=repair, aware_at=repair.reported_at,
                       investigation_due_on=rules.awaab_investigation_due(aware_on))  # fmt: skip
    investigated = calendar.add_working_days(
        aware_on, rng.randint(2, 9) if rng.random() < 0.9 else rng.randint(11, 16)
    )
    if investigated > today:
        return clocks
    clocks.investigated_on = investigated
    clocks.significant_hazard = rng.random() < 0.5
    clocks.summary_due_on = rules.awaab_summary_due(investigated)
    sent = calendar.add_working_days(investigated, rng.randint(0, 3) if rng.random() < 0.92 else 5)
    clocks.summary_sent_on = sent if sent <= today else None
    if clocks.significant_hazard:
        clocks.safety_work_due_on = rules.awaab_safety_work_due(investigated)
        begun = calendar.add_working_days(
            investigated, rng.randint(1, 5) if rng.random() < 0.9 else 7
        )
        clocks.safety_work_started_on = begun if begun <= today else None
    return clocks


def _timelines(jobs: list[_Job], now: datetime) -> None:
    """Timelines for what is open and what was reported in the last 30 days (older repairs'
    history is in their appointments and visits)."""
    kind = ContentType.objects.get_for_model(Repair)
    recent = now - timedelta(days=30)
    events = []
    for job in jobs:
        repair = job.repair
        if repair.status != "open" and repair.reported_at < recent:
            continue
        key = {"content_type": kind, "object_id": str(repair.pk), "visible_to_resident": True}
        events.append(TimelineEvent(occurred_at=repair.reported_at, verb="repair_reported",
                                    summary=f"Repair reported: {repair.description}", **key))  # fmt: skip
        for appointment in job.appointments:
            events.append(TimelineEvent(occurred_at=appointment.booked_at, verb="appointment_booked",
                                        summary=f"Appointment booked: {appointment}", **key))  # fmt: skip
            if appointment.outcome == "cancelled_by_resident":
                events.append(TimelineEvent(occurred_at=appointment.booked_at + timedelta(days=1),
                                            verb="appointment_cancelled",
                                            summary=f"Appointment on {appointment} cancelled by the resident",
                                            **key))  # fmt: skip
        for visit, text in job.visits:
            label = {"completed": "Completed", "further_work": "Further work needed",
                     "no_access": "No access"}[visit.outcome]  # fmt: skip
            events.append(TimelineEvent(occurred_at=visit.visited_at, verb="visit_recorded",
                                        summary=f"Visit: {label}" + (f". {text}" if text else ""), **key))  # fmt: skip
        for at, verb, summary in job.events:
            if at <= now:
                events.append(TimelineEvent(occurred_at=at, verb=verb, summary=summary, **key))
        if repair.status == "completed" and repair.completed_at is not None:
            events.append(TimelineEvent(occurred_at=repair.completed_at, verb="repair_completed",
                                        summary="Repair completed", **key))  # fmt: skip
    bulk.insert(TimelineEvent, events)


@demo_step(order=95)
def operative_jobs_today(ctx: DemoContext) -> None:
    """The demo's "operative" sign-in becomes a plumber with jobs on the next working day
    (today, on a working day) and the one after: the soonest booked appointments are theirs."""
    user = User.objects.filter(username="operative", role=Role.OPERATIVE).first()
    if user is None:
        return
    Operative.objects.get_or_create(user=user, defaults={"trade": Trade.PLUMBER})
    first = (
        ctx.today if calendar.is_working_day(ctx.today) else calendar.next_working_day(ctx.today)
    )
    taken: list[int] = []
    for day, count in ((first, 5), (calendar.next_working_day(first), 4)):
        jobs = list(
            Appointment.objects.filter(
                date__gte=first, outcome=Outcome.PENDING, repair__home__isnull=False
            )
            .exclude(pk__in=taken)
            .order_by("date", "slot", "pk")
            .values_list("pk", "repair_id")[:count]
        )
        taken += [pk for pk, _ in jobs]
        Appointment.objects.filter(pk__in=[pk for pk, _ in jobs]).update(operative=user, date=day)
        Repair.objects.filter(pk__in=[r for _, r in jobs]).update(operative=user)
