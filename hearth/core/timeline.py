"""The case timeline: every case type writes here through `record`, and every case page reads it.

An event keeps the summary written when it happened (in the language then active, English for
staff), and its verb and details. A domain may register how a verb reads (`register_summaries`,
in the app's `timeline_summaries.py`, found automatically): a translatable text formatted with
the details, or a function of the details. `summary_of(event)` then writes the summary at
reading time, in the reader's language; a verb with nothing registered, or an older event
without the details it needs, reads as stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise

from hearth.core.actors import Actor, actor_of
from hearth.core.models import TimelineEvent
from hearth.core.registry import Registry

SummaryRenderer = Callable[[Mapping[str, Any]], str]
Summary = str | Promise | SummaryRenderer
_summaries: Registry[Summary] = Registry("timeline summaries", discover="timeline_summaries")
EVERY_APP = "*"


def record(
    case: models.Model,
    *,
    verb: str,
    summary: str,
    actor: Actor = None,
    details: dict[str, Any] | None = None,
    visible_to_resident: bool = False,
    occurred_at: datetime | None = None,
) -> TimelineEvent:
    """Write one event on a case's timeline. Services call this for every change they make."""
    return TimelineEvent.objects.create(
        content_type=ContentType.objects.get_for_model(case),
        object_id=str(case.pk),
        verb=verb,
        summary=summary,
        actor=actor_of(actor),
        details=details or {},
        visible_to_resident=visible_to_resident,
        occurred_at=occurred_at or timezone.now(),
    )


@dataclass(frozen=True)
class Event:
    """One event for `record_many`."""

    case: models.Model
    verb: str
    summary: str
    actor: Actor = None
    details: dict[str, Any] | None = None
    visible_to_resident: bool = False
    occurred_at: datetime | None = None


def record_many(events: Iterable[Event], *, batch_size: int = 2000) -> int:
    """Write many events in bulk (a sweep, a batch job, an import): the same rows `record`
    writes, one INSERT per batch. Returns how many were written."""
    now = timezone.now()
    content_types: dict[type[models.Model], ContentType] = {}
    rows = []
    for event in events:
        model = type(event.case)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model)
        rows.append(
            TimelineEvent(
                content_type=content_types[model],
                object_id=str(event.case.pk),
                verb=event.verb,
                summary=event.summary,
                actor=actor_of(event.actor),
                details=event.details or {},
                visible_to_resident=event.visible_to_resident,
                occurred_at=event.occurred_at or now,
            )
        )
    TimelineEvent.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


def events_for(
    case: models.Model, *, resident_view: bool = False
) -> models.QuerySet[TimelineEvent]:
    events = TimelineEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(case), object_id=str(case.pk)
    ).select_related("actor")
    if resident_view:
        events = events.filter(visible_to_resident=True)
    return events


def register_summary(app_label: str, verb: str, summary: Summary) -> Summary:
    """Say how events of `verb` on the cases of app `app_label` read (`EVERY_APP` for a verb
    core writes on any case, such as a message sent). `summary` is either a
    translatable text (`gettext_lazy("Repair completed: %(note)s")`) formatted with the event's
    details, or a function taking the details and returning the text (it calls gettext, so it
    writes in the reader's language). A detail it needs that an event lacks (a KeyError) makes
    that event read as stored."""
    return _summaries.register(summary, key=f"{app_label}:{verb}")


def register_summaries(app_label: str, summaries: Mapping[str, Summary]) -> None:
    """`register_summary` for each verb and summary of `summaries`."""
    for verb, summary in summaries.items():
        register_summary(app_label, verb, summary)


def summary_of(event: TimelineEvent) -> str:
    """What `event` says, in the active language where its verb has a registered summary;
    otherwise the summary stored when it happened."""
    app_label = ContentType.objects.get_for_id(event.content_type_id).app_label
    summary = _summaries.get(f"{app_label}:{event.verb}") or _summaries.get(
        f"{EVERY_APP}:{event.verb}"
    )
    if summary is None:
        return event.summary
    details = event.details if isinstance(event.details, dict) else {}
    try:
        text = str(summary) % details if isinstance(summary, str | Promise) else summary(details)
    except (KeyError, TypeError, ValueError):
        return event.summary
    return text or event.summary
