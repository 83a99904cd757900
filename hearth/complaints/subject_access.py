"""What complaints holds about a person, for their subject access export: the complaints they
made (`hearth.core.subject_access`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hearth.complaints.models import Complaint
from hearth.core.subject_access import Part, source


@source(covers=[Complaint])
def complaints(person: Any) -> Iterable[Part]:
    found = list(Complaint.objects.filter(complainant=person).order_by("received_on", "pk"))
    yield Part(
        "complaints", "Complaints",
        ["complaint reference", "received on", "category", "what they said", "outcome wanted",
         "status", "representative"],
        [[c.ref, c.received_on, c.get_category_display(), c.description, c.desired_outcome,
          c.get_status_display(), c.representative_name] for c in found],
        cases=found,
    )  # fmt: skip
