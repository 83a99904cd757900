"""A timeline event's summary in the reader's language (`{% load hearth_timeline %}`,
`{{ event|timeline_summary }}`): see `hearth.core.timeline.summary_of`."""

from __future__ import annotations

from django import template

from hearth.core.models import TimelineEvent
from hearth.core.timeline import summary_of

register = template.Library()


@register.filter
def timeline_summary(event: TimelineEvent) -> str:
    return summary_of(event)
