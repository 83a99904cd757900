"""Appointment slots and how many jobs each can still take.

A slot's capacity comes from the operatives who do the trade: each takes `am_capacity` jobs
in a morning and `pm_capacity` in an afternoon. An all-day appointment uses a place in both.
A trade with no operatives of its own is covered by the multi-trade operatives. Booking for a
named operative counts only that operative's places. Only working days are offered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, Sum

from hearth.core import calendar
from hearth.repairs.models import Appointment, Operative, Outcome, Slot, Trade

# Appointments that hold a place: booked, or already attended.
_HOLDING = (Outcome.PENDING, Outcome.KEPT)


@dataclass(frozen=True)
class SlotOffer:
    date: date
    slot: str
    remaining: int

    @property
    def value(self) -> str:
        """How a slot is written in a form: `2025-06-03:am`."""
        return f"{self.date.isoformat()}:{self.slot}"

    @property
    def label(self) -> str:
        return str(Slot(self.slot).label)


def parse_slot_value(value: str) -> tuple[date, str] | None:
    day, _sep, slot = value.partition(":")
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return None
    if slot not in Slot.values:
        return None
    return parsed, slot


def covering_trade(trade: str) -> str:
    """The trade whose operatives take a job: its own, or multi-trade if it has none."""
    trade = trade or Trade.MULTI_TRADE
    if Operative.objects.filter(trade=trade, active=True).exists():
        return trade
    return Trade.MULTI_TRADE


def _capacity(trade: str, operative: Any) -> tuple[int, int]:
    operatives = Operative.objects.filter(active=True)
    if operative is not None:
        operatives = operatives.filter(user=operative)
    else:
        operatives = operatives.filter(trade=trade)
    totals = operatives.aggregate(am=Sum("am_capacity"), pm=Sum("pm_capacity"))
    return totals["am"] or 0, totals["pm"] or 0


def _booked(trade: str, operative: Any, start: date, end: date) -> dict[tuple[date, str], int]:
    appointments = Appointment.objects.filter(
        date__range=(start, end), outcome__in=_HOLDING
    ).exclude(repair__status="cancelled")
    if operative is not None:
        appointments = appointments.filter(operative=operative)
    else:
        appointments = appointments.filter(Q(trade=trade))
    rows = appointments.order_by().values("date", "slot").annotate(n=Count("pk"))
    booked: dict[tuple[date, str], int] = defaultdict(int)
    for row in rows:
        booked[(row["date"], row["slot"])] += row["n"]
    return booked


def availability(*, trade: str, start: date, end: date, operative: Any = None) -> list[SlotOffer]:
    """Every slot on the working days from `start` to `end` (inclusive) with a place left."""
    trade = covering_trade(trade) if operative is None else trade
    am_capacity, pm_capacity = _capacity(trade, operative)
    booked = _booked(trade, operative, start, end)
    offers = []
    for day in calendar.working_days_in(start, end):
        all_day = booked[(day, Slot.ALL_DAY)]
        am_left = am_capacity - booked[(day, Slot.AM)] - all_day
        pm_left = pm_capacity - booked[(day, Slot.PM)] - all_day
        for slot, left in (
            (Slot.AM, am_left),
            (Slot.PM, pm_left),
            (Slot.ALL_DAY, min(am_left, pm_left)),
        ):
            if left > 0:
                offers.append(SlotOffer(day, slot, left))
    return offers


def has_place(*, trade: str, day: date, slot: str, operative: Any = None) -> bool:
    return any(
        offer.slot == slot
        for offer in availability(trade=trade, start=day, end=day, operative=operative)
    )
