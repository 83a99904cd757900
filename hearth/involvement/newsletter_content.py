"""What goes in a newsletter beside the staff's news and events: neighbourhood's community
events and projects marked for the newsletter, a performance summary (from the measures
registry's report, the same numbers as everywhere) and "You said, we did"; and the printable PDF
(WeasyPrint)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.template.loader import render_to_string

from hearth.core.measures import report
from hearth.core.models import Landlord
from hearth.involvement import queries
from hearth.involvement.models import Newsletter


def _year_start(day: date) -> date:
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


EVENTS_AHEAD_DAYS = 91  # community events starting in the three months from the issue date


def community_events(newsletter: Newsletter) -> list[Any]:
    """Neighbourhood's published events and projects marked for the newsletter that start on
    or after the issue date and within the next three months."""
    if not newsletter.include_community_events:
        return []
    from hearth.neighbourhood.queries import newsletter_items

    start = newsletter.issue_date
    return list(newsletter_items(start=start, end=start + timedelta(days=EVENTS_AHEAD_DAYS)))


def context(newsletter: Newsletter) -> dict[str, Any]:
    start = _year_start(newsletter.issue_date)
    measures = []
    if newsletter.include_performance:
        found = report(start, newsletter.issue_date)
        measures = [
            m for m in found["measures"] if m["value"] is not None and m["target"] is not None
        ]
    return {
        "landlord": Landlord.current(),
        "period_start": start,
        "measures": measures,
        "participation": queries.participation_between(start, newsletter.issue_date),
        "community_events": community_events(newsletter),
        "suggestions": list(queries.published_suggestions()[:5])
        if newsletter.include_you_said
        else [],
    }


def pdf(newsletter: Newsletter) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "involvement/pdf/newsletter.html", {"newsletter": newsletter, **context(newsletter)}
    )
    return bytes(HTML(string=html).write_pdf())
