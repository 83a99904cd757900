"""The rules a void must meet before the home is let, each a small named function.

Sources:
- The landlord's promise (charter): "carry out necessary works so empty properties can be
  relet quickly"; standard voids 21 calendar days, major works voids 60 (configurable).
- Gas Safety (Installation and Use) Regulations 1998, regulation 36: a gas safety check within
  the last 12 months, its record given to a new tenant before they move in.
- Electrical Safety Standards in the Private and Social Rented Sector (England) Regulations:
  a satisfactory electrical installation condition report (EICR) less than five years old
  before a new tenancy starts, a copy given to the new tenant.
- Smoke and Carbon Monoxide Alarm (Amendment) Regulations 2022: a smoke alarm on every storey
  used as living accommodation and a carbon monoxide alarm in any room with a fixed combustion
  appliance (not a gas cooker), each checked in working order on the day the tenancy begins.
- Control of Asbestos Regulations 2012, regulation 4: asbestos information for the home
  known before anyone works in it or lives in it.
- The landlord's Letting Standard (charter: "vacant properties are clean, tidy and meet the
  Letting Standard before new tenants move in").
- The charter: "offer you the chance to view the property before asking you to sign".
- The council's choice-based lettings scheme: a 7-digit bidding number per applicant.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from hearth.core import calendar

EICR_YEARS = 5
GAS_CHECK_MONTHS = 12
BIDDING_NUMBER = re.compile(r"^\d{7}$")


def years_before(day: date, years: int) -> date:
    """The same date `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def gas_next_due(done_on: date) -> date:
    """Gas Safety (Installation and Use) Regulations 1998, reg. 36(3): checked at intervals
    of not more than 12 months, so the next check is due a year after this one."""
    try:
        return done_on.replace(year=done_on.year + 1)
    except ValueError:
        return done_on.replace(year=done_on.year + 1, day=28)


def gas_record_current(*, done_on: date, next_due_on: date | None, outcome: str, on: date) -> bool:
    """Gas Safety (Installation and Use) Regulations 1998, reg. 36: a satisfactory gas safety
    check done on or before `on` whose next check is not yet due."""
    due = next_due_on or gas_next_due(done_on)
    return outcome == "satisfactory" and done_on <= on and due >= on


def eicr_in_date(*, done_on: date, outcome: str, on: date) -> bool:
    """Electrical Safety Standards regulations: a satisfactory EICR dated less than five years
    before `on` (done after the same date five years earlier)."""
    return outcome == "satisfactory" and years_before(on, EICR_YEARS) < done_on <= on


def smoke_alarms_tested(
    *, done_on: date, outcome: str, every_storey: bool, starts_on: date
) -> bool:
    """Smoke and Carbon Monoxide Alarm (Amendment) Regulations 2022: smoke alarms on every
    storey, checked in working order on the day the tenancy begins."""
    return outcome == "satisfactory" and every_storey and done_on == starts_on


def co_alarm_tested(*, done_on: date, outcome: str, starts_on: date) -> bool:
    """Smoke and Carbon Monoxide Alarm (Amendment) Regulations 2022: a carbon monoxide alarm
    where there is a fixed combustion appliance, checked working on the day the tenancy
    begins."""
    return outcome == "satisfactory" and done_on == starts_on


def asbestos_information_present(*, outcome: str) -> bool:
    """Control of Asbestos Regulations 2012, reg. 4: the home's asbestos information is
    known (a survey or register entry was seen; "no access" is not information)."""
    return outcome != "no_access"


def letting_standard_passed(results: list[dict[str, object]]) -> bool:
    """The Letting Standard passes only when every item on the checklist passes."""
    return bool(results) and all(bool(r.get("passed")) for r in results)


def let_by(previous_tenancy_end: date, target_days: int) -> date:
    """The landlord's promise: the next tenancy starts within the target in calendar days of
    the previous one ending (21 for a standard void, 60 for major works, configurable)."""
    return previous_tenancy_end + timedelta(days=target_days)


def void_starts_on(previous_tenancy_end: date, keys_returned_on: date | None) -> date:
    """Measures spec: a void starts on the day after the previous tenancy ends, or the day
    the keys come back if that is later."""
    start = previous_tenancy_end + timedelta(days=1)
    return max(start, keys_returned_on) if keys_returned_on else start


def inspection_due(keys_returned_on: date, working_days: int) -> date:
    """The landlord's practice: the void inspection within `working_days` (2 by default)
    working days of the keys coming back, counted by the one calendar."""
    return calendar.add_working_days(keys_returned_on, working_days)


def valid_bidding_number(text: str) -> bool:
    """The council's choice-based lettings scheme: a bidding number is 7 digits."""
    return bool(BIDDING_NUMBER.match(text))
