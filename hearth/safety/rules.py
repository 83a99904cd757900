"""The standards and statutes behind the building safety register, as small named functions.
Each carries its source and what it says; each has a test named after it (`tests/test_rules.py`).
Frequencies are the landlord's (`CheckType`); the numbers here are the law's floors and the
defaults a new landlord starts with."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

# Remedial deadlines by risk, in calendar days, where no statute sets one.
REMEDIAL_DAYS_BY_RISK = {"immediate": 1, "high": 7, "medium": 28, "low": 90}
EICR_REMEDIAL_DAYS = 28
RESIDENT_COPY_DAYS = 28
LEGAL_ACCESS_CHANNELS = 3
TALL_BLOCK_STOREYS = 5
SURVEY_YEARS = 5
DUE_SOON_DAYS = 30


def add_months(day: date, months: int) -> date:
    """Measures spec, Conventions: "one month after D" is the same day number in the next month,
    or that month's last day when it is shorter (31 Jan -> 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def next_check_due(*, done_on: date, months: int) -> date:
    """Gas Safety (Installation and Use) Regulations 1998, reg. 36(3): each appliance and flue
    checked "at intervals of not more than 12 months"; the Electrical Safety Standards in the
    Private Rented Sector (England) Regulations 2020, reg. 3(1)(b), extended to social housing
    from 1 November 2025: the installation inspected "at intervals of no more than 5 years".
    Every check type has a frequency in months; the next check is due that many months after
    the last was done."""
    return add_months(done_on, months)


def fire_risk_assessment_months(
    risk: str, *, high: int | None, medium: int | None, low: int | None, default: int
) -> int:
    """Regulatory Reform (Fire Safety) Order 2005, art. 9(3): the responsible person must review
    the assessment "regularly". The landlord sets how often by the risk the last assessment
    found (by default yearly for high, every two years for medium, every three for low)."""
    months = {"high": high, "medium": medium, "low": low}.get(risk)
    return months or default


def block_is_over_11_metres(storeys: int | None) -> bool:
    """Fire Safety (England) Regulations 2022, reg. 10: in a block over 11 metres, communal fire
    doors are checked every three months and flat entrance doors every 12 months. The register
    holds storeys, not heights: a block of 5 or more storeys is taken as over 11 metres (the
    government's guidance: "usually 5 storeys or more"). A block whose storeys are unknown is
    not."""
    return storeys is not None and storeys >= TALL_BLOCK_STOREYS


def communal_lifts(*, has_lift: bool | None, lifts: int | None) -> int:
    """Measures spec, BS05: a block's communal lifts are its lift count (1 when it has a lift
    and no count is given)."""
    if lifts is not None:
        return lifts
    return 1 if has_lift else 0


def remedial_due(*, finding: str, risk: str, raised_on: date) -> date:
    """Electrical Safety Standards Regulations 2020, reg. 3(4): remedial work the report
    requires (C1 or C2) is done "within 28 days" (or sooner if the report says). Other
    findings take the landlord's deadline for their risk: immediate danger 1 day, high 7 days,
    medium 28 days, low 90 days."""
    if finding in ("eicr_c1", "eicr_c2"):
        days = min(EICR_REMEDIAL_DAYS, REMEDIAL_DAYS_BY_RISK.get(risk, EICR_REMEDIAL_DAYS))
    else:
        days = REMEDIAL_DAYS_BY_RISK[risk]
    return raised_on + timedelta(days=days)


def default_risk(finding: str) -> str:
    """The risk a finding starts at: a C1 code or an immediately dangerous gas appliance is an
    immediate danger; an "at risk" appliance is high; a C2 code is medium, so it takes the
    statute's 28 days unless the officer judges it higher; an FRA action medium."""
    return {
        "eicr_c1": "immediate",
        "gas_id": "immediate",
        "gas_ar": "high",
    }.get(finding, "medium")


def action_needs_mitigation(*, due_on: date, done: bool, mitigated: bool, today: date) -> bool:
    """Housing Ombudsman, spotlight on building safety (and Awaab's Law's duty to make safe): a
    remedial action past its deadline must have an interim measure recorded that keeps the
    residents safe until the work is done."""
    return not done and due_on < today and not mitigated


def resident_copy_due(done_on: date) -> date:
    """Gas Safety (Installation and Use) Regulations 1998, reg. 36(6)(a), and the Electrical
    Safety Standards Regulations 2020, reg. 3(3)(b): the tenant gets a copy of the record
    "within 28 days" of the check, and a new tenant before they move in (reg. 36(6)(b))."""
    return done_on + timedelta(days=RESIDENT_COPY_DAYS)


@dataclass(frozen=True)
class Attempt:
    channel: str
    got_access: bool


def legal_access_may_start(attempts: Iterable[Attempt]) -> bool:
    """The landlord's access policy (HSE guidance on gas safety, "reasonable steps"): before
    seeking an injunction for access, at least three attempts have failed, each by a different
    channel (say a letter, a phone call and a visit)."""
    failed_channels = {a.channel for a in attempts if not a.got_access}
    return len(failed_channels) >= LEGAL_ACCESS_CHANNELS


def survey_is_current(*, surveyed_on: date | None, on: date) -> bool:
    """Measures spec, homes.condition_surveyed: a survey counts when dated on or after the same
    date five years earlier (the Regulator's expectation that stock condition is known)."""
    return surveyed_on is not None and add_months(on, -12 * SURVEY_YEARS) <= surveyed_on <= on


def meets_decent_homes(*, fails_a: bool, fails_b: bool, fails_c: bool, fails_d: bool) -> bool:
    """A Decent Home (DCLG, 2006): free of Category 1 hazards (A), in reasonable repair (B), with
    reasonably modern facilities (C) and a reasonable degree of thermal comfort (D). A home
    failing any criterion is not decent."""
    return not (fails_a or fails_b or fails_c or fails_d)


def hazard_in_scope(*, in_force_from: date, reported_on: date) -> bool:
    """Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025 (Awaab's
    Law): a hazard is in scope for a report made on or after the date its phase came into
    force."""
    return reported_on >= in_force_from
