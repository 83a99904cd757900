"""What building safety holds about a person, for their subject access export
(`hearth.core.subject_access`): the copies of gas safety records and electrical reports given
to them for a tenancy they hold."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hearth.core.subject_access import Part, source
from hearth.safety.models import ResidentCopy
from hearth.tenancies.queries import tenancies_held_by


@source(covers=[ResidentCopy])
def safety_copies(person: Any) -> Iterable[Part]:
    found = ResidentCopy.objects.filter(tenancy__in=tenancies_held_by(person)).select_related(
        "safety_check", "tenancy"
    )
    yield Part(
        "safety_records_given", "Safety records given to them",
        ["tenancy reference", "check reference", "check", "done on", "given on", "how"],
        [[c.tenancy.ref, c.safety_check.ref, c.safety_check.get_kind_display(),
          c.safety_check.done_on, c.given_on, c.get_channel_display()]
         for c in found.order_by("given_on", "pk")],
    )  # fmt: skip
