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
from operator import attrgetter
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

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


# Stands for a row's argument in a URL reversed once: digits, so that every path converter
# (int, slug, str) accepts it.
_PLACEHOLDER = "90817263544536271809"


def url_for(name: str) -> Callable[[object], str]:
    """`reverse(name, args=[arg])` for each of many rows: the URL is reversed once with a
    placeholder, and each row's argument put in its place, quoted as `reverse` quotes it (a
    source's list runs to hundreds of items; reversing each costs more than building it)."""
    pattern = reverse(name, args=[_PLACEHOLDER])
    if pattern.count(_PLACEHOLDER) != 1:
        return lambda arg: reverse(name, args=[arg])
    before, after = pattern.split(_PLACEHOLDER)
    safe = RFC3986_SUBDELIMS + "/~:@"
    return lambda arg: f"{before}{quote(str(arg), safe=safe)}{after}"


def with_urls(
    rows: Iterable[Any], name: str, ref: Callable[[Any], object] = attrgetter("ref")
) -> list[Any]:
    """The rows of a list page, each given the `url` of its own page (`name` reversed with
    `ref(row)`), the URL reversed once for the list by `url_for`, not once a row."""
    url = url_for(name)
    found = list(rows)
    for row in found:
        row.url = url(ref(row))
    return found


_STATE_ORDER = {State.OVERDUE: 0, State.DUE_TODAY: 1, State.DUE_SOON: 2, State.ON_TRACK: 3}


def work_for(user: Any, *, until: date | None = None) -> list[WorkItem]:
    """Every item due for `user` on or before `until` (default today), most urgent first."""
    until = until or timezone.localdate()
    items = [item for source in _sources.items() for item in source(user, until=until)]
    return sorted(items, key=lambda item: (_STATE_ORDER.get(item.state, 9), item.due, item.title))
