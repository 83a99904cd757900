"""How long repairs are kept (`hearth.core.retention`): a completed or cancelled repair is
anonymised the set number of years after it closed. Dates, priority, trade and the right to
repair days stay for the measures; what was reported and who reported it go."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from hearth.core import retention
from hearth.core.retention import REMOVED
from hearth.repairs.models import Repair, Status


def _due(cutoff: date) -> QuerySet[Repair]:
    return Repair.objects.filter(
        Q(status=Status.COMPLETED, completed_at__date__lt=cutoff)
        | Q(status=Status.CANCELLED, cancelled_at__date__lt=cutoff)
    ).exclude(description=REMOVED)


def _anonymise(rows: QuerySet[Any]) -> int:
    return Repair.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).update(
        reporter=None, description=REMOVED, location="", cancellation_reason=""
    )


@retention.rule
def repairs() -> retention.Rule:
    return retention.Rule(
        "repairs.repair", "Repairs", "the repair was completed or cancelled", _due, _anonymise
    )
