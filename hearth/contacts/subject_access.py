"""The contact log about a person's cases, for their subject access export
(`hearth.core.subject_access`): every call, visit and letter logged against a case of theirs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import models

from hearth.contacts.models import Contact
from hearth.core.subject_access import Part, follower


@follower(covers=[Contact])
def contact_log(cases: Sequence[models.Model]) -> Iterable[Part]:
    refs = {str(ref) for ref in (getattr(case, "ref", "") for case in cases) if ref}
    rows = Contact.objects.filter(case_ref__in=refs).order_by("contacted_on", "pk")
    yield Part(
        "contact_log", "Contact log",
        ["case", "contacted on", "channel", "direction", "purpose", "notes"],
        [[f"{c.get_case_type_display()} {c.case_ref}", c.contacted_on, c.get_channel_display(),
          c.get_direction_display(), c.get_purpose_display(), c.notes] for c in rows],
    )  # fmt: skip
