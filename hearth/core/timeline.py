"""The case timeline: every case type writes here through `record`, and every case page reads it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from hearth.core.actors import Actor, actor_of
from hearth.core.models import TimelineEvent


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
