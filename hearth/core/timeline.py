"""The case timeline: every case type writes here through `record`, and every case page reads it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from hearth.core.models import TimelineEvent


def record(
    case: models.Model,
    *,
    verb: str,
    summary: str,
    actor: Any = None,
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
        actor=actor if getattr(actor, "pk", None) else None,
        details=details or {},
        visible_to_resident=visible_to_resident,
        occurred_at=occurred_at or timezone.now(),
    )


def events_for(
    case: models.Model, *, resident_view: bool = False
) -> models.QuerySet[TimelineEvent]:
    events = TimelineEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(case), object_id=str(case.pk)
    ).select_related("actor")
    if resident_view:
        events = events.filter(visible_to_resident=True)
    return events
