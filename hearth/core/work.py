"""My work: what each officer must act on, gathered from every domain.

A domain registers a source in its AppConfig.ready() (the staff site reads them back):

    from hearth.core.work import WorkItem, register_work_source

    @register_work_source
    def repairs_due(user, *, until):
        for repair in Repair.objects.open().assigned_to(user).filter(due_on__lte=until):
            yield WorkItem(title=str(repair), url=repair.get_absolute_url(),
                           case_type="Repair", due=repair.due_on,
                           state=deadlines.state(repair.due_on))

A source returns the items for `user` that fall due on or before `until` (My work asks for
today, so overdue and due today), using its own indexes and a bounded query. It returns nothing
for a user whose role does not deal with that kind of case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from hearth.core.deadlines import State
from hearth.core.registry import Registry


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    case_type: str
    due: date
    state: State
    detail: str = ""


WorkSource = Callable[..., Iterable[WorkItem]]
_sources: Registry[WorkSource] = Registry("work sources")


def register_work_source(source: WorkSource) -> WorkSource:
    """Add a source of work items (registering the same function twice has no effect)."""
    return _sources.register(source)


def work_sources() -> list[WorkSource]:
    return _sources.items()


_STATE_ORDER = {State.OVERDUE: 0, State.DUE_TODAY: 1, State.DUE_SOON: 2, State.ON_TRACK: 3}


def work_for(user: Any, *, until: date | None = None) -> list[WorkItem]:
    """Every item due for `user` on or before `until` (default today), most urgent first."""
    until = until or timezone.localdate()
    items = [item for source in _sources.items() for item in source(user, until=until)]
    return sorted(items, key=lambda item: (_STATE_ORDER.get(item.state, 9), item.due, item.title))
