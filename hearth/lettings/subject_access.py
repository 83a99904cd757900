"""What lettings holds about a person, for their subject access export
(`hearth.core.subject_access`): the ending of a tenancy they held (notice, the
pre-termination visit, the forwarding address)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hearth.core.subject_access import Part, source
from hearth.lettings.models import TenancyEnding
from hearth.tenancies.queries import tenancies_held_by


@source
def tenancy_endings(person: Any) -> Iterable[Part]:
    found = TenancyEnding.objects.filter(tenancy__in=tenancies_held_by(person)).select_related(
        "tenancy"
    )
    yield Part(
        "tenancy_endings", "Ending a tenancy",
        ["tenancy reference", "notice given on", "end date", "reason", "visited on",
         "condition", "to put right", "forwarding address", "keys returned on"],
        [[e.tenancy.ref, e.notice_given_on, e.end_date, e.reason, e.visited_on, e.condition,
          e.put_right, e.forwarding_address, e.keys_returned_on] for e in found.order_by("notice_given_on", "pk")],
    )  # fmt: skip
