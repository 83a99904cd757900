"""Where a member of staff works: the homes of the jobs assigned to them. Tenancies sit below
the domains that hand out jobs (repairs, and others to come), so each of those registers a
function here from its AppConfig.ready() instead of tenancies importing it:

    register_work_places(repairs_homes_worked_by)   # (user) -> iterable of home ids

`homes_worked_by(user)` is the union of every registered answer. It decides whose support needs
a role that sees them only "at work" (operatives) may be shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from hearth.core.registry import Registry

WorkPlaces = Callable[[Any], Iterable[int]]

work_places: Registry[WorkPlaces] = Registry("work places")


def register_work_places(func: WorkPlaces) -> WorkPlaces:
    """Add a source of "the homes this user works at" (usable as a decorator)."""
    return work_places.register(func)


def homes_worked_by(user: Any) -> set[int]:
    """The ids of every home where the user has a job, by every registered source."""
    homes: set[int] = set()
    for source in work_places:
        homes.update(source(user))
    return homes
