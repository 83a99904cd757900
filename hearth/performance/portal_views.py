"""The public performance page: no sign-in, plain English, a table and chart per standard,
and what we are doing where we fall short. The numbers come from the same report object as the
staff dashboard."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from hearth.performance import reporting
from hearth.performance.models import StandardNote
from hearth.performance.standards import sections


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    start = reporting.financial_year_start(today)
    found = reporting.dashboard_rows(start, today)
    notes = dict(StandardNote.objects.values_list("standard", "text"))
    return render(
        request,
        "performance/portal/home.html",
        {
            "report": found,
            "start": start,
            "end": today,
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
