"""The standards and statutes that govern repairs, each as a small named rule.

Sources:
- The landlord's repair priorities (measures spec, "Home standard: repairs"): emergency within
  24 clock hours, urgent 5, routine 20 and planned 60 working days, landlord-configurable.
- The Secure Tenants of Local Housing Authorities (Right to Repair) Regulations 1994
  (SI 1994/133), Schedule: qualifying repairs and their prescribed periods; regulation 7:
  compensation when the prescribed period is missed. Introductory tenants have the same right
  (Introductory Tenants (Repair) Regulations 1997).
- Awaab's Law: the Hazards in Social Housing (Prescribed Requirements) (England) Regulations
  2025, for damp and mould.
- The measures spec's appointment slots and outcomes.
- Heating and hot water for households at risk from the cold: the landlord's policy (issue
  #15), following the Housing Health and Safety Rating System (Housing Act 2004, Part 1;
  HHSRS Operating Guidance 2006, hazard 2 "Excess cold", whose most vulnerable group is people
  aged 65 or over) and NICE guideline NG6 "Excess winter deaths and illness and the health
  risks associated with cold homes" (2015), which adds young children and people with health
  conditions or disabilities. Heating season: October to April inclusive.
- No access and repeat repairs: the landlord's policy (issue #15), written for what the
  Housing Ombudsman looks for in repairs complaints: no access evidenced (a card, a photo, a
  call); repeated no access taken on by an officer; a repair that recurs within 30 days of
  being completed treated as a repeat, not a new job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import F, Q
from django.utils import timezone

from hearth.core import calendar
from hearth.core.deadlines import Deadline, local_date


class Priority:
    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"
    PLANNED = "planned"
    VOID = "void"  # works on an empty home before it is let again


DEFAULT_EMERGENCY_HOURS = 24
DEFAULT_URGENT_DAYS = 5
DEFAULT_ROUTINE_DAYS = 20
DEFAULT_PLANNED_DAYS = 60
# Void works have their own target, inside the 21 calendar days a standard void has to be let.
DEFAULT_VOID_DAYS = 10


@dataclass(frozen=True)
class PriorityTimes:
    """How long each priority has. The landlord may change these (RepairSettings)."""

    emergency_hours: int = DEFAULT_EMERGENCY_HOURS
    urgent_days: int = DEFAULT_URGENT_DAYS
    routine_days: int = DEFAULT_ROUTINE_DAYS
    planned_days: int = DEFAULT_PLANNED_DAYS
    void_days: int = DEFAULT_VOID_DAYS


def priority_deadline(priority: str, times: PriorityTimes) -> Deadline:
    """Emergency: within 24 clock hours of being reported; urgent 5, routine 20 and planned 60
    working days (measures spec, defaults; landlord-configurable). Void works on an empty
    home: 10 working days (the landlord's own target, configurable)."""
    if priority == Priority.EMERGENCY:
        return Deadline.clock_hours(times.emergency_hours)
    days = {
        Priority.URGENT: times.urgent_days,
        Priority.ROUTINE: times.routine_days,
        Priority.PLANNED: times.planned_days,
        Priority.VOID: times.void_days,
    }[priority]
    return Deadline.working_days(days)


@dataclass(frozen=True)
class DueDates:
    due_at: datetime | None  # emergencies only: the exact moment
    due_on: date  # the date the repair must be finished by (what queues and measures use)
    rtr_due_on: date | None  # the Right to Repair prescribed period's end, if it applies


def repair_due_dates(
    *, reported_at: datetime, priority: str, rtr_days: int | None, times: PriorityTimes
) -> DueDates:
    """A repair's due date is its priority's; a Right to Repair qualifying repair takes its
    statutory period (1, 3 or 7 working days) when that is shorter (measures spec)."""
    deadline = priority_deadline(priority, times)
    # In UTC: adding hours to a London wall-clock time would lose or gain an hour when the
    # clocks change; 24 clock hours are 24 real hours.
    due = deadline.due(reported_at.astimezone(UTC))
    due_at = due if isinstance(due, datetime) else None
    due_on = local_date(due)
    rtr_due_on = None
    if rtr_days:
        rtr_due_on = calendar.add_working_days(local_date(reported_at), rtr_days)
        if due_at is None and rtr_due_on < due_on:
            due_on = rtr_due_on
    return DueDates(due_at=due_at, due_on=due_on, rtr_due_on=rtr_due_on)


# -- Right to Repair ------------------------------------------------------------------------

RIGHT_TO_REPAIR_PERIODS = (1, 3, 7)
RIGHT_TO_REPAIR_TENURES = frozenset({"secure", "introductory"})


def right_to_repair_applies(tenure: str | None) -> bool:
    """The Right to Repair belongs to secure tenants of a local housing authority (1994
    Regulations, reg. 2) and to introductory tenants (1997 Regulations). A TMO manages the
    council's homes, so its secure tenants hold it; leaseholders and others do not."""
    return tenure in RIGHT_TO_REPAIR_TENURES


def heating_loss_period(on: date) -> int:
    """Schedule, "total or partial loss of space or water heating": 1 working day between 31
    October and 1 May, 3 working days between 30 April and 1 November."""
    return 1 if on.month >= 11 or on.month <= 4 else 3


COMPENSATION_BASE = Decimal("10.00")
COMPENSATION_PER_DAY = Decimal("2.00")
COMPENSATION_CAP = Decimal("50.00")


def right_to_repair_compensation(*, rtr_due_on: date, done_on: date) -> Decimal:
    """When a qualifying repair is not done within its prescribed period, the tenant is owed
    £10 plus £2 for each day after the period until it is done, at most £50 (1994
    Regulations, reg. 7 as amended). Days are calendar days; none late owes nothing."""
    days_late = (done_on - rtr_due_on).days
    if days_late <= 0:
        return Decimal("0.00")
    return min(COMPENSATION_BASE + COMPENSATION_PER_DAY * days_late, COMPENSATION_CAP)


# -- Awaab's Law (damp and mould) --------------------------------------------------------------

AWAAB_INVESTIGATE_DAYS = 10
AWAAB_SUMMARY_DAYS = 3
AWAAB_SAFETY_WORK_DAYS = 5
AWAAB_EMERGENCY_HOURS = 24


def awaab_investigation_due(aware_on: date) -> date:
    """Investigate a potential significant hazard within 10 working days of becoming aware of
    it (Hazards in Social Housing Regulations 2025, reg. 4)."""
    return calendar.add_working_days(aware_on, AWAAB_INVESTIGATE_DAYS)


def awaab_summary_due(investigated_on: date) -> date:
    """Give the resident a written summary of the findings within 3 working days of the
    investigation concluding (reg. 5)."""
    return calendar.add_working_days(investigated_on, AWAAB_SUMMARY_DAYS)


def awaab_safety_work_due(investigated_on: date) -> date:
    """Where the hazard is significant, begin relevant safety work within 5 working days of
    the investigation concluding (reg. 6)."""
    return calendar.add_working_days(investigated_on, AWAAB_SAFETY_WORK_DAYS)


def awaab_emergency_due(aware_at: datetime) -> datetime:
    """An emergency hazard must be investigated and made safe within 24 hours of becoming
    aware of it (reg. 7)."""
    return aware_at.astimezone(UTC) + timedelta(hours=AWAAB_EMERGENCY_HOURS)


# -- Appointments -----------------------------------------------------------------------------

SLOT_HOURS = {"am": (time(8), time(12)), "pm": (time(12), time(18)), "all_day": (time(8), time(18))}


def slot_window(day: date, slot: str) -> tuple[datetime, datetime]:
    """Morning 8am-12 noon, afternoon 12 noon-6pm, all day 8am-6pm, London time."""
    start, end = SLOT_HOURS[slot]
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(day, start, tzinfo=zone),
        datetime.combine(day, end, tzinfo=zone),
    )


