"""Value for money: cost beside service, from what Hearth already holds. The average cost of a
repair by priority, trade and estate, the repairs service's cost per home, this period against
the same period last year, and the empty-homes measures from the registry (rent lost, days to
re-let) as their domain reports them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from hearth.core.measures import homes_managed_at, report
from hearth.performance.reporting import year_before
from hearth.repairs import queries as repairs

PENNY = Decimal("0.01")


def _average(cost: Decimal, count: int) -> Decimal | None:
    return (cost / count).quantize(PENNY, rounding=ROUND_HALF_UP) if count else None


@dataclass(frozen=True)
class CostRow:
    label: str
    repairs: int
    cost: Decimal
    average: Decimal | None


def _rows(start: date, end: date, by: str, labels: dict[str, str]) -> list[CostRow]:
    return [
        CostRow(
            labels.get(row["group"], row["group"] or _("Not recorded")),
            row["repairs"],
            row["cost"],
            _average(row["cost"], row["repairs"]),
        )
        for row in repairs.repair_costs(start, end, by)
    ]


def summary(start: date, end: date) -> dict[str, Any]:
    by_priority = _rows(start, end, "priority", repairs.priority_labels())
    total = sum((r.cost for r in by_priority), Decimal("0.00"))
    count = sum(r.repairs for r in by_priority)
    last = repairs.repair_costs(year_before(start), year_before(end), "priority")
    last_total = sum((r["cost"] for r in last), Decimal("0.00"))
    last_count = sum(r["repairs"] for r in last)
    homes = homes_managed_at(end)
    voids = report(
        start,
        end,
        only=["voids.rent_lost", "voids.average_relet_days", "voids.average_relet_days_major"],
    )["measures"]
    return {
        "by_priority": by_priority,
        "by_trade": _rows(start, end, "trade", repairs.trade_labels()),
        "by_estate": _rows(start, end, "estate", {}),
        "total": total,
        "repairs": count,
        "average": _average(total, count),
        "homes": homes,
        "per_home": _average(total, homes),
        "last_total": last_total,
        "last_average": _average(last_total, last_count),
        "voids": voids,
    }
