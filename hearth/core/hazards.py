"""The Awaab's Law hazard list, for whichever domain needs it.

Building safety keeps the list (each hazard with the date its phase came in, the landlord's to
change) and registers it here in its AppConfig.ready(); repairs reads it back to decide which
reports get the statutory clocks. Neither imports the other.

    from hearth.core.hazards import register_hazard_source
    register_hazard_source(queries.hazard_list)

A source returns every hazard it knows, in scope or not. With no source registered (building
safety not installed), only damp and mould and emergency hazards are known, from the date phase
1 came in, so a repair about damp and mould still gets its clocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from hearth.core.registry import Registry

DAMP_AND_MOULD = "damp_mould"
EMERGENCY = "emergency"
PHASE_1 = date(2025, 10, 27)


@dataclass(frozen=True)
class Hazard:
    code: str
    name: str
    in_force_from: date

    def in_scope(self, on: date) -> bool:
        """Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025: a
        hazard is in scope for a report made on or after the day its phase came into force."""
        return on >= self.in_force_from


HazardSource = Callable[[], Iterable[Hazard]]
_sources: Registry[HazardSource] = Registry("Awaab's Law hazard lists")


def _fallback() -> list[Hazard]:
    """Only when no domain keeps the list: phase 1's two."""
    return [
        Hazard(DAMP_AND_MOULD, _("Damp and mould"), PHASE_1),
        Hazard(EMERGENCY, _("Emergency hazards"), PHASE_1),
    ]


def register_hazard_source(source: HazardSource) -> HazardSource:
    return _sources.register(source)


def hazards() -> list[Hazard]:
    """Every hazard the registered lists know, by code (the first list to name one wins)."""
    found: dict[str, Hazard] = {}
    for source in _sources.items():
        for hazard in source():
            found.setdefault(hazard.code, hazard)
    if not found:
        return _fallback()
    return list(found.values())


def hazard(code: str) -> Hazard | None:
    return next((h for h in hazards() if h.code == code), None)


def in_scope(code: str, *, on: date) -> bool:
    """Whether a report about hazard `code` made on `on` gets Awaab's Law's clocks."""
    found = hazard(code)
    return found is not None and found.in_scope(on)
