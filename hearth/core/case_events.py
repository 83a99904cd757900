"""A case has closed: a repair completed, a complaint answered, an ASB case closed. A domain
says so with `case_closed(...)`; apps above it (involvement's transactional surveys) listen
with `on_case_closed(fn)` from their AppConfig.ready(), so no domain imports them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from hearth.core.actors import Actor
from hearth.core.registry import Registry


@dataclass(frozen=True)
class CaseClosed:
    case_type: str  # as the contact log names it: "repair", "complaint", "asb"
    case_ref: str
    closed_on: date
    person_id: int | None = None  # who to ask, when known
    tenancy_id: int | None = None
    actor: Actor = None


Listener = Callable[[CaseClosed], object]
_listeners: Registry[Listener] = Registry("case closed listeners")


def on_case_closed(listener: Listener) -> Listener:
    """Run `listener` whenever a domain reports a closed case (in the same transaction)."""
    return _listeners.register(listener)


def case_closed(event: CaseClosed) -> None:
    for listener in _listeners.items():
        listener(event)
