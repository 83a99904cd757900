"""What repairs holds about a person, for their subject access export: the repairs they
reported or that were for a tenancy they hold (`hearth.core.subject_access`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from hearth.core.subject_access import Part, source
from hearth.repairs.models import Repair
from hearth.tenancies.queries import tenancies_held_by


@source
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
