"""How the repairs service is doing this financial year: the home standard's six measures,
from the same registry the measures command, the API and the reports use."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hearth.core.access import staff_view
from hearth.core.measures import report
from hearth.core.permissions import Can

MEASURES = [
    "RP02.emergency",
    "RP02.non_emergency",
    "repairs.first_visit_fix",
    "repairs.appointments_offered",
    "repairs.appointments_kept",
    "repairs.progress_updates",
]


def financial_year_start(day: date) -> date:
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


@staff_view(Can.VIEW_MEASURES)
def performance(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    found = report(financial_year_start(today), today, only=MEASURES)
    return render(request, "repairs/staff/performance.html", {"report": found})
