"""Which service standard each measure reports on, so the public page can show a section per
standard. Read from the measure's id prefix, so a measure a domain adds later lands in its
standard's section (or in "Other measures") without this file changing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Standard:
    key: str
    title: Any
    prefixes: tuple[str, ...]


STANDARDS: tuple[Standard, ...] = (
    Standard("complaints", _("Complaints"), ("complaints.", "CH0")),
    Standard("repairs", _("Repairs"), ("RP02", "repairs.")),
    Standard(
        "safety",
        _("Building safety and the condition of homes"),
        ("BS0", "safety.", "RP01", "homes."),
    ),
    Standard("lettings", _("Empty homes and lettings"), ("voids.", "lettings.")),
    Standard("rent", _("Rent and money advice"), ("rent.", "arrears.", "tenancy.")),
    Standard("neighbourhood", _("Your estate and neighbourhood"), ("estate.", "asb.", "NM0")),
    Standard("residents_say", _("What residents say"), ("TP",)),
)
OTHER = Standard("other", _("Other measures"), ())


def standard_of(measure_id: str) -> Standard:
    for standard in STANDARDS:
        if measure_id.startswith(standard.prefixes):
            return standard
    return OTHER


@dataclass
class Section:
    standard: Standard
    measures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def falls_short(self) -> bool:
        return any(m.get("met") is False for m in self.measures)


def sections(measures: Iterable[dict[str, Any]]) -> list[Section]:
    """The report's measures grouped by standard, in the order they first appear (the spec's)."""
    found: dict[str, Section] = {}
    for row in measures:
        standard = standard_of(row["id"])
        found.setdefault(standard.key, Section(standard)).measures.append(row)
    return list(found.values())
