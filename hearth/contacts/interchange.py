"""contacts.csv: the contact log, one row per contact about a tenancy, repair, complaint or
antisocial behaviour case. Each row's `case_ref` must name a case of its `case_type`, in this
import or the database; which file and model that is comes from
`hearth.contacts.case_types` (each domain registers its own)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import models
from django.db.models import Q

from hearth.contacts.case_types import register_case_type, registered_case_types
from hearth.contacts.models import CaseType, Contact, ContactChannel, Direction, Purpose
from hearth.interchange import registry
from hearth.interchange.columns import Choice, Date, Ref, Text
from hearth.interchange.context import Row
from hearth.interchange.registry import register
from hearth.interchange.spec import FileSpec
from hearth.tenancies.models import Tenancy

register_case_type("tenancy", model=Tenancy, file="tenancies.csv", label="tenancy")


@register
class ContactsFile(FileSpec):
    """Contacts are imported as contacts made by the landlord to the resident (outbound)."""

    name = "contacts.csv"
    label = "contact"
    model = Contact
    # Rows streamed through a staging table and loaded a chunk at a time (nothing points here).
    staged = True
    columns = (
        Ref("contact_ref"),
        Choice("case_type", CaseType, required=True),
        Text("case_ref", required=True),
        Date("date", required=True, field="contacted_on"),
        Choice("channel", ContactChannel, required=True),
        Choice("purpose", Purpose, required=True),
        Text("notes"),
    )

    @property
    def dependencies(self) -> tuple[str, ...]:
        files = [info.file for info in registered_case_types().values()]
        return tuple(dict.fromkeys(f for f in files if f != self.name))

    def references(self, row: Row) -> Iterator[tuple[str, str, str]]:
        info = registered_case_types().get(row.get("case_type") or "")
        if info is not None and row.get("case_ref"):
            yield "case_ref", info.file, row.get("case_ref")

    def export_queryset(self) -> models.QuerySet[Any]:
        """Contacts made by the landlord about the cases export writes. A case its file leaves
        out (a report triaged as household noise) takes its contacts with it, or they would
        point nowhere; a contact from the resident is left out, since the file has no
        direction and an import loads every row as made by the landlord, which is what the
        measures count."""
        cases = Q()
        for case_type, info in registered_case_types().items():
            exported = registry.get(info.file).export_queryset().order_by().values(info.ref_field)
            cases |= Q(case_type=case_type, case_ref__in=exported)
        return super().export_queryset().filter(cases, direction=Direction.OUTBOUND)

    def set_aside(self, row: Row) -> tuple[str | None, str] | None:
        case_type = row.get("case_type")
        if case_type and case_type not in registered_case_types():
            return "case_type", f"{case_type} cases are not kept in Hearth yet"
        return None
