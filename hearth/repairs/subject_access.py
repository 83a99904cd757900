"""What repairs holds about a person, for their subject access export: the repairs they
reported or that were for a tenancy they hold, and any repair charged to that tenancy (`hearth.core.subject_access`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from hearth.core.subject_access import Part, source
from hearth.repairs.models import Recharge, Repair
from hearth.tenancies.queries import tenancies_held_by


@source(covers=[Repair, Recharge])
def repairs(person: Any) -> Iterable[Part]:
    found = list(
        Repair.objects.filter(Q(reporter=person) | Q(tenancy__in=tenancies_held_by(person)))
        .select_related("home")
        .order_by("reported_at", "pk")
    )
    yield Part(
        "repairs", "Repairs",
        ["repair reference", "address", "reported at", "priority", "what was reported",
         "location", "status", "completed at"],
        [[r.ref, str(r.home), r.reported_at, r.get_priority_display(), r.description, r.location,
          r.get_status_display(), r.completed_at] for r in found],
        cases=found,
    )  # fmt: skip
    yield Part(
        "recharges", "Repairs charged to them",
        ["repair reference", "tenancy reference", "amount", "why", "status", "raised at"],
        [[c.repair.ref, c.tenancy.ref if c.tenancy else "", c.amount, c.reason,
          c.get_status_display(), c.raised_at]
         for c in Recharge.objects.filter(tenancy__in=tenancies_held_by(person))
         .select_related("repair", "tenancy").order_by("raised_at", "pk")],
    )  # fmt: skip
