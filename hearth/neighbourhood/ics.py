"""The iCalendar feed of a block's published inspections, for residents to subscribe to."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from hearth.neighbourhood import queries


def block_feed(block: Any) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Hearth//Estate inspections//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Estate inspections: {block.name}")
    zone = timezone.get_default_timezone()
    for inspection in queries.published_inspections(block):
        event = Event()
        event.add(
            "uid", f"{inspection.ref}@{settings.SITE_URL.split('//')[-1].strip('/') or 'hearth'}"
        )
        event.add("summary", f"Estate inspection of {block.name}")
        if inspection.start_time:
            start = datetime.combine(inspection.scheduled_on, inspection.start_time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(hours=1))
        else:
            event.add("dtstart", inspection.scheduled_on)
            event.add("dtend", inspection.scheduled_on + timedelta(days=1))
        event.add(
            "dtstamp",
            datetime.combine(
                inspection.published_on or inspection.scheduled_on, time(0), tzinfo=zone
            ),
        )
        if inspection.meeting_point:
            event.add("location", inspection.meeting_point)
        event.add("description", "Residents are welcome to join the walkabout.")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
