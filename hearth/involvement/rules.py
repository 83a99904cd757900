"""The Regulator's survey rules as small named functions (each has a test named after it).

Source: Regulator of Social Housing, "Tenant Satisfaction Measures: Tenant survey requirements"
(2022), section 2 "Sampling approach" and Annex C "Illustrative sample sizes":
https://www.gov.uk/government/publications/tenant-satisfaction-measures-standard
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal

from hearth.involvement import tsm

Z_95 = Decimal("1.96")


def required_margin_of_error(homes: int) -> Decimal:
    """Survey requirements, Table 1: the results must have a margin of error no wider than
    ±5% for landlords with fewer than 2,500 homes, ±4% for 2,500 to 9,999 homes, and ±3% for
    10,000 homes or more, at the 95% confidence level."""
    if homes < 2500:
        return Decimal("0.05")
    if homes < 10000:
        return Decimal("0.04")
    return Decimal("0.03")


def responses_needed(homes: int) -> int:
    """Survey requirements, Annex C: the responses needed for the margin of error, at 95%
    confidence and the most cautious split (50:50), corrected for the finite number of
    households: n0 = 1.96² x 0.25 ÷ e², n = n0 ÷ (1 + (n0 - 1) ÷ N), rounded up. A landlord
    with fewer households than that asks them all (a census)."""
    if homes <= 0:
        return 0
    margin = required_margin_of_error(homes)
    n0 = Z_95 * Z_95 * Decimal("0.25") / (margin * margin)
    needed = n0 / (1 + (n0 - 1) / homes)
    return min(homes, math.ceil(needed))


def invitations_needed(homes: int, expected_response_rate: int) -> int:
    """How many households to ask so that, at the response rate we expect, enough answer."""
    rate = max(1, min(100, expected_response_rate))
    return min(homes, math.ceil(Decimal(responses_needed(homes)) * 100 / rate))


def last_asked_too_recently(last_asked: date | None, today: date) -> bool:
    """Survey requirements, 2.3 (burden on tenants): nobody is asked to take part in the
    perception survey twice within 12 months."""
    return last_asked is not None and last_asked > today - timedelta(days=365)


def question_is_asked(code: str, filters: Mapping[str, bool]) -> bool:
    """Technical requirements, section 12: TP02 and TP03 are asked only of tenants who had a
    repair in the last 12 months, TP09 only of those who made a complaint in the last 12
    months, TP10 only of those who live in a building with communal areas the landlord
    maintains. Every other question is asked of everyone."""
    condition = tsm.BY_CODE[code].asked_if
    return condition is None or bool(filters.get(condition))


def margin_of_error_achieved(responses: int, homes: int) -> Decimal | None:
    """The margin of error the responses give (95% confidence, 50:50 split, finite population
    corrected), as a fraction; None with no responses."""
    if responses <= 0 or homes <= 0:
        return None
    if responses >= homes:
        return Decimal(0)
    variance = Decimal("0.25") / responses * (Decimal(homes - responses) / (homes - 1))
    return Z_95 * variance.sqrt()
