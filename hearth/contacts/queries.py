"""Reads other domains' measures need: "was the resident contacted about this case?"."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from hearth.contacts.models import Contact, Direction


def contacted(
    case_type: str,
    *,
    case_ref_field: str = "ref",
    purposes: list[str] | None = None,
    window: Q | None = None,
) -> Exists:
    """An `Exists` that is true when an outbound contact about the outer case was logged.

    `window` narrows it further with a `Q` on `contacted_on` that may use `OuterRef`s, e.g.
    `Q(contacted_on__gte=OuterRef("visited_on"), contacted_on__lte=OuterRef("update_due"))`.
    """
    contacts = Contact.objects.filter(
        case_type=case_type, case_ref=OuterRef(case_ref_field), direction=Direction.OUTBOUND
    )
    if purposes:
        contacts = contacts.filter(purpose__in=purposes)
    if window is not None:
        contacts = contacts.filter(window)
    return Exists(contacts)
