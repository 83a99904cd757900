"""What goes in a newsletter beside the staff's news and events: a performance summary (from
the measures registry's report, the same numbers as everywhere) and "You said, we did"; and the
printable PDF (WeasyPrint)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string

from hearth.core.measures import report
from hearth.core.models import Landlord
from hearth.involvement import queries
from hearth.involvement.models import Newsletter


def _year_start(day: date) -> date:
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


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
