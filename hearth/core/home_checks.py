"""Safety checks on a home, for whichever domain must know them before acting.

Building safety keeps the register and registers a source here in its AppConfig.ready();
lettings reads the checks back for its safety gates (and falls back to the checks it records
on the void itself when there is no register, or the register has none of a kind). Neither
imports the other.

A source takes a home's id and returns that home's checks, and its block's where a check is
kept on the block (asbestos), in the shape of `safety_checks.csv`: `kind` is gas, electrical,
smoke_alarm, co_alarm or asbestos (other kinds may come too); `outcome` is satisfactory,
unsatisfactory or no_access.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from hearth.core.registry import Registry


@dataclass(frozen=True)
class HomeCheck:
    kind: str
    done_on: date
    outcome: str
    next_due_on: date | None = None
    certificate_ref: str = ""
    # The register's smoke alarm test covers the whole home, so every storey.
    every_storey: bool = True
    ref: str = ""
    pk: int = 0


HomeCheckSource = Callable[[int], Iterable[HomeCheck]]
_sources: Registry[HomeCheckSource] = Registry("home check sources")


def register_home_check_source(source: HomeCheckSource) -> HomeCheckSource:
    return _sources.register(source)


def checks_for_home(home_id: int) -> list[HomeCheck]:
    return [check for source in _sources.items() for check in source(home_id)]