def came_within_slot(day: date, slot: str, arrived_at: datetime) -> bool:
    """An appointment is kept when the operative came within the slot, whether or not the
    resident let them in; otherwise it is missed (measures spec)."""
    start, end = slot_window(day, slot)
    return start <= arrived_at <= end


def cancellation_counts_as_missed(*, appointment_on: date, cancelled_on: date) -> bool:
    """A cancellation by the landlord on or after the appointment date counts as missed
    (measures spec, repairs.appointments_kept)."""
    return cancelled_on >= appointment_on


def cancellation_counts_as_missed_q(
    *, appointment_on: str = "date", cancelled_on: str = "cancelled_on"
) -> Q:
    """`cancellation_counts_as_missed` as a query condition, for the measure: the names of the
    appointment's date and its cancellation date fields."""
    return Q(**{f"{cancelled_on}__gte": F(appointment_on)})


def progress_update_due(visit_on: date) -> date:
    """After a further-work visit the resident hears from us within 1 working day (charter:
    "keep you up to date on our progress if your repair can't be completed at the first
    visit"; measures spec, repairs.progress_updates)."""
    return calendar.add_working_days(visit_on, 1)


def appointment_is_late(*, day: date, due_on: date) -> bool:
    """An appointment on a day after the repair's due date cannot keep the promise we made
    (the priority's target or the Right to Repair period): it is late, and booking it needs a
    reason the resident is told."""
    return day > due_on


