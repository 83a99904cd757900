"""My requests: every open case a resident has with us, across all domains, with what we
promised and by when, like a parcel tracker.

A domain registers a source in its AppConfig.ready() (the portal reads them back):

    from hearth.core.requests import ResidentRequest, Step, register_request_source

    @register_request_source
    def open_repairs(user):
        for repair in Repair.objects.open().for_resident(user):
            yield ResidentRequest(
                title=f"Repair: {repair.summary}", reference=repair.ref, kind="Repair",
                opened_on=repair.reported_on, promise="We will fix it within 20 working days",
                due=repair.due_on, state=deadlines.state(repair.due_on),
                status="Appointment booked for Tuesday 3 June, morning",
                steps=(Step("Reported", done=True, on=repair.reported_on), Step("Fixed")),
            )

A source returns only that resident's open cases (fetched through the domain's
permission-scoped queries), in plain words the resident understands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from hearth.core.deadlines import State
from hearth.core.registry import Registry


@dataclass(frozen=True)
class Step:
    label: str
    done: bool = False
    on: date | None = None


@dataclass(frozen=True)
class ResidentRequest:
    title: str
    reference: str
    kind: str
    opened_on: date
    promise: str  # what we promised, e.g. "We will reply within 10 working days"
    due: date | None  # by when
    status: str  # where it is now, in plain words
    state: State | None = None
    url: str = ""  # a page with more detail, if there is one
    steps: tuple[Step, ...] = ()


RequestSource = Callable[[Any], Iterable[ResidentRequest]]
_sources: Registry[RequestSource] = Registry("resident request sources")


def register_request_source(source: RequestSource) -> RequestSource:
    """Add a source of a resident's open requests (registering twice has no effect)."""
    return _sources.register(source)


def request_sources() -> list[RequestSource]:
    return _sources.items()


def requests_for(user: Any) -> list[ResidentRequest]:
    """All of a resident's open requests, the soonest due first (undated ones last)."""
    requests = [request for source in _sources.items() for request in source(user)]
    return sorted(requests, key=lambda r: (r.due is None, r.due or date.max, r.opened_on, r.title))
