"""How the demo landlord's tenants pay: each account gets a channel (direct debit, standing
order, card online, PayPoint, Universal Credit paid direct, Housing Benefit, cash) and a
habit (steady; slips behind for some weeks and catches up; or struggles), and this module
turns that into a year of dated payments."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hearth.rents.models import Kind, Source

PENNY = Decimal("0.01")
CHANNELS = [
    ("direct_debit", 30),
    ("standing_order", 14),
    ("online", 14),
    ("paypoint", 10),
    ("universal_credit", 16),
    ("housing_benefit", 10),
    ("cash", 6),
]
HABITS = [("steady", 84), ("slips", 11), ("struggles", 5)]
KIND = {
    "direct_debit": Kind.PAYMENT_DIRECT_DEBIT,
    "standing_order": Kind.PAYMENT_STANDING_ORDER,
    "online": Kind.PAYMENT_ONLINE,
    "paypoint": Kind.PAYMENT_PAYPOINT,
    "universal_credit": Kind.UNIVERSAL_CREDIT,
    "housing_benefit": Kind.HOUSING_BENEFIT,
    "cash": Kind.PAYMENT_CASH,
}
SOURCE = {
    "direct_debit": Source.DIRECT_DEBIT,
    "standing_order": Source.STANDING_ORDER,
    "online": Source.ONLINE,
    "paypoint": Source.PAYPOINT,
    "universal_credit": Source.UNIVERSAL_CREDIT,
    "housing_benefit": Source.HOUSING_BENEFIT,
    "cash": Source.OFFICER,
}
DESCRIPTION = {
    "direct_debit": "Direct debit collected",
    "standing_order": "Standing order",
    "online": "Card payment online",
    "paypoint": "PayPoint payment",
    "universal_credit": "Universal Credit paid direct",
    "housing_benefit": "Housing Benefit",
    "cash": "Paid at the office",
}


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def money(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass
class Payer:
    account_id: int
    channel: str
    habit: str
    weekly: Decimal
    start: date
    end: date | None
    collection_day: int = 1
    slip_from: date | None = None
    slip_until: date | None = None
    brought_forward: Decimal = Decimal("0.00")
    payments: list[tuple[date, Decimal]] = field(default_factory=list)


def make_payer(
    rng: random.Random,
    account_id: int,
    weekly: Decimal,
    start: date,
    end: date | None,
    first: date,
    last: date,
) -> Payer:
    payer = Payer(
        account_id,
        pick(rng, CHANNELS),
        pick(rng, HABITS),
        weekly,
        max(start, first),
        min(end, last) if end else last,
    )
    payer.collection_day = rng.choice([1, 1, 1, 5, 8, 15, 20, 28])
    if payer.habit == "slips":
        slip = first + timedelta(weeks=rng.randint(4, 44))
        payer.slip_from, payer.slip_until = slip, slip + timedelta(weeks=rng.randint(3, 10))
    # Benefit paid monthly or four-weekly in arrears: the account carries a credit forward.
    if payer.channel == "universal_credit":
        payer.brought_forward = -money(weekly * 5)
    elif payer.channel == "housing_benefit":
        payer.brought_forward = -money(weekly * 4)
    elif payer.channel == "direct_debit":
        payer.brought_forward = -money(weekly * rng.randint(0, 2))
    elif payer.habit == "struggles":
        payer.brought_forward = money(weekly * rng.randint(1, 6))
    return payer


def _due_dates(payer: Payer, rng: random.Random) -> list[tuple[date, Decimal]]:
    """When and how much a steady payer on this channel pays."""
    weekly, start, end = payer.weekly, payer.start, payer.end
    assert end is not None
    dates: list[tuple[date, Decimal]] = []
    channel = payer.channel
    if channel in ("direct_debit", "universal_credit"):
        month = date(start.year, start.month, 1)
        monthly = money(weekly * 52 / 12)
        while month <= end:
            day = month.replace(day=payer.collection_day if channel == "direct_debit" else 12)
            if start <= day <= end:
                dates.append((day, monthly))
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        return dates
    step, amount = {
        "standing_order": (28, weekly * 4),
        "online": (14, weekly * 2),
        "paypoint": (7, weekly),
        "housing_benefit": (28, weekly * 4),
        "cash": (14, weekly * 2),
    }[channel]
    offset = 0 if channel == "housing_benefit" else rng.randint(0, 4)
    day = start + timedelta(days=offset)
    while day <= end:
        dates.append((day, money(amount)))
        day += timedelta(days=step)
    return dates


def plan_payments(payer: Payer, rng: random.Random) -> list[tuple[date, Decimal]]:
    """The payments a payer makes, by habit: a slipper pays nothing for some weeks, then a
    quarter more each time until the missed money is back; a struggler pays 75-95%."""
    missed = Decimal("0.00")
    skipped = Decimal("0.00")
    made: list[tuple[date, Decimal]] = []
    for day, amount in _due_dates(payer, rng):
        if payer.habit == "slips" and payer.slip_from and payer.slip_until:
            if payer.slip_from <= day < payer.slip_until:
                missed += amount
                continue
            if missed > 0 and day >= payer.slip_until:
                extra = min(missed, money(amount / 4) + Decimal("5.00"))
                missed -= extra
                amount += extra
        elif payer.habit == "struggles":
            amount = money(amount * Decimal(rng.randint(75, 95)) / 100)
        if payer.channel not in ("universal_credit", "housing_benefit") and rng.random() < 0.02:
            skipped += amount  # an occasional missed payment, made up next time
            continue
        made.append((day, amount + skipped))
        skipped = Decimal("0.00")
    payer.payments = made
    return made