# -- Heating and hot water --------------------------------------------------------------------

HEATING_SEASON_MONTHS = frozenset({10, 11, 12, 1, 2, 3, 4})
YOUNG_CHILD_UNDER = 5
OLDER_PERSON_FROM = 65


def age_on(born: date, on: date) -> int:
    """Whole years of age on a day (a birthday on 29 February falls on 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def at_risk_from_cold(*, birth_dates: Iterable[date | None], on: date, vulnerable: bool) -> bool:
    """A household at risk from the cold: a child under 5, someone aged 65 or over (HHSRS,
    excess cold; NICE NG6), or a vulnerability or support need we know of or are told of."""
    if vulnerable:
        return True
    for born in birth_dates:
        if born is None:
            continue
        age = age_on(born, on)
        if age < YOUNG_CHILD_UNDER or age >= OLDER_PERSON_FROM:
            return True
    return False


def heating_loss_is_emergency(*, on: date, no_heating_or_hot_water: bool, at_risk: bool) -> bool:
    """Loss of heating or hot water between 1 October and 30 April, in a household at risk
    from the cold (`at_risk_from_cold`), is an emergency: attend and make safe within 24
    hours. Outside those months, or for a household not at risk, the catalogue's priority
    (urgent) and the Right to Repair period stand."""
    return no_heating_or_hot_water and at_risk and on.month in HEATING_SEASON_MONTHS


# -- Visits -----------------------------------------------------------------------------------

NO_ACCESS_ESCALATE_AFTER = 3
REPEAT_WITHIN_DAYS = 30


class NoAccessMeans:
    CARD = "card"
    PHOTO = "photo"
    CALL = "call"


def no_access_escalates(means_per_visit: Iterable[frozenset[str]]) -> bool:
    """After three no-access visits, with more than one way of reaching the resident tried
    between them (a card, a photo at the door, a call), the repair goes to an officer rather
    than a fourth operative: different means are tried first, then someone takes it on
    (landlord policy, issue #15; see the module's sources)."""
    visits = list(means_per_visit)
    tried = frozenset().union(*visits) if visits else frozenset()
    return len(visits) >= NO_ACCESS_ESCALATE_AFTER and len(tried) >= 2


def is_repeat(*, reported_on: date, previous_completed_on: date) -> bool:
    """A repair to the same home by the same trade within 30 days of one we completed is a
    repeat: the first fix may not have held (landlord policy, issue #15)."""
    return 0 <= (reported_on - previous_completed_on).days <= REPEAT_WITHIN_DAYS
