"""The public performance page: no sign-in, plain English, a table and chart per standard,
and what we are doing where we fall short. The numbers come from the same report object as the
staff dashboard."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hearth.performance import reporting
from hearth.performance.models import StandardNote
from hearth.performance.standards import sections


def home(request: HttpRequest) -> HttpResponse:
    """This financial year so far, or a past year's (`?year=2025` is April 2025 to March 2026)."""
    today = timezone.localdate()
    start, end = reporting.financial_year_start(today), today
    this_year = start.year
    asked = request.GET.get("year", "")
    if asked.isdigit() and 2000 <= int(asked) < start.year:
        start, end = date(int(asked), 4, 1), date(int(asked) + 1, 3, 31)
    found = reporting.dashboard_rows(start, end)
    notes = dict(StandardNote.objects.values_list("standard", "text"))
    return render(
        request,
        "performance/portal/home.html",
        {
            "report": found,
            "start": start,
            "end": end,
            "years": list(range(this_year - 1, this_year - 4, -1)),
            "this_year": this_year,
            "sections": [
                (
                    section,
                    notes.get(section.standard.key, ""),
                    mark_safe(  # noqa: S308 - numbers and an escaped label only
                        reporting.section_chart_svg(
                            section.measures,
                            label=_("%(standard)s: our results as bars, in the table below")
                            % {"standard": section.standard.title},
                        )
                    ),
                )
                for section in sections(found["measures"])
            ],
        },
    )
